import type { Rng } from "../rng.ts";
import type { ValidatorView, WeightStrategy } from "./types.ts";

/** Observed score of one miner: true quality plus Gaussian noise, floored at 0. */
function observe(quality: number, noise: number, rng: Rng): number {
  return Math.max(0, quality + noise * rng.normal());
}

function honestScores(view: ValidatorView, noise: number, rng: Rng): number[] {
  return view.quality.map((q, uid) => (view.isMiner[uid] && uid !== view.uid ? observe(q, noise, rng) : 0));
}

/** Honest validator: weights every miner by its noisy observed quality, every epoch. */
export const honestValidator: WeightStrategy<{ noise: number }> = (view, p, rng) =>
  honestScores(view, p.noise, rng);

/** Lazy validator: evaluates like an honest one but only every `every_epochs`; stale otherwise. */
export const lazyValidator: WeightStrategy<{ noise: number; every_epochs: number }> = (view, p, rng) => {
  if (view.lastWeights !== null && view.epochsSinceSet < p.every_epochs) return null;
  return honestScores(view, p.noise, rng);
};

/**
 * Weight copier: does no evaluation and sets the last published consensus as its weights
 * (falls back to uniform over miners before any consensus exists).
 */
export const weightCopier: WeightStrategy<Record<string, never>> = (view) => {
  const copied = view.consensus.map((c, uid) => (uid === view.uid ? 0 : c));
  if (copied.some((c) => c > 0)) return copied;
  return view.isMiner.map((m, uid) => (m && uid !== view.uid ? 1 : 0));
};

/**
 * Cabal validator: once its cabal is active, puts all weight on the cabal's own miners (equal
 * split); before that it behaves as an honest validator.
 */
export const cabalValidator: WeightStrategy<{ noise?: number }> = (view, p, rng) => {
  const members = view.cabal.filter((uid) => view.isMiner[uid] && uid !== view.uid);
  if (members.length === 0) return honestScores(view, p.noise ?? 0.05, rng);
  const w = new Array<number>(view.n).fill(0);
  for (const uid of members) w[uid] = 1;
  return w;
};
