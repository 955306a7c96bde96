/**
 * Port of `safe-bigmath` (sam0x17/safe-bigmath @ 013c4998, `SafeInt::pow_ratio_scaled`), the routine
 * subtensor's balancer pool uses for `(base_num / base_den)^(exp_num / exp_den) · scale`.
 *
 * Two paths, chosen exactly as the crate does: when the gcd-reduced exponent fraction has numerator
 * and denominator ≤ 1024 the result is the exact floor of the scaled root; otherwise a fixed-point
 * ln/exp Taylor series with 24 guard bits is evaluated. Every floor/round step is reproduced so the
 * result matches the crate bit for bit (BigInt `div_floor`, truncating `div_rem`).
 */
import { powRatioScaledFast } from "./bigmath_fast.ts";

const MAX_EXACT_EXPONENT = 1024n;
const DEFAULT_MAX_ITERS = 4096;
const GUARD_BITS = 24n;

/** Floor division for possibly negative bigints (num-bigint `div_floor`). */
export function divFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export const bitLength = (x: bigint): number => (x === 0n ? 0 : x.toString(2).length);

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function nthRootRatioFloor(targetNum: bigint, targetDen: bigint, q: bigint): bigint {
  if (q === 0n) return 0n;
  let low = 0n;
  let high = 1n;
  while (high ** q * targetDen <= targetNum) high <<= 1n;
  while (low < high) {
    const mid = (low + high + 1n) >> 1n;
    if (mid ** q * targetDen <= targetNum) low = mid;
    else high = mid - 1n;
  }
  return low;
}

/** Rounds away the guard bits: truncating div_rem, then half away from zero. */
function roundToPrecision(value: bigint, guard: bigint): bigint {
  let t = value / guard;
  const r = value - t * guard;
  if (r !== 0n && (r < 0n ? -r : r) << 1n >= guard) t += r < 0n ? -1n : 1n;
  return t;
}

function ln1pFixed(x: bigint, scale: bigint, guard: bigint, maxIters: number): bigint {
  let term = x;
  let result = term;
  let prevRounded = roundToPrecision(result, guard);
  for (let n = 2; n <= maxIters; n++) {
    term = divFloor(term * x, scale);
    if (term === 0n) break;
    const next = divFloor(term, BigInt(n));
    if (next === 0n) break;
    if (n % 2 === 0) result -= next;
    else result += next;
    const rounded = roundToPrecision(result, guard);
    if ((next < 0n ? -next : next) < guard || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

function expFixed(x: bigint, scale: bigint, guard: bigint, maxIters: number): bigint {
  let term = scale;
  let result = term;
  let prevRounded = roundToPrecision(result, guard);
  for (let n = 1; n <= maxIters; n++) {
    term = divFloor(term * x, scale * BigInt(n));
    if (term === 0n) break;
    result += term;
    const rounded = roundToPrecision(result, guard);
    if ((term < 0n ? -term : term) < guard || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

function lnBiguint(
  value: bigint,
  internalPrecision: bigint,
  internalScale: bigint,
  guard: bigint,
  lnTwo: bigint,
  maxIters: number,
): bigint {
  if (value === 0n) return 0n;
  let shift = BigInt(bitLength(value) - 1);
  let mantissa = (value << internalPrecision) >> shift;
  const half = internalScale >> 1n;
  if (mantissa >= internalScale + half) {
    mantissa >>= 1n;
    shift += 1n;
  }
  return ln1pFixed(mantissa - internalScale, internalScale, guard, maxIters) + lnTwo * shift;
}

const lnTwoCache = new Map<string, bigint>();

/**
 * `(baseNum/baseDen)^(expNum/expDen) · scale`, floored as safe-bigmath does; `undefined` where the
 * crate returns `None` (zero denominators, negative inputs).
 */
export function powRatioScaled(
  baseNum: bigint,
  baseDen: bigint,
  expNum: bigint,
  expDen: bigint,
  precision: number,
  scale: bigint,
): bigint | undefined {
  if (baseDen === 0n || expDen === 0n) return undefined;
  if (baseNum === 0n) return 0n;
  if (scale < 0n || baseNum < 0n || baseDen < 0n || expNum < 0n || expDen < 0n) return undefined;
  if (expNum === 0n) return scale;
  const g = gcd(expNum, expDen);
  if (g > 1n) {
    expNum /= g;
    expDen /= g;
  }
  if (expNum <= MAX_EXACT_EXPONENT && expDen <= MAX_EXACT_EXPONENT) {
    const targetNum = baseNum ** expNum * scale ** expDen;
    const targetDen = baseDen ** expNum;
    return nthRootRatioFloor(targetNum, targetDen, expDen);
  }
  const fast = powRatioScaledFast(baseNum, baseDen, expNum, expDen, scale);
  if (fast !== undefined) return fast;
  return powRatioScaledSeries(baseNum, baseDen, expNum, expDen, precision, scale);
}

/** The crate's fallback series itself (exported so tests can compare it with the fast path). */
export function powRatioScaledSeries(
  baseNum: bigint,
  baseDen: bigint,
  expNum: bigint,
  expDen: bigint,
  precision: number,
  scale: bigint,
): bigint {
  const scaleBits = bitLength(scale);
  const requested = BigInt(Math.max(precision, 32, scaleBits + 8));
  const internalPrecision = requested + GUARD_BITS;
  const maxIters = Math.max(1, Math.min(DEFAULT_MAX_ITERS, Number(internalPrecision) + 128));
  const targetScale = 1n << requested;
  const guard = 1n << GUARD_BITS;
  const internalScale = targetScale << GUARD_BITS;
  const key = `${internalPrecision}`;
  let lnTwo = lnTwoCache.get(key);
  if (lnTwo === undefined) {
    lnTwo = -ln1pFixed(-(internalScale >> 1n), internalScale, guard, maxIters);
    lnTwoCache.set(key, lnTwo);
  }
  const lnBase =
    lnBiguint(baseNum, internalPrecision, internalScale, guard, lnTwo, maxIters) -
    lnBiguint(baseDen, internalPrecision, internalScale, guard, lnTwo, maxIters);
  const lnScaled = divFloor(lnBase * expNum, expDen);
  const expFp = expFixed(lnScaled, internalScale, guard, maxIters);
  const expRequested = roundToPrecision(expFp, guard);
  return divFloor(expRequested * scale, targetScale);
}
