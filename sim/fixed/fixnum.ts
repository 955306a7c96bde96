/**
 * Exact I32F32 arithmetic on raw bits held in JS numbers (the fast path of the Yuma epoch).
 *
 * A value is its bit pattern `bits = value · 2^32` stored as an integer-valued double. Doubles hold
 * every integer below 2^53 exactly, and every value the epoch keeps in a vector or a sparse matrix
 * stays far below that (normalised quantities are ≤ 2^32 = 1.0; raw u16 weights/bonds are
 * ≤ 65535·2^32 < 2^48). The operations reproduce substrate-fixed's rules (shared spec/yuma.md §1)
 * bit for bit:
 * - `mul` = `saturating_mul`: floor of the exact 64×64-bit product shifted by 32. The product of two
 *   values can reach 2^66, so it is formed from 16-bit halves whose partial products stay below 2^53;
 *   operands outside that envelope (or negative ones) go through bigint.
 * - `div` = `safe_div`: `trunc((a << 32) / b)`, 0 when b = 0 or on overflow. Done as a long division
 *   in 12/12/8-bit steps on doubles (every remainder < 2^53), bigint outside the envelope.
 * A result that would not be exactly representable throws `FixnumRangeError` instead of rounding:
 * the exact mode never silently loses a bit.
 */
import { PlexusError } from "../errors.ts";

export const ONE = 4294967296; // 2^32 = 1.0
export const HALF = 2147483648; // 0.5
const TWO16 = 65536;
const TWO21 = 2097152;
const TWO36 = 68719476736;
const TWO40 = 1099511627776;
const TWO52 = 4503599627370496;
const TWO68 = 2.9514790517935283e20;
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

/** floor(a·b / 2^32) for 0 ≤ b ≤ a with b < 2^36 and a·b < 2^68; sets `inexact` (remainder ≠ 0). */
let inexact = false;
function mulPos(a: number, b: number): number {
  const ah = Math.floor(a / TWO16);
  const p = ah * b; // < 2^53
  const q = (a - ah * TWO16) * b; // < 2^52
  const ph = Math.floor(p / TWO16);
  const low = (p - ph * TWO16) * TWO16 + q; // a·b = ph·2^32 + low
  const lh = Math.floor(low / ONE);
  inexact = low - lh * ONE !== 0;
  return ph + lh;
}

/** `saturating_mul`: floor of the exact product (spec §1). */
export function mul(a: number, b: number): number {
  const na = a < 0;
  const nb = b < 0;
  let x = na ? -a : a;
  let y = nb ? -b : b;
  if (y > x) {
    const t = x;
    x = y;
    y = t;
  }
  if (y < TWO36 && x * y < TWO68) {
    const r = mulPos(x, y);
    if (na === nb) return r;
    // floor of a negative product: one lower when the division was inexact.
    return inexact ? -r - 1 : r === 0 ? 0 : -r;
  }
  return toSafe("mul", clamp64((BigInt(a) * BigInt(b)) >> 32n));
}

/** `checked_mul(..).unwrap_or_default()` (subtensor `vec_mul`): 0 when the product leaves I32F32. */
export function checkedMulOrZero(a: number, b: number): number {
  // |a·b| < 2^90 (with float margin) cannot leave I32F32 after the shift: saturating = checked.
  if (Math.abs(a) * Math.abs(b) < 1.2379400392853803e27) return mul(a, b);
  const r = (BigInt(a) * BigInt(b)) >> 32n;
  return r > I32F32_MAX || r < I32F32_MIN ? 0 : toSafe("checked_mul", r);
}

/** One long-division step: (r·k) / b with remainder, r < b < 2^40, k ≤ 2^12. */
let rem = 0;
function divStep(r: number, k: number, b: number): number {
  const x = r * k;
  let d = Math.floor(x / b);
  let rr = x - d * b;
  if (rr < 0) {
    d--;
    rr += b;
  } else if (rr >= b) {
    d++;
    rr -= b;
  }
  rem = rr;
  return d;
}

/** `safe_div`: trunc((a << 32) / b); 0 when b = 0 or when the quotient overflows I32F32 (SM:219). */
export function div(a: number, b: number): number {
  if (b === 0) return 0;
  if (a >= 0 && b > 0 && a < TWO52 && b < TWO40) {
    const q0 = divStep(a, 1, b);
    if (q0 < TWO21) {
      const d1 = divStep(rem, 4096, b);
      const d2 = divStep(rem, 4096, b);
      const d3 = divStep(rem, 256, b);
      return ((q0 * 4096 + d1) * 4096 + d2) * 256 + d3;
    }
  }
  const r = (BigInt(a) << 32n) / BigInt(b);
  return r > I32F32_MAX || r < I32F32_MIN ? 0 : toSafe("div", r);
}

/** trunc(x / d) for integers 0 ≤ x < 2^53, 0 < d < 2^53 (float quotient corrected by one step). */
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

/** Exact conversion of raw bits between bigint and number (throws when not exactly representable). */
export const fromBits = (bits: bigint): number => toSafe("conversion", bits);
export const toBits = (x: number): bigint => BigInt(x);
