import test from "ava";
import { sniper, washTrader, whale } from "../../../../sim/scenario/agents/market.ts";
import type { MarketView, ValidatorView } from "../../../../sim/scenario/agents/types.ts";
import {
  cabalValidator,
  honestValidator,
  lazyValidator,
  weightCopier,
} from "../../../../sim/scenario/agents/validators.ts";
import { createRng } from "../../../../sim/scenario/rng.ts";

const view: ValidatorView = {
  block: 100,
  epoch: 3,
  uid: 0,
  n: 4,
  quality: [0, 0.9, 0.5, 0.1],
  isMiner: [false, true, true, true],
  consensus: [0, 0.2, 0.7, 0.1],
  cabal: [],
  lastWeights: null,
  epochsSinceSet: 3,
};

test("an honest validator without noise weights miners by true quality and never itself", (t) => {
  const w = honestValidator(view, { noise: 0 }, createRng(1))!;
  t.deepEqual(w, [0, 0.9, 0.5, 0.1]);
});

test("an honest validator's noise changes its view but keeps weights non-negative", (t) => {
  const w = honestValidator(view, { noise: 0.5 }, createRng(1))!;
  t.notDeepEqual(w, [0, 0.9, 0.5, 0.1]);
  t.true(w.every((x) => x >= 0));
});

test("a lazy validator skips epochs until its period has passed", (t) => {
  const stale = { ...view, lastWeights: [0, 1, 1, 1], epochsSinceSet: 2 };
  t.is(lazyValidator(stale, { noise: 0, every_epochs: 5 }, createRng(1)), null);
  t.truthy(lazyValidator({ ...stale, epochsSinceSet: 5 }, { noise: 0, every_epochs: 5 }, createRng(1)));
});

test("a weight copier sets the published consensus", (t) => {
  t.deepEqual(weightCopier(view, {}, createRng(1)), [0, 0.2, 0.7, 0.1]);
  const fresh = { ...view, consensus: [0, 0, 0, 0] };
  t.deepEqual(weightCopier(fresh, {}, createRng(1)), [0, 1, 1, 1]);
});

test("a cabal validator puts all weight on its own miners", (t) => {
  t.deepEqual(cabalValidator({ ...view, cabal: [3] }, { noise: 0 }, createRng(1)), [0, 0, 0, 1]);
});

const market: MarketView = { block: 50, netuid: 1, price: 0.1, burnTao: 0.5, alphaHeld: [0], count: 1 };

test("a whale buys at its entry block and sells everything at its exit block", (t) => {
  const p = { amount_tao: 1000, enter_block: 50, exit_block: 80 };
  t.deepEqual(whale(market, p, createRng(1)), [{ type: "stake", index: 0, amountTao: 1000 }]);
  t.deepEqual(whale({ ...market, block: 80, alphaHeld: [42] }, p, createRng(1)), [
    { type: "unstake", index: 0, amountAlpha: 42 },
  ]);
  t.deepEqual(whale({ ...market, block: 60 }, p, createRng(1)), []);
});

test("a wash trader alternates buying and selling on its period", (t) => {
  const p = { amount_tao: 5, every_blocks: 10, from_block: 0 };
  t.deepEqual(washTrader(market, p, createRng(1)), [{ type: "stake", index: 0, amountTao: 5 }]);
  t.deepEqual(washTrader({ ...market, alphaHeld: [3] }, p, createRng(1)), [
    { type: "unstake", index: 0, amountAlpha: 3 },
  ]);
  t.deepEqual(washTrader({ ...market, block: 55 }, p, createRng(1)), []);
});

test("a sniper registers only when the burn is below its limit", (t) => {
  const p = { every_blocks: 50, max_burn_tao: 1 };
  t.deepEqual(sniper(market, p, createRng(1)), [{ type: "register" }]);
  t.deepEqual(sniper({ ...market, burnTao: 2 }, p, createRng(1)), []);
});
