import test from "ava";
import fc from "fast-check";
import { powRatioScaled, powRatioScaledSeries } from "../../../../sim/fixed/bigmath.ts";

const SCALE = 1_000_000_000_000_000_000n;

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
/** Whether the crate takes its series path (reduced exponent beyond 1024) for en/ed. */
const seriesPath = (en: bigint, ed: bigint): boolean => {
  const g = gcd(en, ed);
  return en / g > 1024n || ed / g > 1024n;
};

test("fast path of pow_ratio_scaled equals the crate's series on swap-like inputs", (t) => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1_000_000n, max: 1n << 62n }),
      fc.bigInt({ min: 1n, max: 1n << 62n }),
      fc.bigInt({ min: 10_000_000_000_000_000n, max: 990_000_000_000_000_000n }),
      (x, dx, quote) => {
        const base = SCALE - quote;
        fc.pre(seriesPath(quote, base));
        const got = powRatioScaled(x, x + dx, quote, base, 256, SCALE);
        t.is(got, powRatioScaledSeries(x, x + dx, quote, base, 256, SCALE));
      },
    ),
    { numRuns: 300 },
  );
});

test("fast path equals the series on limit-price style ratios above one", (t) => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1n << 40n, max: 1n << 70n }),
      fc.bigInt({ min: 1n, max: 1n << 66n }),
      fc.bigInt({ min: 10_000_000_000_000_000n, max: 990_000_000_000_000_000n }),
      (current, up, w) => {
        const target = current + up;
        fc.pre(seriesPath(w, SCALE));
        t.is(
          powRatioScaled(target, current, w, SCALE, 1024, SCALE),
          powRatioScaledSeries(target, current, w, SCALE, 1024, SCALE),
        );
      },
    ),
    { numRuns: 40 },
  );
});

test("equal weights take the exact root path: the constant-product rule", (t) => {
  // (y / (y + dy))^1 · 1e18, floored
  t.is(powRatioScaled(3n, 4n, 1n, 1n, 256, SCALE), (3n * SCALE) / 4n);
  t.is(powRatioScaled(1n, 4n, 1n, 2n, 256, 1000n), 500n);
});

test("degenerate inputs follow the crate: zero base is 0, zero exponent is the scale", (t) => {
  t.is(powRatioScaled(0n, 5n, 3n, 7n, 256, SCALE), 0n);
  t.is(powRatioScaled(5n, 7n, 0n, 3n, 256, SCALE), SCALE);
  t.is(powRatioScaled(5n, 0n, 1n, 3n, 256, SCALE), undefined);
});
