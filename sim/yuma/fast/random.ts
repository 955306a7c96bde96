import type { EpochInput } from "../types.ts";
import { DEFAULT_HYPERPARAMETERS } from "../types.ts";

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomEpochOptions {
  uids: number;
  /** Uids `0..validators-1` hold stake, a permit and a weight row. */
  validators: number;
  /** Share of the columns each validator weights (1 = dense). */
  density?: number;
  seed: number;
}

/**
 * A random epoch input for benchmarks, sweeps and tests: validators with random stake (1–1000 TAO
 * in rao) and random u16 weight rows (max-upscaled to 65535 as `set_weights` stores them), miners
 * with no stake, every uid active, default hyperparameters, no prior bonds. Deterministic per seed.
 */
export function randomEpochInput(opts: RandomEpochOptions): EpochInput {
  const { uids: n, validators, density = 1 } = opts;
  const rng = mulberry32(opts.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
  const weights: EpochInput["weights"] = [];
  for (let i = 0; i < n; i++) {
    const row: Array<[number, number]> = [];
    if (i < validators) {
      for (let j = 0; j < n; j++) if (j !== i && rng() < density) row.push([j, int(0, 65535)]);
      const max = row.reduce((m, [, v]) => Math.max(m, v), 0);
      if (max > 0) for (const e of row) e[1] = Math.round((e[1] * 65535) / max);
    }
    weights.push(row);
  }
  return {
    n,
    current_block: 10_000,
    tempo: 360,
    activity_cutoff: 5000,
    last_mechanism_step_block: 0,
    last_update: Array.from({ length: n }, () => 9_999),
    block_at_registration: Array.from({ length: n }, () => 0),
    alpha_stake: Array.from({ length: n }, (_, i) => (i < validators ? int(1, 1000) * 1_000_000_000 : 0)),
    tao_stake: Array.from({ length: n }, () => 0),
    tao_weight: "0",
    stake_threshold: 0,
    owner_uid: null,
    validator_permit: Array.from({ length: n }, (_, i) => i < validators),
    max_allowed_validators: validators,
    weights,
    bonds: Array.from({ length: n }, () => []),
    ...DEFAULT_HYPERPARAMETERS,
    commit_reveal_enabled: false,
    commit_blocks: Array.from({ length: n }, () => null),
    rao_emission: 1_000_000_000,
  };
}
