import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { InvalidInputError } from "../../sim/errors.ts";
import type { Logger } from "../log/index.ts";
import type { Behaviour } from "./behaviours.ts";
import { type LocalnetOptions, type LocalnetResult, runLocalnet } from "./localnet.ts";
import { formatEpoch, renderReport } from "./view.ts";

export { defaultLocalnetOptions, type LocalnetOptions, runLocalnet } from "./localnet.ts";

const BEHAVIOURS: Behaviour[] = ["honest", "slow", "lazy", "copying"];

export function parseMiners(text: string): Behaviour[] {
  const out = text.split(",").map((s) => s.trim());
  out.forEach((b, i) => {
    if (!BEHAVIOURS.includes(b as Behaviour))
      throw new InvalidInputError(`miners[${i}]`, `"${b}" is not a behaviour`, BEHAVIOURS.join(", "));
  });
  return out as Behaviour[];
}

/** Runs the localnet with a live view on `out`, then writes the HTML report (atomically). */
export async function startLocalnet(
  opts: Partial<LocalnetOptions> & { report: string },
  components: { out: NodeJS.WritableStream; logger?: Logger; signal?: AbortSignal },
): Promise<LocalnetResult> {
  if (
    opts.epochs !== undefined &&
    !(Number.isInteger(opts.epochs) && opts.epochs >= 1 && opts.epochs <= 1000)
  ) {
    throw new InvalidInputError("epochs", `${opts.epochs}`, "an integer 1..1000");
  }
  const result = await runLocalnet(opts, {
    logger: components.logger,
    signal: components.signal,
    onEpoch: (v) => components.out.write(`\n${formatEpoch(v)}\n`),
  });
  await mkdir(dirname(opts.report), { recursive: true });
  const tmp = `${opts.report}.tmp-${randomBytes(4).toString("hex")}`;
  await writeFile(tmp, renderReport(result));
  await rename(tmp, opts.report);
  components.out.write(`\nreport: ${opts.report}\n`);
  return result;
}
