import { clamp, type FixedFormat } from "./fixed.ts";

/**
 * `saturating_from_num(f64)`: the exact binary value of a double, rounded to the nearest
 * representable fixed value (ties to even, as the `fixed` crate does), clamped to the format.
 * Used where the chain writes float literals (0.5, 0.000003, 1.26) or where test inputs are floats.
 */
export function fromFloat(f: FixedFormat, x: number): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`${f.name}: not a finite number: ${x}`);
  if (x === 0) return 0n;
  const [mantissa, exponent] = decompose(Math.abs(x));
  // value = mantissa · 2^exponent; bits = value · 2^frac
  const shift = exponent + f.frac;
  let bits: bigint;
  if (shift >= 0) {
    bits = mantissa << BigInt(shift);
  } else {
    const s = BigInt(-shift);
    const q = mantissa >> s;
    const rem = mantissa - (q << s);
    const half = 1n << (s - 1n);
    bits = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
  }
  return clamp(f, x < 0 ? -bits : bits);
}

/** Splits a positive finite double into an integer mantissa and a power-of-two exponent. */
function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  const fracHi = BigInt(hi & 0xfffff);
  const frac = (fracHi << 32n) | BigInt(lo);
  if (biasedExp === 0) return [frac, -1074];
  return [frac | (1n << 52n), biasedExp - 1075];
}
