import test from "ava";
import fc from "fast-check";
import { I32F32, safeDiv, saturatingMul } from "../../../../sim/fixed/fixed.ts";
import {
  checkedMulOrZero,
  div,
  intDiv,
  MUL_SPLIT_MAX,
  mul,
  mulSplit,
  splitFactor,
} from "../../../../sim/fixed/fixnum.ts";

// Operands of the number fast path: integers below 2^53 in magnitude, biased toward the values the
// epoch holds (≤ 2^32 = 1.0, u16 << 32) and toward the edges of the float envelopes.
const bits = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 32 }),
  fc.maxSafeInteger().map((x) => Math.abs(x)),
  fc.integer({ min: 0, max: 65535 }).map((u) => u * 2 ** 32),
  fc.integer({ min: -(2 ** 33), max: 2 ** 33 }),
  fc.constantFrom(0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 50 - 1, 2 ** 52, Number.MAX_SAFE_INTEGER),
);
const safe = (r: bigint) => r <= BigInt(Number.MAX_SAFE_INTEGER) && r >= -BigInt(Number.MAX_SAFE_INTEGER);

test("mul equals substrate-fixed saturating_mul (floor of the exact product) on number bits", (t) => {
  fc.assert(
    fc.property(bits, bits, (a, b) => {
      const expected = saturatingMul(I32F32, BigInt(a), BigInt(b));
      if (!safe(expected)) return t.throws(() => mul(a, b)) !== undefined;
      return BigInt(mul(a, b)) === expected;
    }),
    { numRuns: 20_000 },
  );
  t.pass();
});

test("checkedMulOrZero is 0 exactly where checked_mul overflows", (t) => {
  fc.assert(
    fc.property(bits, bits, (a, b) => {
      const r = (BigInt(a) * BigInt(b)) >> 32n;
      const expected = r > I32F32.max || r < I32F32.min ? 0n : r;
      return !safe(expected) || BigInt(checkedMulOrZero(a, b)) === expected;
    }),
    { numRuns: 5000 },
  );
  t.pass();
});

test("div equals safe_div (truncating, 0 on b = 0 or overflow) on number bits", (t) => {
  fc.assert(
    fc.property(bits, bits, (a, b) => {
      const expected = safeDiv(I32F32, BigInt(a), BigInt(b));
      if (!safe(expected)) return t.throws(() => div(a, b)) !== undefined;
      return BigInt(div(a, b)) === expected;
    }),
    { numRuns: 20_000 },
  );
  t.pass();
});

test("intDiv truncates exactly for integers below 2^52", (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 52 - 1 }),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      (x, d) => {
        return BigInt(intDiv(x, d)) === BigInt(x) / BigInt(d);
      },
    ),
    { numRuns: 20_000 },
  );
  t.pass();
});

test("mulSplit with a pre-split factor equals saturating_mul over its whole domain", (t) => {
  const factor = fc.oneof(
    fc.integer({ min: 0, max: 2 ** 33 }),
    fc.constantFrom(0, 1, 2 ** 32, 2 ** 33, 65535, 65536),
  );
  const value = fc.oneof(
    fc.integer({ min: 0, max: MUL_SPLIT_MAX }),
    fc.constantFrom(0, 1, 2 ** 32, MUL_SPLIT_MAX),
  );
  fc.assert(
    fc.property(factor, value, (c, v) => {
      const [high, low] = splitFactor(c);
      return BigInt(mulSplit(high, low, v)) === saturatingMul(I32F32, BigInt(c), BigInt(v));
    }),
    { numRuns: 20_000 },
  );
  t.pass();
});
