import test from "ava";
import fc from "fast-check";
import { div } from "../../../../sim/fixed/fixnum.ts";
import { divRecip, reciprocal } from "../../../../sim/yuma/recip.ts";

// Dividends and divisors around the envelope's edges (2^32 = 1.0, 2^50, quotients near 2^51),
// negative dividends and zero divisors (both handed to div).
const magnitude = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 33 }),
  fc.integer({ min: 0, max: 2 ** 20 }),
  fc.constantFrom(0, 1, 2 ** 32, 2 ** 32 - 1, 2 ** 50 - 1, 2 ** 50, 2 ** 51, 2 ** 53 - 1),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);

/** The result, or the error code when the quotient is not exactly representable. */
const outcome = (f: () => number): number | string => {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as { code?: string }).code}`;
  }
};

test("division by a shared reciprocal is safe_div bit for bit", (t) => {
  fc.assert(
    fc.property(magnitude, magnitude, fc.boolean(), (a, d, negative) => {
      const x = negative ? -a : a;
      return outcome(() => divRecip(x, d, reciprocal(d))) === outcome(() => div(x, d));
    }),
    { numRuns: 200_000 },
  );
  t.pass();
});

test("small divisors with dividends around their multiples divide as safe_div", (t) => {
  for (let d = 1; d < 5000; d += 7) {
    const inv = reciprocal(d);
    for (const q of [0, 1, 12345, 2 ** 20 + 3]) {
      // Dividends around q·d: quotients q·2^32 and its neighbours.
      for (const a of [q * d - 1, q * d, q * d + 1]) if (a >= 0) t.is(divRecip(a, d, inv), div(a, d));
    }
  }
});

test("dividends whose quotient lands next to an integer, below 2^33 and up to the 2^51 edge, divide as safe_div", (t) => {
  const near = fc.record({
    d: fc.integer({ min: 1, max: 2 ** 50 - 1 }),
    q: fc.oneof(
      fc.integer({ min: 0, max: 2 ** 33 + 8 }),
      fc.integer({ min: 0, max: 2 ** 51 + 8 }),
      fc.integer({ min: 2 ** 51 - 64, max: 2 ** 51 + 64 }),
    ),
    delta: fc.integer({ min: -2, max: 2 }),
  });
  fc.assert(
    fc.property(near, ({ d, q, delta }) => {
      // a = floor(q·d / 2^32) + delta: a·2^32 / d sits within a few units of q.
      const a = Number((BigInt(q) * BigInt(d)) >> 32n) + delta;
      if (a < 0 || !Number.isSafeInteger(a)) return true;
      return outcome(() => divRecip(a, d, reciprocal(d))) === outcome(() => div(a, d));
    }),
    { numRuns: 200_000 },
  );
  t.pass();
});
