import test from "ava";
import fc from "fast-check";
import {
  decreaseForOne,
  newSharePool,
  shareValue,
  updateValueForAll,
  updateValueForOne,
} from "../../../../sim/emission/share_pool.ts";

test("stakers' values never sum above the pool total and follow emission pro rata", (t) => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          op: fc.constantFrom("stake", "unstake", "emit"),
          who: fc.constantFrom("A", "B", "C"),
          amount: fc.bigInt({ min: 1n, max: 10n ** 15n }),
        }),
        { minLength: 1, maxLength: 30 },
      ),
      (ops) => {
        const pool = newSharePool();
        for (const o of ops) {
          if (o.op === "stake") updateValueForOne(pool, o.who, o.amount);
          else if (o.op === "unstake") decreaseForOne(pool, o.who, o.amount);
          else if (pool.shares.size > 0) updateValueForAll(pool, o.amount);
          let sum = 0n;
          for (const k of pool.shares.keys()) sum += shareValue(pool, k);
          t.true(sum <= pool.total);
          t.true(pool.total >= 0n);
        }
      },
    ),
    { numRuns: 80 },
  );
});

test("an unstake larger than the stake is ignored", (t) => {
  const pool = newSharePool();
  updateValueForOne(pool, "A", 1_000n);
  t.false(decreaseForOne(pool, "A", 1_001n));
  t.is(shareValue(pool, "A"), 1_000n);
  t.true(decreaseForOne(pool, "A", 1_000n));
  t.false(pool.shares.has("A"));
});
