/**
 * Exact emulation of substrate-fixed (v0.6.0) fixed-point numbers, as subtensor uses them.
 *
 * A value is its raw bit pattern as a `bigint` (`bits = value · 2^frac`); a `FixedFormat` says how
 * wide the pattern is, how many fraction bits it has and whether it is signed. The operations follow
 * substrate-fixed exactly (see shared spec/yuma.md §1):
 * - multiplication keeps the floor of the exact product (`>>` on bigint is an arithmetic shift);
 * - division truncates toward zero (bigint `/`);
 * - `saturating*` clamp to the format's range, `checked*` return `undefined` on overflow or b = 0,
 *   `safeDiv` (subtensor's safe-math) returns 0 on b = 0 *and* on overflow;
 * - narrowing conversions drop fraction bits (floor); conversion to an integer floors.
 */
export interface FixedFormat {
  readonly name: string;
  readonly bits: number;
  readonly frac: number;
  readonly signed: boolean;
  readonly min: bigint;
  readonly max: bigint;
  /** Raw bits of 1.0. */
  readonly one: bigint;
}

export function fixedFormat(name: string, bits: number, frac: number, signed: boolean): FixedFormat {
  const b = BigInt(bits);
  return Object.freeze({
    name,
    bits,
    frac,
    signed,
    min: signed ? -(1n << (b - 1n)) : 0n,
    max: signed ? (1n << (b - 1n)) - 1n : (1n << b) - 1n,
    one: 1n << BigInt(frac),
  });
}

export const I32F32 = fixedFormat("I32F32", 64, 32, true);
export const I64F64 = fixedFormat("I64F64", 128, 64, true);
export const I96F32 = fixedFormat("I96F32", 128, 32, true);
export const U96F32 = fixedFormat("U96F32", 128, 32, false);
export const U64F64 = fixedFormat("U64F64", 128, 64, false);
export const I110F18 = fixedFormat("I110F18", 128, 18, true);
export const U110F18 = fixedFormat("U110F18", 128, 18, false);

export const inRange = (f: FixedFormat, x: bigint): boolean => x >= f.min && x <= f.max;
export const clamp = (f: FixedFormat, x: bigint): bigint => (x < f.min ? f.min : x > f.max ? f.max : x);

/** `saturating_from_num(int)`: the integer as a fixed value, clamped. */
export const fromInt = (f: FixedFormat, n: bigint | number): bigint => clamp(f, BigInt(n) << BigInt(f.frac));

export const saturatingAdd = (f: FixedFormat, a: bigint, b: bigint): bigint => clamp(f, a + b);
export const saturatingSub = (f: FixedFormat, a: bigint, b: bigint): bigint => clamp(f, a - b);

export function checkedAdd(f: FixedFormat, a: bigint, b: bigint): bigint | undefined {
  const r = a + b;
  return inRange(f, r) ? r : undefined;
}

/** Plain `+` in a release runtime: two's-complement wrap-around at the format's width. */
export function wrappingAdd(f: FixedFormat, a: bigint, b: bigint): bigint {
  return f.signed ? BigInt.asIntN(f.bits, a + b) : BigInt.asUintN(f.bits, a + b);
}

/** Floor of the exact product, clamped. */
export const saturatingMul = (f: FixedFormat, a: bigint, b: bigint): bigint =>
  clamp(f, (a * b) >> BigInt(f.frac));

export function checkedMul(f: FixedFormat, a: bigint, b: bigint): bigint | undefined {
  const r = (a * b) >> BigInt(f.frac);
  return inRange(f, r) ? r : undefined;
}

/** Truncating division; `undefined` when b = 0 or the quotient does not fit. */
export function checkedDiv(f: FixedFormat, a: bigint, b: bigint): bigint | undefined {
  if (b === 0n) return undefined;
  const r = (a << BigInt(f.frac)) / b;
  return inRange(f, r) ? r : undefined;
}

/** subtensor's `safe_div`: `checked_div(..).unwrap_or_default()`, i.e. 0 on b = 0 and on overflow. */
export const safeDiv = (f: FixedFormat, a: bigint, b: bigint): bigint => checkedDiv(f, a, b) ?? 0n;

/** Truncating division, clamped. Division by zero panics on chain, so it throws here. */
export function saturatingDiv(f: FixedFormat, a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError(`${f.name} division by zero`);
  return clamp(f, (a << BigInt(f.frac)) / b);
}

/** Re-express a value in another format: extra fraction bits dropped (floor), clamped. */
export function convert(from: FixedFormat, to: FixedFormat, x: bigint): bigint {
  const shift = to.frac - from.frac;
  return clamp(to, shift >= 0 ? x << BigInt(shift) : x >> BigInt(-shift));
}

/** `saturating_to_num::<uN>()`: floor, clamped to [0, max]. */
export function toUintFloor(f: FixedFormat, x: bigint, max: bigint): bigint {
  const r = x >> BigInt(f.frac);
  return r < 0n ? 0n : r > max ? max : r;
}

export const U16_MAX = 0xffffn;
export const U64_MAX = 0xffff_ffff_ffff_ffffn;

/**
 * Parses an exact decimal string (e.g. "0.25", "-1.5", "3") into raw bits. Every fixed-point value
 * is a finite binary fraction, so a faithful decimal converts without rounding; a decimal that is
 * not exactly representable is rejected rather than rounded.
 */
export function fromDecimal(f: FixedFormat, text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (m === null) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
  const [, sign, intPart, fracPart = ""] = m;
  const scale = 10n ** BigInt(fracPart.length);
  const numerator = (BigInt(intPart) * scale + BigInt(fracPart || "0")) << BigInt(f.frac);
  if (numerator % scale !== 0n) {
    throw new RangeError(`${text} is not exactly representable in ${f.name}`);
  }
  const bits = (sign === "-" ? -1n : 1n) * (numerator / scale);
  if (!inRange(f, bits)) throw new RangeError(`${text} is out of range for ${f.name}`);
  return bits;
}

/** The exact decimal expansion of raw bits: "0.25", "1", "-0.5" (no trailing zeros, no exponent). */
export function toDecimal(f: FixedFormat, bits: bigint): string {
  const negative = bits < 0n;
  const abs = negative ? -bits : bits;
  const intPart = abs >> BigInt(f.frac);
  let rest = abs & (f.one - 1n);
  let digits = "";
  // Each step multiplies the remaining binary fraction by 10; it terminates after at most `frac` digits.
  while (rest !== 0n) {
    rest *= 10n;
    digits += (rest >> BigInt(f.frac)).toString();
    rest &= f.one - 1n;
  }
  const body = digits === "" ? intPart.toString() : `${intPart}.${digits}`;
  return negative && abs !== 0n ? `-${body}` : body;
}

/** Nearest double of a fixed value (for display and the float64 fast mode, never for exact paths). */
export const toNumber = (f: FixedFormat, bits: bigint): number => Number(bits) / 2 ** f.frac;
