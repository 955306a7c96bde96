/**
 * Port of subtensor's `SafeFloat` (primitives/share-pool): a decimal float with a u128 mantissa kept
 * in (1e20, 1e21] and an i64 exponent, with U256 intermediate math. Used for stake share pools.
 * Values are immutable plain objects; every operation returns a new one or `undefined` (Rust `None`).
 */
export interface SafeFloat {
  readonly mantissa: bigint;
  readonly exponent: number;
}

export const SAFE_FLOAT_MAX = 1_000_000_000_000_000_000_000n;
const SAFE_FLOAT_MAX_EXP = 21;
const MIN_MANTISSA = SAFE_FLOAT_MAX / 10n;
const U256_MAX = (1n << 256n) - 1n;

export const SF_ZERO: SafeFloat = Object.freeze({ mantissa: 0n, exponent: 0 });

const POW10: bigint[] = Array.from({ length: 24 }, (_, i) => 10n ** BigInt(i));

function cappow10(e: number): bigint {
  if (e > SAFE_FLOAT_MAX_EXP + 1) return SAFE_FLOAT_MAX * 10n;
  return POW10[e] as bigint;
}

/** Brings a U256 mantissa into (1e20, 1e21]; zero stays (0, 0). */
export function normalize(mantissa: bigint, exponent: number): SafeFloat {
  if (mantissa === 0n) return SF_ZERO;
  let m = mantissa;
  let e = exponent;
  while (m > SAFE_FLOAT_MAX) {
    m /= 10n;
    e += 1;
  }
  while (m <= MIN_MANTISSA) {
    m *= 10n;
    e -= 1;
  }
  return { mantissa: m, exponent: e };
}

export function sfNew(mantissa: bigint, exponent: number): SafeFloat | undefined {
  if (mantissa > SAFE_FLOAT_MAX) return undefined;
  return normalize(mantissa, exponent);
}

/** `SafeFloat::from(u64)`: `new(value, 0).unwrap_or_default()`. */
export const sfFromInt = (value: bigint): SafeFloat => sfNew(value, 0) ?? SF_ZERO;

export const sfIsZero = (a: SafeFloat): boolean => a.mantissa === 0n;

export function sfAdd(a: SafeFloat, b: SafeFloat): SafeFloat {
  if (sfIsZero(a)) return b;
  if (sfIsZero(b)) return a;
  if (a.exponent >= b.exponent) {
    const m2 = b.mantissa / cappow10(a.exponent - b.exponent);
    return normalize(a.mantissa + m2, a.exponent);
  }
  const m1 = a.mantissa / cappow10(b.exponent - a.exponent);
  return normalize(m1 + b.mantissa, b.exponent);
}

/** `None` only when subtracting from zero a non-zero value. Mantissa subtraction saturates at 0. */
export function sfSub(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
  if (sfIsZero(a) && sfIsZero(b)) return SF_ZERO;
  if (sfIsZero(a)) return undefined;
  if (sfIsZero(b)) return a;
  const sat = (x: bigint, y: bigint) => (x > y ? x - y : 0n);
  if (a.exponent >= b.exponent) {
    const m2 = b.mantissa / cappow10(a.exponent - b.exponent);
    return normalize(sat(a.mantissa, m2), a.exponent);
  }
  const m1 = a.mantissa / cappow10(b.exponent - a.exponent);
  return normalize(sat(m1, b.mantissa), b.exponent);
}

/** self · a / b in U256 (product cannot overflow U256 for two u128 mantissas). */
export function sfMulDiv(self: SafeFloat, a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
  if (b.mantissa === 0n) return undefined;
  const m = (self.mantissa * a.mantissa) & U256_MAX;
  return normalize(m / b.mantissa, self.exponent + a.exponent - b.exponent);
}

export function sfDiv(self: SafeFloat, a: SafeFloat): SafeFloat | undefined {
  if (a.mantissa === 0n) return undefined;
  return normalize(
    (self.mantissa * SAFE_FLOAT_MAX) / a.mantissa,
    self.exponent - a.exponent - SAFE_FLOAT_MAX_EXP,
  );
}

/** `u64::from(&SafeFloat)`: mantissa · 10^exponent, floored, saturating at u64::MAX. */
export function sfToU64(a: SafeFloat): bigint {
  const U64_MAX = 0xffff_ffff_ffff_ffffn;
  if (a.exponent === 0) return a.mantissa > U64_MAX ? U64_MAX : a.mantissa;
  const scale = cappow10(Math.abs(a.exponent));
  const q = a.exponent > 0 ? a.mantissa * scale : a.mantissa / scale;
  return q > U64_MAX ? U64_MAX : q;
}
