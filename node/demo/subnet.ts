/**
 * The embedded subnet of `plexus demo`: 3 validators (two honest, one weight copier) and 5 miners
 * of different quality, run for a few epochs under each Yuma variant with the exact epoch engine.
 * Everything is data in this file and deterministic (seeded noise); no chain, files or network.
 */
import { epochExact } from "../../sim/yuma/epoch.ts";
import { mulberry32 } from "../../sim/yuma/fast/random.ts";
import {
  type EpochInput,
  type EpochOutput,
  YUMA_VARIANTS,
  type YumaVariantName,
} from "../../sim/yuma/types.ts";

export const TAO = 1_000_000_000;

export interface Neuron {
  name: string;
  role: "validator" | "copier" | "miner";
  /** Alpha stake in whole TAO-equivalents. */
  stake: number;
  /** Miners: quality before and after the shift (what honest validators measure). */
  quality?: readonly [number, number];
}

export const NEURONS: readonly Neuron[] = [
  { name: "honest-A", role: "validator", stake: 500_000 },
  { name: "honest-B", role: "validator", stake: 300_000 },
  { name: "copier", role: "copier", stake: 200_000 },
  { name: "miner-1", role: "miner", stake: 0, quality: [0.9, 0.3] },
  { name: "miner-2", role: "miner", stake: 0, quality: [0.7, 0.7] },
  { name: "miner-3", role: "miner", stake: 0, quality: [0.5, 0.5] },
  { name: "miner-4", role: "miner", stake: 0, quality: [0.3, 0.3] },
  { name: "miner-5", role: "miner", stake: 0, quality: [0.1, 0.95] },
];

export const DEMO = { epochs: 10, shiftAt: 5, tempo: 360, raoPerEpoch: TAO, seed: 7 } as const;

/** `set_weights` storage: scale so the largest weight is 65535 (rounded). */
function maxUpscale(values: number[]): number[] {
  const max = Math.max(...values);
  return max <= 0 ? values.map(() => 65535) : values.map((v) => Math.round((v * 65535) / max));
}

export interface VariantRun {
  variant: YumaVariantName;
  outputs: EpochOutput[];
}

/**
 * Runs the subnet for `DEMO.epochs` epochs. Honest validators weight each miner by its current
 * quality with ±5 % measurement noise; the copier submits the previous epoch's consensus (uniform
 * before there is one). Bonds, permits and the last step block carry from one epoch to the next.
 * At `DEMO.shiftAt` the miners' qualities change, and the copier learns about it one epoch late.
 */
export function runVariant(variant: YumaVariantName): VariantRun {
  const n = NEURONS.length;
  const rng = mulberry32(DEMO.seed);
  const miners = NEURONS.map((x, j) => (x.role === "miner" ? j : -1)).filter((j) => j >= 0);
  let bonds: EpochInput["bonds"] = NEURONS.map(() => []);
  let permits = NEURONS.map((x) => x.role !== "miner");
  let lastStep = 0;
  let block = 10_000;
  let consensus: number[] | undefined;
  const outputs: EpochOutput[] = [];
  for (let e = 0; e < DEMO.epochs; e++) {
    const phase = e < DEMO.shiftAt ? 0 : 1;
    const weights: EpochInput["weights"] = NEURONS.map((x) => {
      if (x.role === "validator") {
        const seen = miners.map(
          (j) => (NEURONS[j].quality as readonly number[])[phase] * (0.95 + 0.1 * rng()),
        );
        return pairs(miners, maxUpscale(seen));
      }
      if (x.role === "copier") return pairs(miners, maxUpscale(miners.map((j) => consensus?.[j] ?? 1)));
      return [];
    });
    const input: EpochInput = {
      ...YUMA_VARIANTS[variant],
      n,
      current_block: block,
      tempo: DEMO.tempo,
      activity_cutoff: 5000,
      last_mechanism_step_block: lastStep,
      last_update: NEURONS.map(() => block - 10),
      block_at_registration: NEURONS.map(() => 0),
      alpha_stake: NEURONS.map((x) => x.stake * TAO),
      tao_stake: NEURONS.map(() => 0),
      tao_weight: "0",
      stake_threshold: 0,
      owner_uid: null,
      validator_permit: permits,
      max_allowed_validators: 3,
      weights,
      bonds,
      commit_reveal_enabled: false,
      commit_blocks: NEURONS.map(() => null),
      rao_emission: DEMO.raoPerEpoch,
    };
    const out = epochExact(input);
    outputs.push(out);
    bonds = out.bonds;
    permits = out.new_validator_permit;
    consensus = out.consensus_u16;
    lastStep = block;
    block += DEMO.tempo;
  }
  return { variant, outputs };
}

const pairs = (cols: number[], values: number[]): Array<[number, number]> =>
  cols.map((j, k) => [j, values[k]]);
