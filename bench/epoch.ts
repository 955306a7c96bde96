/**
 * `npm run bench -- epoch [--sizes 64x64,256x64,...] [--variant yuma2|yuma3|yuma3-liquid]
 * [--modes exact,fast] [--runs N]`: one Yuma epoch at several subnet sizes (uids × validators),
 * random dense weights from a seeded PRNG, in steady state: the timed epoch is the second one, run
 * on the bonds the first one wrote. Median and minimum wall time of N timed runs after two warm-up
 * runs, and the median process CPU time per run (`cpu_ms_median`, steadier on a shared machine).
 *
 * - exact: `epochExact(CompactEpochInput)` (bit-exact fixed point), weights and bonds as compact
 *   typed-array rows (`sim/yuma/compact.ts`), as a simulator holds them between epochs.
 * - fast: `epochFastArrays(FastEpochInput)`, the typed-array core a sweep calls; the cost of
 *   converting a vector-schema input and output around it is reported as `convert_ms_median`.
 */
import { cpus, loadavg } from "node:os";
import { compactBonds, compactSparseU16 } from "../sim/yuma/compact.ts";
import { epochExact } from "../sim/yuma/epoch.ts";
import { epochFastArrays, type FastEpochInput, fromFastOutput, toFastInput } from "../sim/yuma/fast/index.ts";
import { randomEpochInput } from "../sim/yuma/fast/random.ts";
import {
  type CompactEpochInput,
  type EpochInput,
  withVariant,
  YUMA_VARIANT_NAMES,
  type YumaVariantName,
} from "../sim/yuma/types.ts";
import type { BenchOutput } from "./index.ts";

const DEFAULT_SIZES: Array<[number, number]> = [
  [64, 64],
  [256, 64],
  [1024, 256],
  [4096, 256],
];

interface Options {
  sizes: Array<[number, number]>;
  variant: YumaVariantName;
  modes: Array<"exact" | "fast">;
  runs: number;
}

function parseArgs(args: string[]): Options {
  const opts: Options = { sizes: DEFAULT_SIZES, variant: "yuma3", modes: ["exact", "fast"], runs: 7 };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--sizes") {
      opts.sizes = value.split(",").map((s) => {
        const m = /^(\d+)x(\d+)$/.exec(s);
        if (m === null) throw new Error(`--sizes: ${s} is not UIDSxVALIDATORS`);
        return [Number(m[1]), Number(m[2])];
      });
    } else if (flag === "--variant") {
      if (!(YUMA_VARIANT_NAMES as string[]).includes(value))
        throw new Error(`--variant: one of ${YUMA_VARIANT_NAMES}`);
      opts.variant = value as YumaVariantName;
    } else if (flag === "--modes") {
      opts.modes = value.split(",") as Options["modes"];
      if (opts.modes.some((m) => m !== "exact" && m !== "fast")) throw new Error("--modes: exact,fast");
    } else if (flag === "--runs") {
      opts.runs = Math.max(5, Number(value));
    } else {
      throw new Error(`unknown option ${flag}`);
    }
  }
  return opts;
}

/**
 * Median and minimum wall time (ms) of `runs` timed calls after two warm-up calls, and the median
 * CPU time of the process per call (user + system, all threads): on a shared machine the CPU time
 * is the steadier figure.
 */
function time(runs: number, f: () => void): { median: number; min: number; cpu: number } {
  f();
  f();
  const ts: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  ts.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { median: ts[ts.length >> 1], min: ts[0], cpu: cpu[cpu.length >> 1] };
}

/** The input of the second epoch: the first one's bonds and permits, one tempo later. */
function secondEpoch<T extends EpochInput | CompactEpochInput>(
  first: T,
  bonds: T["bonds"],
  permits: boolean[],
): T {
  const tempo = first.tempo;
  return {
    ...first,
    bonds,
    validator_permit: permits,
    last_mechanism_step_block: first.current_block,
    current_block: Number(first.current_block) + tempo,
    last_update: first.last_update.map((b) => Number(b) + tempo),
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const rssMb = (): number => Math.round(process.memoryUsage().rss / 2 ** 20);

/**
 * Steady-state timing of the exact engine. The vector-schema input is converted once to compact
 * rows and dropped, as a simulator would: millions of small pair arrays left on the heap would make
 * every garbage collection trace them.
 */
function benchExact(makeFirst: () => EpochInput, runs: number): Record<string, number> {
  const prepare = (): CompactEpochInput => {
    const pairs = makeFirst();
    const first: CompactEpochInput = {
      ...pairs,
      weights: compactSparseU16(pairs.weights, "weights"),
      bonds: compactSparseU16(pairs.bonds, "bonds"),
    };
    const out = epochExact(first);
    return secondEpoch(first, compactBonds(out), out.new_validator_permit);
  };
  const input = prepare();
  const t = time(runs, () => epochExact(input));
  return { ms_median: round(t.median), ms_min: round(t.min), cpu_ms_median: round(t.cpu), rss_mb: rssMb() };
}

/**
 * Steady-state timing of the fast core on typed arrays. The vector-schema input is only used to
 * build them (and to time the conversion), then dropped, as a sweep would: a million small JS
 * arrays left on the heap would make every garbage collection trace them.
 */
function benchFast(makeFirst: () => EpochInput, runs: number): Record<string, number> {
  const prepare = (): { fastInput: FastEpochInput; convertMs: number } => {
    const first = makeFirst();
    const out = epochFastArrays(toFastInput(first));
    const input = secondEpoch(first, fromFastOutput(out).bonds, Array.from(out.newValidatorPermit, Boolean));
    const fastInput = toFastInput(input);
    const convert = time(Math.min(runs, 5), () => fromFastOutput(epochFastArrays(toFastInput(input))));
    const core = time(Math.min(runs, 5), () => epochFastArrays(fastInput));
    return { fastInput, convertMs: Math.max(0, convert.median - core.median) };
  };
  const { fastInput, convertMs } = prepare();
  const t = time(runs, () => epochFastArrays(fastInput));
  return {
    ms_median: round(t.median),
    ms_min: round(t.min),
    cpu_ms_median: round(t.cpu),
    rss_mb: rssMb(),
    convert_ms_median: round(convertMs),
  };
}

export async function run(args: string[]): Promise<BenchOutput> {
  const opts = parseArgs(args);
  const results: Record<string, unknown>[] = [];
  for (const [uids, validators] of opts.sizes) {
    const make = (): EpochInput =>
      withVariant(randomEpochInput({ uids, validators, seed: uids * 7 + validators }), opts.variant);
    for (const mode of opts.modes) {
      const base = { uids, validators, mode, variant: opts.variant };
      results.push({
        ...base,
        ...(mode === "exact" ? benchExact(make, opts.runs) : benchFast(make, opts.runs)),
      });
    }
  }
  const head = [
    "uids",
    "validators",
    "mode",
    "ms_median",
    "ms_min",
    "cpu_ms_median",
    "rss_mb",
    "convert_ms_median",
  ];
  const rows = results.map((r) => head.map((h) => String(r[h] ?? "")));
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((x, c) => x.padStart(widths[c])).join("  ");
  const load = loadavg()[0].toFixed(1);
  const table = [
    `variant ${opts.variant}, load average ${load} on ${cpus().length} cpus`,
    line(head),
    ...rows.map(line),
  ].join("\n");
  return { table, results };
}
