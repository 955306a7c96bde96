import test from "ava";
import {
  addSubnet,
  type ChainState,
  cloneState,
  createState,
  increaseStakeFor,
  newSubnet,
  registerHotkey,
  runFast,
  step,
  yumaEpoch,
} from "../../../../sim/emission/index.ts";
import type { SparseU16 } from "../../../../sim/yuma/types.ts";

const TAO = 1_000_000_000n;
const UIDS = 12;
const VALIDATORS = 4;
const BLOCKS = 10_000;
/** The float64 stepper's documented bound on the relative deviation from the exact stepper. */
const TOLERANCE = 1e-6;

/** Four subnets with different pools, prices, tempos and owners; every one emitting. */
function chain(): { state: ChainState; weights: SparseU16 } {
  const state = createState({ block: 5_000n, totalIssuance: 7_000_000n * TAO });
  const root = state.subnets.get(0);
  if (root === undefined) throw new Error("no root");
  root.tao = 3_000_000n * TAO;
  for (let netuid = 1; netuid <= 4; netuid++) {
    const uids = Array.from({ length: UIDS }, (_, u) => `sn${netuid}-hk${u}`);
    for (const hk of uids) registerHotkey(state, hk, `ck-${hk}`);
    addSubnet(
      state,
      newSubnet(netuid, {
        tao: BigInt(20_000 * netuid) * TAO,
        alphaIn: BigInt(1_000_000 - 100_000 * netuid) * TAO,
        alphaOut: BigInt(500_000 * netuid) * TAO,
        movingPrice: BigInt(netuid) << 27n,
        firstEmissionBlock: BigInt(netuid * 1000),
        tempo: 90 * netuid,
        lastEpochBlock: 5_000n - BigInt(netuid * 7),
        ownerColdkey: netuid % 2 === 1 ? `ck-sn${netuid}-hk${UIDS - 1}` : undefined,
        ownerHotkey: netuid % 2 === 1 ? `sn${netuid}-hk${UIDS - 1}` : undefined,
        uids,
        blockAtRegistration: uids.map(() => 0n),
        uidEmission: uids.map(() => 0n),
      }),
    );
    for (let v = 0; v < VALIDATORS; v++) {
      const hk = uids[v] as string;
      increaseStakeFor(state, hk, `ck-${hk}`, netuid, BigInt(1_000 + 100 * v) * TAO);
      if (v === 0) increaseStakeFor(state, hk, `ck-${hk}`, 0, 10_000n * TAO);
    }
  }
  const weights: SparseU16 = Array.from({ length: UIDS }, (_, uid) =>
    uid < VALIDATORS
      ? Array.from(
          { length: UIDS - VALIDATORS },
          (_, m) => [VALIDATORS + m, 1 + ((uid * 7 + m * 13) % 50) * 1000] as [number, number],
        )
      : [],
  );
  return { state, weights };
}

const rel = (fast: bigint, exact: bigint): number =>
  exact === fast ? 0 : Math.abs(Number(fast - exact)) / Math.max(1, Math.abs(Number(exact)));

test("runFast stays within 1e-6 of the exact stepper on issuance, pools and pending alpha over 10k blocks", (t) => {
  const { state: exact, weights } = chain();
  const fast = cloneState(exact);
  const epochs = { exact: 0, fast: 0 };
  const exactFn = yumaEpoch({ mode: "fast", weights: () => weights });
  for (let b = 0; b < BLOCKS; b++) epochs.exact += step(exact, [], exactFn).epochs.length;
  const report = runFast(fast, BLOCKS, yumaEpoch({ mode: "fast", weights: () => weights }));
  epochs.fast = report.epochs;

  t.is(fast.block, exact.block);
  t.is(epochs.fast, epochs.exact, "the same epochs run in the same blocks");
  t.true(epochs.exact > 100);
  const deviations: Record<string, number> = {
    totalIssuance: rel(fast.totalIssuance, exact.totalIssuance),
    totalStake: rel(fast.totalStake, exact.totalStake),
  };
  for (const netuid of [1, 2, 3, 4]) {
    const e = exact.subnets.get(netuid);
    const f = fast.subnets.get(netuid);
    if (e === undefined || f === undefined) throw new Error("subnet missing");
    t.is(f.lastEpochBlock, e.lastEpochBlock);
    deviations[`${netuid}.tao`] = rel(f.tao, e.tao);
    deviations[`${netuid}.alphaIn`] = rel(f.alphaIn, e.alphaIn);
    deviations[`${netuid}.alphaOut`] = rel(f.alphaOut, e.alphaOut);
    deviations[`${netuid}.protocolAlpha`] = rel(f.protocolAlpha, e.protocolAlpha);
    deviations[`${netuid}.quoteParts`] = rel(f.quoteParts, e.quoteParts);
    deviations[`${netuid}.movingPrice`] = rel(f.movingPrice, e.movingPrice);
    deviations[`${netuid}.pendingServer`] = rel(f.pending.server, e.pending.server);
  }
  const worst = Object.entries(deviations).sort((a, b) => b[1] - a[1])[0] as [string, number];
  t.log(`worst relative deviation: ${worst[0]} ${worst[1].toExponential(2)}`);
  for (const [field, d] of Object.entries(deviations)) t.true(d <= TOLERANCE, `${field}: ${d}`);
});

test("runFast with zero blocks changes nothing and rejects a negative block count", (t) => {
  const { state, weights } = chain();
  const before = cloneState(state);
  const report = runFast(state, 0, yumaEpoch({ mode: "fast", weights: () => weights }));
  t.deepEqual(report, { blocks: 0, epochs: 0, minted: 0n });
  t.deepEqual(state.subnets.get(2), before.subnets.get(2));
  t.is(state.totalIssuance, before.totalIssuance);
  t.throws(() => runFast(state, -1, yumaEpoch({ mode: "fast", weights: () => weights })), {
    message: /blocks/,
  });
});

test("runFast defers epochs beyond MaxEpochsPerBlock exactly as step does", (t) => {
  const base = createState({ block: 1_000n, totalIssuance: 1_000_000n * TAO });
  for (let netuid = 1; netuid <= 5; netuid++)
    addSubnet(
      base,
      newSubnet(netuid, {
        tao: 1_000n * TAO,
        alphaIn: 10_000n * TAO,
        movingPrice: 1n << 30n,
        firstEmissionBlock: netuid === 5 ? undefined : 1n,
        tempo: 10,
        lastEpochBlock: 1_000n,
      }),
    );
  const exact = cloneState(base);
  const fast = cloneState(base);
  const nothing = () => [];
  const blocksOfEpochs = { exact: [] as string[], fast: [] as string[] };
  for (let b = 0; b < 100; b++)
    for (const e of step(exact, [], nothing).epochs) blocksOfEpochs.exact.push(`${e.netuid}@${e.block}`);
  runFast(fast, 100, nothing, { onEpoch: (e) => blocksOfEpochs.fast.push(`${e.netuid}@${e.block}`) });
  t.deepEqual(blocksOfEpochs.fast, blocksOfEpochs.exact);
  t.true(blocksOfEpochs.exact.length > 20);
  for (let netuid = 1; netuid <= 5; netuid++) {
    const e = exact.subnets.get(netuid);
    const f = fast.subnets.get(netuid);
    t.deepEqual(
      [f?.lastEpochBlock, f?.pendingEpochAt, f?.blocksSinceLastStep, f?.epochIndex],
      [e?.lastEpochBlock, e?.pendingEpochAt, e?.blocksSinceLastStep, e?.epochIndex],
    );
  }
});
