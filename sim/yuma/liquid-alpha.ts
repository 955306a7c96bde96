/**
 * Liquid alpha (Yuma3): `alpha_sigmoid` (RE:1505) on exact bigint bits, and the memoised per-epoch
 * form the epoch uses (shared spec/yuma.md §4 step 11b.3).
 */

import { expSafe } from "../fixed/exp.ts";
import { clamp, I32F32, saturatingAdd, saturatingDiv, saturatingMul, saturatingSub } from "../fixed/fixed.ts";
import { ONE, U16_PROPORTION } from "../fixed/fixnum.ts";

const F_ONE = I32F32.one;
const F_HALF = F_ONE >> 1n;
const MINUS_100 = -100n << 32n;

const clampValue = (x: bigint, lo: bigint, hi: bigint): bigint => {
  const m = x < hi ? x : hi; // value.min(high).max(low)
  return m > lo ? m : lo;
};

/** The sigmoid part of `alpha_sigmoid` given the combined buy/sell gap `d` (all I32F32 bits). */
function alphaOfGap(d: bigint, low: bigint, high: bigint, steepness: bigint): bigint {
  // x = (steepness / −100) · (d − 0.5): the division truncates toward zero, the product floors.
  const x = saturatingMul(
    I32F32,
    saturatingDiv(I32F32, steepness, MINUS_100),
    saturatingSub(I32F32, d, F_HALF),
  );
  const sigmoid = saturatingDiv(I32F32, F_ONE, saturatingAdd(I32F32, F_ONE, expSafe(x)));
  const alpha = saturatingAdd(I32F32, low, saturatingMul(I32F32, sigmoid, saturatingSub(I32F32, high, low)));
  return clampValue(alpha, low, high);
}

/** The combined gap: `w >= b` → clamp(w − c, 0, 1) (buy), else clamp(b − w, 0, 1) (sell). */
const gap = (c: bigint, w: bigint, b: bigint): bigint =>
  w >= b
    ? clampValue(saturatingSub(I32F32, w, c), 0n, F_ONE)
    : clampValue(saturatingSub(I32F32, b, w), 0n, F_ONE);

/**
 * RE:1505 `alpha_sigmoid(consensus, weight, bond, alpha_low, alpha_high, steepness)`; `steepness`
 * is the i16 hyperparameter as I32F32 bits (`saturating_from_num(i16)`).
 */
export const alphaSigmoid = (
  c: bigint,
  w: bigint,
  b: bigint,
  low: bigint,
  high: bigint,
  steepness: bigint,
): bigint => alphaOfGap(gap(c, w, b), low, high, steepness);

/**
 * The epoch's liquid alpha on number bits, memoised on the gap `d` (the only input that varies
 * within an epoch). `alphaLow`/`alphaHigh` are the u16 hyperparameters, converted with
 * `u16_proportion_to_fixed` (MISC:819); `steepness` the i16.
 */
export function liquidAlpha(
  alphaLow: number,
  alphaHigh: number,
  steepness: number,
): (c: number, w: number, b: number) => number {
  const low = BigInt(U16_PROPORTION[alphaLow]);
  const high = BigInt(U16_PROPORTION[alphaHigh]);
  const s = clamp(I32F32, BigInt(steepness) << 32n);
  const memo = new Map<number, number>();
  // The gap is 0 wherever the weight is at or below consensus and at or above the bond: every
  // clipped weight is ≤ consensus, so with the default bonds penalty that is the common case.
  const atZero = Number(alphaOfGap(0n, low, high, s));
  return (c, w, b) => {
    // Values here are ≤ 1.0 (2^32 bits), so the number differences are exact and never saturate.
    const d = w >= b ? Math.min(Math.max(w - c, 0), ONE) : Math.min(Math.max(b - w, 0), ONE);
    if (d === 0) return atZero;
    let a = memo.get(d);
    if (a === undefined) {
      a = Number(alphaOfGap(BigInt(d), low, high, s));
      memo.set(d, a);
    }
    return a;
  };
}
