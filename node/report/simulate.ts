import type { EconomyFactory } from "../../sim/scenario/economy.ts";
import type { EpochFn } from "../../sim/scenario/epoch.ts";
import type { Scenario } from "../../sim/scenario/schema.ts";
import { restoreWorld, snapshotWorld, type WorldSnapshot } from "../../sim/scenario/snapshot.ts";
import { createWorld, stepWorld, type World } from "../../sim/scenario/world.ts";

/** The engines a run needs: the economy (balances) and the epoch for a mode. */
export interface Engines {
  economies: EconomyFactory;
  epochFor(mode: "fast" | "exact"): EpochFn;
}

export interface SimulateOptions {
  signal?: AbortSignal;
  /** Continue from this snapshot instead of block 0. */
  from?: WorldSnapshot;
  /** Called with the number of blocks done after every chunk. */
  onBlocks?: (done: number) => void;
  /** Called with a snapshot every `checkpointEvery` blocks. */
  onCheckpoint?: (snap: WorldSnapshot) => void;
  checkpointEvery?: number;
}

export interface SimulateResult {
  world: World;
  /** True when the signal stopped the run before its last block. */
  interrupted: boolean;
}

/** Blocks run between two looks at the abort signal (and yields to the event loop). */
const CHUNK = 200;

/**
 * Runs a scenario for one seed. It yields to the event loop between chunks so Ctrl-C (an abort
 * signal) stops it cleanly between two blocks; the world is then complete up to that block.
 */
export async function simulate(
  scenario: Scenario,
  seed: number | string,
  engines: Engines,
  opts: SimulateOptions = {},
): Promise<SimulateResult> {
  const world =
    opts.from === undefined
      ? createWorld(scenario, seed, engines.economies)
      : restoreWorld(scenario, seed, opts.from, engines.economies);
  const epoch = engines.epochFor(scenario.epoch_mode);
  const every = opts.checkpointEvery ?? 0;
  while (world.economy.block < scenario.blocks) {
    if (opts.signal?.aborted) return { world, interrupted: true };
    const end = Math.min(scenario.blocks, world.economy.block + CHUNK);
    while (world.economy.block < end) {
      stepWorld(world, epoch);
      if (every > 0 && world.economy.block % every === 0 && world.economy.block < scenario.blocks)
        opts.onCheckpoint?.(snapshotWorld(world));
    }
    opts.onBlocks?.(world.economy.block);
    await new Promise((r) => setImmediate(r));
  }
  return { world, interrupted: false };
}
