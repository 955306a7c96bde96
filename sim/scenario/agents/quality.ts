import type { Rng } from "../rng.ts";

export type QualitySpec = number | { mean: number; sd: number } | number[];

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** The starting true quality of individual `index` of a miner population. */
export function initialQuality(spec: QualitySpec, index: number, rng: Rng): number {
  if (typeof spec === "number") return spec;
  if (Array.isArray(spec)) return spec[index % spec.length];
  return clamp01(spec.mean + spec.sd * rng.normal());
}

/** One epoch of quality drift: a clamped Gaussian random walk. */
export function driftQuality(q: number, drift: number, rng: Rng): number {
  return drift === 0 ? q : clamp01(q + drift * rng.normal());
}
