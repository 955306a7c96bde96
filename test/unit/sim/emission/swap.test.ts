import test from "ava";
import fc from "fast-check";
import { weightsForAddedLiquidity } from "../../../../sim/emission/balancer.ts";
import { MAX_PRICE_RAO, MIN_PRICE_RAO } from "../../../../sim/emission/constants.ts";
import { SwapError } from "../../../../sim/emission/errors.ts";
import { type PoolView, poolPrice, quoteSwap } from "../../../../sim/emission/swap.ts";

const PARTS = 1e18;

/** ln of the balancer invariant x^w1 · y^w2 (floats: a check, not part of the engine). */
const lnInvariant = (p: PoolView) => {
  const w2 = Number(p.quoteParts) / PARTS;
  return (1 - w2) * Math.log(Number(p.alphaIn)) + w2 * Math.log(Number(p.tao));
};

const poolArb = fc.record({
  tao: fc.bigInt({ min: 1_000_000_000n, max: 10n ** 16n }),
  alphaIn: fc.bigInt({ min: 1_000_000_000n, max: 10n ** 17n }),
  quoteParts: fc.bigInt({ min: 100_000_000_000_000_000n, max: 900_000_000_000_000_000n }),
  feeRate: fc.integer({ min: 0, max: 10_000 }),
});

test("the balancer invariant never decreases across swaps in either direction", (t) => {
  fc.assert(
    fc.property(poolArb, fc.boolean(), fc.bigInt({ min: 1_000n, max: 10n ** 15n }), (pool, buy, amount) => {
      try {
        const q = quoteSwap(
          pool,
          buy ? "tao_to_alpha" : "alpha_to_tao",
          amount,
          buy ? MAX_PRICE_RAO : MIN_PRICE_RAO,
          false,
        );
        const after = { ...pool, tao: q.taoAfter, alphaIn: q.alphaInAfter };
        // Outputs are floored, so the pool never loses; fees leave the pool (they go to the author).
        t.true(lnInvariant(after) >= lnInvariant(pool) - 1e-12);
        t.true(q.paidIn + q.fee + q.refund === amount);
        t.true(buy ? q.priceAfter >= q.priceBefore : q.priceAfter <= q.priceBefore);
      } catch (err) {
        t.true(err instanceof SwapError);
      }
    }),
    { numRuns: 60 },
  );
});

test("a buy followed by selling what was bought returns at most the TAO paid", (t) => {
  fc.assert(
    fc.property(poolArb, fc.bigInt({ min: 10_000_000n, max: 10n ** 13n }), (pool, tao) => {
      fc.pre(tao <= pool.tao * 100n);
      try {
        const buy = quoteSwap(pool, "tao_to_alpha", tao, MAX_PRICE_RAO, false);
        const mid = { ...pool, tao: buy.taoAfter, alphaIn: buy.alphaInAfter };
        const sell = quoteSwap(mid, "alpha_to_tao", buy.paidOut, MIN_PRICE_RAO, false);
        t.true(sell.paidOut <= tao);
      } catch (err) {
        // Price or reserve limits of the chain (e.g. a price already at the maximum).
        t.true(err instanceof SwapError);
      }
    }),
    { numRuns: 40 },
  );
});

test("a limit price stops a buy at the limit and refunds the rest", (t) => {
  const pool = {
    tao: 10n ** 12n,
    alphaIn: 2n * 10n ** 13n,
    quoteParts: 500_000_000_000_000_000n,
    feeRate: 33,
  };
  const q = quoteSwap(pool, "tao_to_alpha", 10n ** 12n, 55_000_000n, false);
  t.true(q.refund > 0n);
  t.true(q.priceAfter <= (55n << 64n) / 1000n);
  t.throws(() => quoteSwap(pool, "tao_to_alpha", 10n ** 9n, 1_000n, false), { instanceOf: SwapError });
});

test("protocol liquidity injection keeps the price (within one part in 1e9) or is refused", (t) => {
  fc.assert(
    fc.property(poolArb, fc.bigInt({ min: 0n, max: 10n ** 12n }), (pool, tao) => {
      const price = poolPrice(pool);
      const alpha = (tao << 64n) / (price === 0n ? 1n : price);
      // Reserves are u64 on chain.
      fc.pre(pool.alphaIn + alpha < 1n << 63n);
      const next = weightsForAddedLiquidity(pool.quoteParts, pool.tao, pool.alphaIn, tao, alpha);
      if (next === undefined) return;
      const after = poolPrice({
        ...pool,
        quoteParts: next,
        tao: pool.tao + tao,
        alphaIn: pool.alphaIn + alpha,
      });
      const rel = Math.abs(Number(after - price)) / Number(price);
      t.true(rel < 1e-9);
    }),
    { numRuns: 60 },
  );
});
