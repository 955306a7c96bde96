import { readFile } from "node:fs/promises";
import type { CommandModule } from "yargs";
import { InvalidInputError, PlexusError } from "../../../../sim/errors.ts";
import { epochExact } from "../../../../sim/yuma/epoch.ts";
import { epochFast, epochWithMechanismsFast } from "../../../../sim/yuma/fast/index.ts";
import { epochWithMechanismsExact } from "../../../../sim/yuma/mechanisms.ts";
import {
  type EpochInput,
  type EpochMode,
  type MechanismsInput,
  withVariant,
  YUMA_VARIANT_NAMES,
  type YumaVariantName,
} from "../../../../sim/yuma/types.ts";
import { validateEpochInput, validateMechanismsInput } from "../../../../sim/yuma/validate.ts";
import { quoteUnsafeIntegers } from "../../../conformance/lossless_json.ts";
import {
  epochJson,
  epochTable,
  mechanismsJson,
  mechanismsTable,
  stringify,
} from "../../../report/epoch-format.ts";

export interface SimEpochOptions {
  file: string;
  variant?: YumaVariantName;
  mode: EpochMode;
  format: "json" | "table";
}

/** The input file could not be read. */
export class InputFileError extends PlexusError {
  constructor(file: string, problem: string, cause?: unknown) {
    super("INPUT_FILE", `${file}: ${problem}`, { meta: { file }, cause });
    this.name = "InputFileError";
  }
}

/**
 * Reads an epoch input in the vector schema (a bare input, or a vector case `{input, …}`; an input
 * with `mechanisms` runs `epoch_with_mechanisms`), runs it and renders the outputs. Integers beyond
 * 2^53 are read exactly (as bigint). Throws `InvalidInputError`s that name the field.
 */
export async function runSimEpoch(opts: SimEpochOptions): Promise<string> {
  let text: string;
  try {
    text = await readFile(opts.file, "utf8");
  } catch (err) {
    throw new InputFileError(opts.file, `cannot read the file (${(err as Error).message})`, err);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(quoteUnsafeIntegers(text), (_k, v) =>
      typeof v === "string" && /^\d+$/.test(v) ? BigInt(v) : v,
    );
  } catch (err) {
    throw new InvalidInputError("(file)", `not valid JSON (${(err as Error).message})`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InvalidInputError(
      "(root)",
      "expected an object",
      "an epoch input, or a vector case {input: …}",
    );
  }
  let input = ("input" in raw ? (raw as { input: unknown }).input : raw) as EpochInput | MechanismsInput;
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new InvalidInputError("input", "expected an object", "an epoch input (shared spec yuma.md §0.2)");
  }
  if (opts.variant !== undefined) input = withVariant(input, opts.variant);
  const yuma3 = input.yuma3 === true;
  if ("mechanisms" in input) {
    if (opts.mode === "fast") validateMechanismsInput(input);
    const out = opts.mode === "fast" ? epochWithMechanismsFast(input) : epochWithMechanismsExact(input);
    return opts.format === "table" ? mechanismsTable(out) : stringify(mechanismsJson(out, yuma3));
  }
  if (opts.mode === "fast") validateEpochInput(input);
  const out = opts.mode === "fast" ? epochFast(input) : epochExact(input);
  return opts.format === "table" ? epochTable(out) : stringify(epochJson(out, { emaBonds: true, yuma3 }));
}

interface EpochArgs {
  in: string;
  variant?: YumaVariantName;
  mode: EpochMode;
  format: "json" | "table";
}

export const epoch: CommandModule<object, EpochArgs> = {
  command: "epoch",
  describe: "Run one Yuma Consensus epoch on an input in the test-vector schema and print its outputs",
  builder: (y) =>
    y
      .option("in", {
        type: "string",
        demandOption: true,
        describe: "epoch input JSON (a bare input or a vector case {input: …})",
      })
      .option("variant", {
        choices: YUMA_VARIANT_NAMES,
        describe: "override the yuma3 / liquid_alpha switches of the input",
      })
      .option("mode", {
        choices: ["exact", "fast"] as const,
        default: "exact" as const,
        describe: "exact: bit-for-bit the chain; fast: float64, for sweeps",
      })
      .option("format", {
        choices: ["json", "table"] as const,
        default: "json" as const,
        describe: "json: the vector schema of `expected`; table: one row per uid",
      })
      .example("$0 sim epoch --in case.json", "outputs in the vector `expected` schema")
      .example("$0 sim epoch --in case.json --variant yuma3-liquid --format table", "a per-uid table"),
  handler: async (args) => {
    const text = await runSimEpoch({
      file: args.in,
      variant: args.variant,
      mode: args.mode,
      format: args.format,
    });
    process.stdout.write(`${text}\n`);
  },
};
