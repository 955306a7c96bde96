import { powRatioScaled } from "../fixed/bigmath.ts";
import {
  fromInt,
  safeDiv,
  saturatingMul,
  saturatingSub,
  toUintFloor,
  U64_MAX,
  U64F64,
} from "../fixed/fixed.ts";
import { PERQUINTILL_ONE, perquintillComplement, perquintillFromRational } from "../fixed/perquintill.ts";
import { BALANCER_MIN_WEIGHT_PARTS, SWAP_POW_PRECISION } from "./constants.ts";

/**
 * The weighted two-asset (Balancer) pool of pallets/swap/src/pallet/balancer.rs. The pool stores only
 * the quote (TAO) weight `w2` in Perquintill parts; the base (alpha) weight is `w1 = 1 − w2`.
 * Reserves: y = TAO (`SubnetTAO`), x = alpha (`SubnetAlphaIn`). All results are bit-exact.
 */

const SCALE_1E18 = 1_000_000_000_000_000_000n;
const ONE = U64F64.one;

/** Whether a quote weight is inside [0.01, 0.99] (`check_constraints`). */
export function weightAllowed(quoteParts: bigint): boolean {
  return (
    quoteParts >= BALANCER_MIN_WEIGHT_PARTS && perquintillComplement(quoteParts) >= BALANCER_MIN_WEIGHT_PARTS
  );
}

/** Spot price `(w1/w2)·(y/x)` in U64F64 bits (`calculate_price`), 0 if x = 0. */
export function balancerPrice(quoteParts: bigint, alpha: bigint, tao: bigint): bigint {
  if (alpha === 0n) return 0n;
  return priceFromWeightRatio(weightRatio(quoteParts), alpha, tao);
}

/** w1/w2 in U64F64 (`safe_div`), the factor of every price at one quote weight. */
export function weightRatio(quoteParts: bigint): bigint {
  return safeDiv(U64F64, fromInt(U64F64, perquintillComplement(quoteParts)), fromInt(U64F64, quoteParts));
}

/** `balancerPrice` given `weightRatio(quoteParts)`, for callers that price one weight repeatedly. */
export function priceFromWeightRatio(ratio: bigint, alpha: bigint, tao: bigint): bigint {
  if (alpha === 0n) return 0n;
  return saturatingMul(U64F64, ratio, safeDiv(U64F64, fromInt(U64F64, tao), fromInt(U64F64, alpha)));
}

/**
 * `exp_scaled(x, dx, base_quote)`: (x / (x + dx))^(w_a / w_b) as U64F64, where (a, b) = (base, quote)
 * if `baseQuote` else (quote, base); clamped to ≤ 1 for dx ≥ 0.
 */
export function expScaled(quoteParts: bigint, x: bigint, dx: bigint, baseQuote: boolean): bigint {
  const xPlus = dx >= 0n ? x + dx : x > -dx ? x + dx : 0n;
  if (xPlus === 0n) return 0n;
  const w1 = perquintillComplement(quoteParts);
  const w2 = quoteParts;
  const r = baseQuote
    ? powRatioScaled(x, xPlus, w1, w2, SWAP_POW_PRECISION, SCALE_1E18)
    : powRatioScaled(x, xPlus, w2, w1, SWAP_POW_PRECISION, SCALE_1E18);
  if (r === undefined || r < 0n || r > U64_MAX) return 0n;
  const result = safeDiv(U64F64, fromInt(U64F64, r), fromInt(U64F64, SCALE_1E18));
  return dx >= 0n && result > ONE ? ONE : result;
}

/** Alpha out for `dy` TAO in (`convert_deltas` of a buy): floor(x · (1 − (y/(y+dy))^(w2/w1))). */
export function alphaOutForTaoIn(quoteParts: bigint, tao: bigint, alpha: bigint, dy: bigint): bigint {
  const e = expScaled(quoteParts, tao, dy, false);
  return toUintFloor(
    U64F64,
    saturatingMul(U64F64, fromInt(U64F64, alpha), saturatingSub(U64F64, ONE, e)),
    U64_MAX,
  );
}

/** TAO out for `dx` alpha in (`convert_deltas` of a sell): floor(y · (1 − (x/(x+dx))^(w1/w2))). */
export function taoOutForAlphaIn(quoteParts: bigint, tao: bigint, alpha: bigint, dx: bigint): bigint {
  const e = expScaled(quoteParts, alpha, dx, true);
  return toUintFloor(
    U64F64,
    saturatingMul(U64F64, fromInt(U64F64, tao), saturatingSub(U64F64, ONE, e)),
    U64_MAX,
  );
}

/** `mul_perquintill_round`: round-half-up of value · parts / 1e18 (U256, then clamped to u128). */
function mulPerquintillRound(parts: bigint, value: bigint): bigint {
  const r = (value * parts + HALF_PERQUINTILL) / PERQUINTILL_ONE;
  return r > U128_MAX ? U128_MAX : r;
}

const U128_MAX = (1n << 128n) - 1n;
const HALF_PERQUINTILL = PERQUINTILL_ONE / 2n;
// Module-level, not a closure: the hot path would otherwise create a function per call.
const sat128 = (v: bigint): bigint => (v > U128_MAX ? U128_MAX : v);

/**
 * `update_weights_for_added_liquidity`: the quote weight that keeps the price unchanged when
 * (taoDelta, alphaDelta) is added; `undefined` if it would leave [0.01, 0.99] (injection refused).
 */
export function weightsForAddedLiquidity(
  quoteParts: bigint,
  tao: bigint,
  alpha: bigint,
  taoDelta: bigint,
  alphaDelta: bigint,
): bigint | undefined {
  const q1 = mulPerquintillRound(perquintillComplement(quoteParts), sat128(tao * (alpha + alphaDelta)));
  const q2 = mulPerquintillRound(quoteParts, sat128(alpha * (tao + taoDelta)));
  const qSum = sat128(q1 + q2);
  const next = qSum !== 0n ? perquintillFromRational(q2, qSum) : PERQUINTILL_ONE / 2n;
  return weightAllowed(next) ? next : undefined;
}

/** Converts a pow_ratio_scaled result (1e18 scale) to U64F64 as the limit-delta functions do. */
function limitExpFixed(r: bigint): bigint {
  const clamped = r > U64_MAX ? U64_MAX : r < 0n ? 0n : r;
  return fromInt(U64F64, clamped);
}

/** `calculate_quote_delta_in`: TAO needed to move the price from `current` to `target` (buy). */
export function quoteDeltaIn(
  quoteParts: bigint,
  current: bigint,
  target: bigint,
  taoReserve: bigint,
  precision: number,
): bigint {
  const w1 = perquintillComplement(quoteParts);
  const r = powRatioScaled(target, current, w1, PERQUINTILL_ONE, precision, SCALE_1E18);
  if (r === undefined) return 0n;
  const e = safeDiv(U64F64, limitExpFixed(r), fromInt(U64F64, SCALE_1E18));
  return toUintFloor(
    U64F64,
    saturatingMul(U64F64, fromInt(U64F64, taoReserve), saturatingSub(U64F64, e, ONE)),
    U64_MAX,
  );
}

/** `calculate_base_delta_in`: alpha needed to move the price from `current` down to `target` (sell). */
export function baseDeltaIn(
  quoteParts: bigint,
  current: bigint,
  target: bigint,
  alphaReserve: bigint,
  precision: number,
): bigint {
  const r = powRatioScaled(current, target, quoteParts, PERQUINTILL_ONE, precision, SCALE_1E18);
  if (r === undefined) return 0n;
  const e = safeDiv(U64F64, limitExpFixed(r), fromInt(U64F64, SCALE_1E18));
  return toUintFloor(
    U64F64,
    saturatingMul(U64F64, fromInt(U64F64, alphaReserve), saturatingSub(U64F64, e, ONE)),
    U64_MAX,
  );
}
