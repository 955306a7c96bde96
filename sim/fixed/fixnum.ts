/**
 * Exact I32F32 arithmetic on raw bits held in JS numbers (the fast path of the Yuma epoch).
 *
 * A value is its bit pattern `bits = value · 2^32` stored as an integer-valued double. Doubles hold
 * every integer below 2^53 exactly, and every value the epoch keeps in a vector or a sparse matrix
 * stays far below that (normalised quantities are ≤ 2^32 = 1.0; raw u16 weights/bonds are
 * ≤ 65535·2^32 < 2^48). The operations reproduce substrate-fixed's rules (shared spec/yuma.md §1)
 * bit for bit:
 * - `mul` = `saturating_mul`: floor of the exact 64×64-bit product shifted by 32;
 * - `div` = `safe_div`: `trunc((a << 32) / b)`, 0 when b = 0 or on overflow.
 * Both use one rounded float operation plus its exact error (Dekker's TwoProduct) to recover the
 * exact integer result; operands outside the proven envelope go through bigint.
 * A result that would not be exactly representable throws `FixnumRangeError` instead of rounding:
 * the exact mode never silently loses a bit.
 */
import { PlexusError } from "../errors.ts";

export const ONE = 4294967296; // 2^32 = 1.0
const INV32 = 1 / 4294967296; // 2^-32, exact
const INV16 = 1 / 65536; // 2^-16, exact
const TWO50 = 1125899906842624;
const TWO52 = 4503599627370496;
const TWO84 = 19342813113834067e9; // 2^84
const I32F32_MAX = (1n << 63n) - 1n;
const I32F32_MIN = -(1n << 63n);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** A fixed-point result that cannot be held exactly in a JS number (never happens for valid epoch input). */
export class FixnumRangeError extends PlexusError {
  constructor(what: string, value: bigint) {
    super(
      "FIXED_UNSAFE_MAGNITUDE",
      `${what} result ${value} exceeds the exact range of the number fast path`,
      {
        meta: { what, value: value.toString() },
      },
    );
    this.name = "FixnumRangeError";
  }
}

function toSafe(what: string, r: bigint): number {
  if (r > SAFE_MAX || r < -SAFE_MAX) throw new FixnumRangeError(what, r);
  return Number(r);
}

const clamp64 = (r: bigint): bigint => (r > I32F32_MAX ? I32F32_MAX : r < I32F32_MIN ? I32F32_MIN : r);

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for doubles
/**
 * Dekker's TwoProduct: the exact rounding error `e = a·b − p` of `p = fl(a·b)`, so that
 * `a·b = p + e` exactly (no overflow or underflow can occur in the envelopes used here).
 */
function productError(a: number, b: number, p: number): number {
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * `saturating_mul`: floor of the exact product shifted by 32 (spec §1). With `p = fl(a·b)` and its
 * exact error `e`, `a·b = p + e`; for |p| < 2^84 the high part `floor(p / 2^32)` and the low part
 * `p − high·2^32 + e` are both exact, and the low part shifts into −1, 0 or +1. Larger products go
 * through bigint (and throw if the result itself is not exactly representable).
 */
export function mul(a: number, b: number): number {
  const p = a * b;
  if (p < TWO84 && p > -TWO84) {
    // Scaling by 2^-32 is exact, so `* INV32` is `/ 2^32` without a division.
    const high = Math.floor(p * INV32);
    const low = p - high * ONE + productError(a, b, p);
    return high + Math.floor(low * INV32);
  }
  return mulSlow(a, b);
}

/**
 * `saturating_mul` by a factor split once as `c = high·2^16 + low` (`splitFactor`), for loops
 * that multiply many values by the same c. Valid for 0 ≤ c ≤ 2^33 and 0 ≤ v < 2^36 (callers
 * check v): `high·v < 2^53` and `low·v < 2^52` are exact, and so is the recombination
 * `floor((high·v·2^16 + low·v) / 2^32)` done in two exact halves. Other operands: use `mul`.
 */
export function mulSplit(high: number, low: number, v: number): number {
  const p = high * v;
  const ph = Math.floor(p * INV16);
  return ph + Math.floor(((p - ph * 65536) * 65536 + low * v) * INV32);
}

/** The `[high, low]` halves of a factor for `mulSplit` (0 ≤ c ≤ 2^33). */
export function splitFactor(c: number): [number, number] {
  const high = Math.floor(c * INV16);
  return [high, c - high * 65536];
}

/** Largest v accepted by `mulSplit`. */
export const MUL_SPLIT_MAX = 68719476735; // 2^36 − 1

// Slow paths live in their own functions so that the fast ones stay small enough to inline.
function mulSlow(a: number, b: number): number {
  return toSafe("mul", clamp64((BigInt(a) * BigInt(b)) >> 32n));
}

function divSlow(a: number, b: number): number {
  const r = (BigInt(a) << 32n) / BigInt(b);
  return r > I32F32_MAX || r < I32F32_MIN ? 0 : toSafe("div", r);
}

/** `checked_mul(..).unwrap_or_default()` (subtensor `vec_mul`): 0 when the product leaves I32F32. */
export function checkedMulOrZero(a: number, b: number): number {
  // |a·b| < 2^84 cannot leave I32F32 after the shift: saturating = checked.
  const p = a * b;
  if (p < TWO84 && p > -TWO84) return mul(a, b);
  const r = (BigInt(a) * BigInt(b)) >> 32n;
  return r > I32F32_MAX || r < I32F32_MIN ? 0 : toSafe("checked_mul", r);
}

/**
 * `safe_div`: trunc((a << 32) / b); 0 when b = 0 or when the quotient overflows I32F32 (SM:219).
 * For 0 ≤ a, 0 < b < 2^50: `A = a·2^32` is exact, the correctly rounded `A / b` floors to within
 * one of the true quotient q, and the exact remainder `A − q·b` (TwoProduct again) fixes it.
 */
export function div(a: number, b: number): number {
  if (b === 0) return 0;
  if (a >= 0 && b > 0 && b < TWO50) {
    const big = a * ONE;
    const q = Math.floor(big / b);
    if (q < TWO52) return correctQuotient(big, q, b);
  }
  return divSlow(a, b);
}

/**
 * floor(big / d) from an estimate `q` that is off by at most one: the exact remainder
 * `big − q·d` (via productError) says which way to step. Needs q·d exact to within TwoProduct's
 * envelope (q < 2^52, d < 2^50).
 */
export function correctQuotient(big: number, q: number, d: number): number {
  const p = q * d;
  const r = big - p - productError(q, d, p);
  if (r < 0) return q - 1;
  if (r >= d) return q + 1;
  return q;
}

/** trunc(x / d) for integers 0 ≤ x < 2^52, 0 < d < 2^53 (float quotient corrected by one step). */
export function intDiv(x: number, d: number): number {
  let q = Math.floor(x / d);
  const r = x - q * d;
  if (r < 0) q--;
  else if (r >= d) q++;
  return q;
}

/** `fixed_proportion_to_u16` (EM:51): floor(x·65535) clamped to [0, 65535]. */
export function fixedProportionToU16(x: number): number {
  if (x <= 0) return 0;
  if (x >= ONE) return 65535;
  return Math.floor((x * 65535) / ONE);
}

/** `u16_proportion_to_fixed` (EM:43) for every u16: bits trunc(u·2^32 / 65535). */
export const U16_PROPORTION: Float64Array = (() => {
  const t = new Float64Array(65536);
  for (let u = 0; u < 65536; u++) t[u] = intDiv(u * ONE, 65535);
  return t;
})();

/** Raw bits from bigint to number (throws when not exactly representable). */
export const fromBits = (bits: bigint): number => toSafe("conversion", bits);
