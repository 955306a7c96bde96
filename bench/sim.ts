import {
  addSubnet,
  BLOCKS_PER_YEAR,
  type ChainState,
  createState,
  DEFAULT_TEMPO,
  increaseStakeFor,
  newSubnet,
  registerHotkey,
  runFast,
  step,
  yumaEpoch,
} from "../sim/emission/index.ts";
import type { EpochMode, SparseU16 } from "../sim/yuma/types.ts";
import type { BenchOutput } from "./index.ts";

/**
 * `npm run bench -- sim [--blocks N] [--subnets 8,32,128] [--modes exact,fast]`: the block stepper
 * driving S subnets × 256 uids (64 validators with stake, 192 miners), epochs every tempo (360):
 * `exact` = the bit-exact `step` with sim/yuma's exact epoch, `fast` = the float64 `runFast` with
 * sim/yuma's fast epoch. Reports blocks per second and the projected time of one simulated
 * year (2,628,000 blocks), both from the process's CPU time (wall seconds are reported too). The
 * default 720 blocks give every subnet two epochs.
 */
const UIDS = 256;
const VALIDATORS = 64;
const TAO = 1_000_000_000n;

/** Deterministic pseudo-random u32 sequence (LCG) for weights. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

function buildChain(subnets: number): { state: ChainState; weights: Map<number, SparseU16> } {
  const state = createState({
    block: 10_000n,
    totalIssuance: 7_000_000n * TAO,
    params: { blockAuthor: "author" },
  });
  const root = state.subnets.get(0);
  if (root === undefined) throw new Error("root subnet missing");
  root.tao = 3_000_000n * TAO;
  const weights = new Map<number, SparseU16>();
  for (let netuid = 1; netuid <= subnets; netuid++) {
    const uids = Array.from({ length: UIDS }, (_, u) => `sn${netuid}-hk${u}`);
    for (const hk of uids) registerHotkey(state, hk, `ck-${hk}`);
    addSubnet(
      state,
      newSubnet(netuid, {
        tao: 50_000n * TAO,
        alphaIn: 1_000_000n * TAO,
        alphaOut: 2_000_000n * TAO,
        movingPrice: 1n << 28n,
        firstEmissionBlock: 1n,
        lastEpochBlock: 10_000n - BigInt(netuid % DEFAULT_TEMPO),
        uids,
        blockAtRegistration: uids.map(() => 0n),
        uidEmission: uids.map(() => 0n),
      }),
    );
    const rand = lcg(netuid);
    const rows: SparseU16 = uids.map((_, uid) => {
      if (uid >= VALIDATORS) return [];
      const row: Array<[number, number]> = [];
      for (let m = VALIDATORS; m < UIDS; m++) if (rand() % 4 === 0) row.push([m, 1 + (rand() % 65535)]);
      const max = Math.max(...row.map(([, w]) => w));
      return row.map(([m, w]) => [m, Math.round((w * 65535) / max)] as [number, number]);
    });
    weights.set(netuid, rows);
    for (let v = 0; v < VALIDATORS; v++) {
      const hk = uids[v] as string;
      increaseStakeFor(state, hk, `ck-${hk}`, netuid, BigInt(1_000 + v * 37) * TAO);
      if (v < 8) increaseStakeFor(state, hk, `ck-${hk}`, 0, BigInt(10_000 + v) * TAO);
    }
  }
  return { state, weights };
}

function measure(subnets: number, mode: EpochMode, blocks: number) {
  const { state, weights } = buildChain(subnets);
  const epochFn = yumaEpoch({ mode, weights: (subnet) => weights.get(subnet.netuid) ?? [] });
  let epochs = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // exact: the bit-exact `step` per block; fast: the float64 stepper `runFast` over all blocks.
  if (mode === "fast") epochs = runFast(state, blocks, epochFn).epochs;
  else for (let b = 0; b < blocks; b++) epochs += step(state, [], epochFn).epochs.length;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  // The machine is shared: rates use this process's CPU time, which contention does not inflate.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const bps = blocks / cpuSeconds;
  return {
    subnets,
    uids: UIDS,
    mode,
    blocks,
    epochs,
    seconds: Number(seconds.toFixed(3)),
    cpu_seconds: Number(cpuSeconds.toFixed(3)),
    blocks_per_s: Number(bps.toFixed(1)),
    projected_year_s: Math.round(BLOCKS_PER_YEAR / bps),
  };
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function run(args: string[]): Promise<BenchOutput> {
  const blocks = Number(option(args, "blocks") ?? 2 * DEFAULT_TEMPO);
  const subnetCounts = (option(args, "subnets") ?? "8,32,128").split(",").map(Number);
  const modes = (option(args, "modes") ?? "exact,fast").split(",") as EpochMode[];
  if (!Number.isInteger(blocks) || blocks < 1) throw new Error("--blocks must be a positive integer");
  // Warm the JIT (coinbase and both epochs) on a small chain so the first configuration is not penalised.
  for (const mode of modes) measure(2, mode, DEFAULT_TEMPO + 10);
  const results = [];
  for (const subnets of subnetCounts) for (const mode of modes) results.push(measure(subnets, mode, blocks));
  const table = [
    "subnets  uids  mode   blocks  epochs  wall s  cpu s  blocks/s  projected year (s)",
    ...results.map(
      (r) =>
        `${String(r.subnets).padStart(7)}  ${r.uids}  ${r.mode.padEnd(5)}  ${String(r.blocks).padStart(6)}  ${String(r.epochs).padStart(6)}  ${String(r.seconds).padStart(6)}  ${String(r.cpu_seconds).padStart(5)}  ${String(r.blocks_per_s).padStart(8)}  ${String(r.projected_year_s).padStart(18)}`,
    ),
  ].join("\n");
  return { table, results };
}
