import test from "ava";
import fc from "fast-check";
import {
  type Action,
  addSubnet,
  type ChainState,
  createState,
  type EpochFn,
  increaseStakeFor,
  newSubnet,
  registerHotkey,
  stakeValueTao,
  step,
  termsEpoch,
} from "../../../../sim/emission/index.ts";

const TAO = 1_000_000_000n;
const COLDKEYS = ["alice", "bob", "carol", "dave"];

/** A small chain whose issuance equals everything it holds, with three running subnets. */
function chain(author: string | undefined): ChainState {
  const state = createState({ block: 100n, params: { blockAuthor: author } });
  for (const ck of COLDKEYS) state.balances.set(ck, 5_000n * TAO);
  const root = state.subnets.get(0);
  if (root === undefined) throw new Error("no root");
  root.tao = 1_000n * TAO;
  for (let netuid = 1; netuid <= 3; netuid++) {
    const uids = COLDKEYS.map((ck) => `${ck}-hk${netuid}`);
    for (const [i, hk] of uids.entries()) registerHotkey(state, hk, COLDKEYS[i] as string);
    addSubnet(
      state,
      newSubnet(netuid, {
        tao: BigInt(netuid) * 100n * TAO,
        alphaIn: 1_000n * TAO,
        alphaOut: 500n * TAO,
        movingPrice: BigInt(netuid) << 30n,
        firstEmissionBlock: 1n,
        tempo: 5,
        lastEpochBlock: 100n - BigInt(netuid),
        ownerColdkey: "alice",
        ownerHotkey: uids[0],
        uids,
        blockAtRegistration: uids.map(() => 0n),
        uidEmission: uids.map(() => 0n),
      }),
    );
    for (const [i, hk] of uids.entries())
      increaseStakeFor(state, hk, COLDKEYS[i] as string, netuid, 100n * TAO);
  }
  increaseStakeFor(state, "bob-hk1", "bob", 0, 1_000n * TAO);
  let held = 0n;
  for (const v of state.balances.values()) held += v;
  for (const s of state.subnets.values()) held += s.tao;
  state.totalIssuance = held;
  return state;
}

/** Miners get incentive, the first two uids dividends. */
const epoch: EpochFn = termsEpoch(({ subnet }) =>
  subnet.uids.map((hotkey, uid) => ({
    hotkey,
    incentive: uid >= 2 ? 1n << 30n : 0n,
    dividend: uid < 2 ? 1n << 30n : 0n,
  })),
);

function taoHeld(state: ChainState): bigint {
  let sum = state.burnedTao;
  for (const v of state.balances.values()) sum += v;
  for (const s of state.subnets.values()) sum += s.tao + s.accountTao;
  return sum;
}

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    type: fc.constant("add_stake" as const),
    coldkey: fc.constantFrom(...COLDKEYS),
    hotkey: fc.constantFrom("alice-hk1", "bob-hk2", "carol-hk3", "dave-hk1", "bob-hk1"),
    netuid: fc.integer({ min: 0, max: 3 }),
    tao: fc.bigInt({ min: 1n, max: 300n * TAO }),
  }),
  fc.record({
    type: fc.constant("remove_stake" as const),
    coldkey: fc.constantFrom(...COLDKEYS),
    hotkey: fc.constantFrom("alice-hk1", "bob-hk2", "carol-hk3", "dave-hk1", "bob-hk1"),
    netuid: fc.integer({ min: 0, max: 3 }),
    alpha: fc.bigInt({ min: 1n, max: 200n * TAO }),
  }),
  fc.record({
    type: fc.constant("move_stake" as const),
    coldkey: fc.constantFrom(...COLDKEYS),
    from: fc.record({
      hotkey: fc.constantFrom("bob-hk1", "bob-hk2"),
      netuid: fc.integer({ min: 0, max: 3 }),
    }),
    to: fc.record({
      hotkey: fc.constantFrom("alice-hk1", "carol-hk3"),
      netuid: fc.integer({ min: 0, max: 3 }),
    }),
    alpha: fc.bigInt({ min: 1n, max: 100n * TAO }),
  }),
  fc.record({
    type: fc.constant("register_neuron" as const),
    coldkey: fc.constantFrom(...COLDKEYS),
    hotkey: fc.constantFrom("new-a", "new-b", "new-c"),
    netuid: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    type: fc.constant("register_network" as const),
    coldkey: fc.constantFrom(...COLDKEYS),
    hotkey: fc.constantFrom("owner-x", "owner-y"),
  }),
  fc.record({
    type: fc.constant("transfer" as const),
    from: fc.constantFrom(...COLDKEYS),
    to: fc.constantFrom(...COLDKEYS),
    tao: fc.bigInt({ min: 0n, max: 100n * TAO }),
  }),
);

test("issuance equals balances + pools + burned TAO at every block, and nothing goes negative", (t) => {
  fc.assert(
    fc.property(
      fc.option(fc.constant("author"), { nil: undefined }),
      fc.array(fc.array(actionArb, { maxLength: 3 }), { minLength: 5, maxLength: 25 }),
      (author, blocks) => {
        const state = chain(author);
        for (const actions of blocks) {
          step(state, actions, epoch);
          if (state.totalIssuance !== taoHeld(state)) return false;
          for (const v of state.balances.values()) if (v < 0n) return false;
          for (const s of state.subnets.values()) {
            if (s.tao < 0n || s.alphaIn < 0n || s.alphaOut < 0n) return false;
          }
          for (const p of state.stakes.values()) if (p.total < 0n) return false;
        }
        return true;
      },
    ),
    { numRuns: 25 },
  );
  t.pass();
});

test("epochs run once per tempo per subnet and distribute the pending alpha", (t) => {
  const state = chain("author");
  const seen = new Map<number, bigint[]>();
  for (let i = 0; i < 20; i++) {
    for (const e of step(state, [], epoch).epochs)
      seen.set(e.netuid, [...(seen.get(e.netuid) ?? []), e.block]);
  }
  for (const netuid of [1, 2, 3]) {
    const blocks = seen.get(netuid) ?? [];
    t.is(blocks.length, 4);
    for (let i = 1; i < blocks.length; i++) t.is((blocks[i] as bigint) - (blocks[i - 1] as bigint), 5n);
  }
  // Pending alpha was drained by the last epoch of subnet 1 at most 4 blocks ago.
  t.true((state.subnets.get(1)?.pending.server ?? 0n) > 0n);
});

test("the same actions give the same state (determinism)", (t) => {
  const run = () => {
    const state = chain(undefined);
    for (let i = 0; i < 12; i++)
      step(
        state,
        [{ type: "add_stake", coldkey: "dave", hotkey: "dave-hk1", netuid: 1, tao: 10n * TAO }],
        epoch,
      );
    return JSON.stringify(
      [...state.subnets.values()].map((s) => [s.tao, s.alphaIn, s.alphaOut, s.movingPrice, s.quoteParts]),
      (_k, v) => (typeof v === "bigint" ? v.toString() : v),
    );
  };
  t.is(run(), run());
});

test("a rejected action is reported with a stable code and changes nothing", (t) => {
  const state = chain(undefined);
  const before = state.balances.get("alice");
  const report = step(
    state,
    [{ type: "add_stake", coldkey: "alice", hotkey: "alice-hk1", netuid: 1, tao: 10_000_000n * TAO }],
    epoch,
  );
  t.false(report.actions[0]?.ok);
  t.is(report.actions[0]?.error, "EMISSION_STAKE_NOT_ENOUGH_BALANCE_TO_STAKE");
  t.is(state.balances.get("alice"), before);
});

test("a stake's TAO value: selling returns less than the spot value", (t) => {
  const state = chain("author");
  const v = stakeValueTao(state, "carol-hk3", "carol", 3);
  t.is(v.alpha, 100n * TAO);
  t.true(v.sellTao > 0n);
  t.true(v.sellTao < v.spotTao);
});
