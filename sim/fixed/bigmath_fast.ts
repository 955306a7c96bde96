/**
 * A certified fast path for the series fallback of `powRatioScaled` (bigmath.ts).
 *
 * The crate's ln/exp series works at 280 bits and is accurate to ~2^-250, so its result equals
 * floor(v · scale) for the true v = (bn/bd)^(en/ed) unless v · scale lies within ~2^-190 of an
 * integer. Here v is evaluated at 192 bits with argument reduction (a few dozen bigint operations
 * instead of hundreds) together with a generous error bound (relative 2^-120, far above the real
 * error of ~2^-170); when floor(v · scale) is the same at both ends of that interval it is the
 * crate's answer, otherwise `undefined` tells the caller to run the exact series.
 */
const P = 192n;
const ONE = 1n << P;
const HALF = ONE >> 1n;
const THREE_HALVES = ONE + HALF;
const THREE_QUARTERS = (ONE * 3n) >> 2n;

function divFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** ln(1 + t) for t = x / ONE, |t| ≤ 1/2, truncated series. */
function ln1p(x: bigint): bigint {
  let term = x;
  let result = x;
  for (let n = 2n; ; n++) {
    // Truncating division: each step errs by < 1 ulp, which the final bound covers.
    term = (term * x) >> P;
    const next = term / n;
    if (next === 0n || next === -1n) break;
    result += n % 2n === 0n ? -next : next;
  }
  return result;
}

const LN2 = -ln1p(-HALF);

/** e^(y / ONE) · ONE. */
function expFixed(y: bigint): bigint {
  // Small |y| (the usual case: trades small against the reserve) goes straight to the series;
  // otherwise y = j·ln2 + f with 0 ≤ f < ln2, e^f by series, shifted by j.
  const small = y < ONE >> 4n && y > -(ONE >> 4n);
  const j = small ? 0n : divFloor(y, LN2);
  const f = small ? y : y - j * LN2;
  let term = ONE;
  let result = ONE;
  for (let n = 1n; ; n++) {
    // Two truncations per term (shift, then the small divisor): < 2 ulps, inside the bound.
    term = ((term * f) >> P) / n;
    if (term === 0n) break;
    result += term;
  }
  return j >= 0n ? result << j : result >> -j;
}

function bitLen(x: bigint): bigint {
  return BigInt(x.toString(2).length);
}

/** ln(bn / bd) · ONE for positive integers. */
function lnRatio(bn: bigint, bd: bigint): bigint {
  let k = bitLen(bn) - bitLen(bd);
  let mant = k >= 0n ? (bn << P) / (bd << k) : ((bn << P) << -k) / bd;
  while (mant >= THREE_HALVES) {
    mant >>= 1n;
    k += 1n;
  }
  while (mant < THREE_QUARTERS) {
    mant <<= 1n;
    k -= 1n;
  }
  return ln1p(mant - ONE) + k * LN2;
}

/** floor((bn/bd)^(en/ed) · scale) when it is certain, else undefined. All inputs positive. */
export function powRatioScaledFast(
  bn: bigint,
  bd: bigint,
  en: bigint,
  ed: bigint,
  scale: bigint,
): bigint | undefined {
  const y = (lnRatio(bn, bd) * en) / ed;
  // Beyond |y| = 64 the crate's own series loses accuracy (its exp of a large negative argument
  // cancels catastrophically at 280 bits), so its result is no longer floor(v · scale): run it as is.
  if (y > ONE << 6n || y < -(ONE << 6n)) return undefined;
  const v = expFixed(y);
  const margin = (v >> 120n) + (1n << 32n);
  const lo = ((v - margin) * scale) >> P;
  const hi = ((v + margin) * scale) >> P;
  return lo === hi && v > margin ? lo : undefined;
}
