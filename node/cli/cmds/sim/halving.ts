import type { CommandModule } from "yargs";
import { formatTao, parseRao } from "../../../../sim/emission/amounts.ts";
import { halvingSchedule, RAO_PER_TAO } from "../../../../sim/emission/index.ts";
import { InvalidInputError } from "../../../../sim/errors.ts";

export interface HalvingOptions {
  issuance: string;
  block: number;
  date?: string;
  rows: number;
  json: boolean;
}

/**
 * The TAO halving schedule from a starting issuance: per era the halving index, first block,
 * estimated date (12 s blocks) and emission per block. Returns the text to print.
 */
export function runHalving(opts: HalvingOptions, now: Date): string {
  const issuance = parseRao("issuance", opts.issuance);
  if (!Number.isInteger(opts.block) || opts.block < 0)
    throw new InvalidInputError("block", "not a block number", "integer >= 0");
  if (!Number.isInteger(opts.rows) || opts.rows < 1 || opts.rows > 64)
    throw new InvalidInputError("rows", "out of range", "1..64");
  const start = opts.date === undefined ? now : new Date(opts.date);
  if (Number.isNaN(start.getTime()))
    throw new InvalidInputError("date", `not a date: ${opts.date}`, "ISO 8601, e.g. 2026-01-01T00:00:00Z");
  const rows = halvingSchedule({
    startIssuance: issuance,
    startBlock: BigInt(opts.block),
    startTimeMs: start.getTime(),
    maxRows: opts.rows,
  });
  if (opts.json) {
    return JSON.stringify(
      rows.map((r) => ({
        halving: r.index,
        block: Number(r.block),
        date: new Date(r.timeMs).toISOString(),
        issuance_rao: r.issuance.toString(),
        block_emission_rao: Number(r.blockEmission),
      })),
      null,
      2,
    );
  }
  const lines = ["halving  block            date (12 s blocks)  issuance (TAO)        emission (TAO/block)"];
  for (const r of rows) {
    lines.push(
      `${String(r.index).padStart(7)}  ${r.block.toString().padStart(15)}  ${new Date(r.timeMs).toISOString().slice(0, 10).padEnd(18)}  ${formatTao(r.issuance).padStart(20)}  ${formatTao(r.blockEmission)}`,
    );
  }
  lines.push(
    `(1 TAO = ${RAO_PER_TAO} rao; emission halves each time half of the remaining supply is issued)`,
  );
  return lines.join("\n");
}

export const halving: CommandModule<object, HalvingOptions> = {
  command: "halving",
  describe: "TAO halving schedule: era, block, estimated date, block emission",
  builder: (y) =>
    y
      .option("issuance", { type: "string", default: "0", describe: "current total issuance in TAO" })
      .option("block", { type: "number", default: 0, describe: "current block number" })
      .option("date", { type: "string", describe: "date of that block (ISO 8601); default now" })
      .option("rows", { type: "number", default: 10, describe: "number of eras to list" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" })
      .example("$0 sim halving --issuance 10400000 --block 6000000", "eras from today's issuance"),
  handler: async (args) => {
    process.stdout.write(`${runHalving(args, new Date())}\n`);
  },
};
