import type { SeededStream } from "../common/random.ts";
import { maxProductEntry } from "./matrices.ts";

/**
 * Freivalds' check that C = A·B in O(k·n²) instead of O(n³).
 *
 * Each round draws r uniform in S^n with S = {0, …, 2^bits − 1} and compares A(Br) with Cr, in
 * exact integer arithmetic (all values stay below 2^53, checked below). If C ≠ A·B, let D = A·B − C
 * and d a nonzero row of D with d_j ≠ 0. Then d·r = 0 only if r_j = −(Σ_{i≠j} d_i r_i)/d_j: for
 * any values of the other coordinates at most one value of r_j in S does that, so a round misses
 * with probability ≤ 1/|S| = 2^−bits, and k independent rounds miss with probability ≤ 2^−bits·k.
 * A single corrupted element makes d = (0, …, d_j, …, 0), missed exactly when r_j = 0: the bound
 * is attained, which the tests measure with a weakened domain.
 *
 * Production choice: bits = 16, k = 2 → miss ≤ 2^−32 ≤ 2^−20. Cost: 3 matrix-vector products per
 * round, 6n² multiply-adds in all (1.6M for n = 512), vs n³ = 134M to recompute the product.
 */
export interface FreivaldsParams {
  rounds: number;
  bits: number;
}

export const FREIVALDS: FreivaldsParams = { rounds: 2, bits: 16 };

/** Upper bound on the probability that a wrong C passes. */
export function missProbabilityBound(p: FreivaldsParams): number {
  return 2 ** -(p.bits * p.rounds);
}

/**
 * True when C passes every round. `c` must hold n² integers with |c| ≤ n·128² (a larger entry
 * cannot be a product entry and is rejected before the arithmetic, which keeps it exact).
 */
export function freivalds(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  c: ArrayLike<number>,
  n: number,
  rng: SeededStream,
  params: FreivaldsParams = FREIVALDS,
): boolean {
  const bound = maxProductEntry(n);
  // |A(Br)| ≤ n·128·(n·128·2^bits) and |Cr| ≤ n·bound·2^bits: both must be exact in float64.
  if (n * bound * 2 ** params.bits > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`n = ${n} with ${params.bits}-bit vectors exceeds exact float64 arithmetic`);
  }
  if (c.length !== n * n) return false;
  for (let i = 0; i < c.length; i++) {
    if (!Number.isInteger(c[i]) || Math.abs(c[i]) > bound) return false;
  }
  const r = new Float64Array(n);
  const br = new Float64Array(n);
  for (let round = 0; round < params.rounds; round++) {
    for (let j = 0; j < n; j++) r[j] = rng.below(2 ** params.bits);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += b[i * n + j] * r[j];
      br[i] = s;
    }
    for (let i = 0; i < n; i++) {
      let abr = 0;
      let cr = 0;
      for (let j = 0; j < n; j++) {
        abr += a[i * n + j] * br[j];
        cr += c[i * n + j] * r[j];
      }
      if (abr !== cr) return false;
    }
  }
  return true;
}
