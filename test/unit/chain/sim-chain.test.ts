import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { devKeypair } from "../../../node/chain/dev-keys.ts";
import { SimChain } from "../../../node/chain/sim/chain.ts";
import { decodeState, encodeState } from "../../../node/chain/sim/persist.ts";

const TAO = 1_000_000_000n;

async function subnetWithValidator() {
  const [alice, bob, charlie] = await Promise.all(["alice", "bob", "charlie"].map(devKeypair));
  const chain = new SimChain({
    blockMode: "instant",
    balances: {
      [alice.address]: 10_000n * TAO,
      [bob.address]: 1_000n * TAO,
      [charlie.address]: 1_000n * TAO,
    },
  });
  await chain.sudoSetHyperparameter(alice, { netuid: 0, name: "networkRateLimit", value: 0 });
  const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
  await chain.burnedRegister(bob, { netuid, hotkey: bob.address });
  await chain.burnedRegister(charlie, { netuid, hotkey: charlie.address });
  await chain.advance(10);
  await chain.startCall(alice, { netuid });
  await chain.addStake(bob, { hotkey: bob.address, netuid, amountRao: 100n * TAO });
  return { chain, alice, bob, charlie, netuid };
}

test("state JSON keeps bigints and maps exactly", (t) => {
  const value = { a: 2n ** 70n, m: new Map<string, bigint>([["x", -5n]]), nested: [{ b: 1n }], s: "t" };
  const back = decodeState<typeof value>(encodeState(value));
  t.deepEqual(back, value);
});

test("a saved chain loads back with the same block, balances, stakes and metagraph", async (t) => {
  const { chain, bob, netuid } = await subnetWithValidator();
  const dir = await mkdtemp(join(tmpdir(), "plexus-sim-"));
  try {
    const file = join(dir, "state.json");
    await chain.save(file);
    JSON.parse(await readFile(file, "utf8"));
    const loaded = await SimChain.load(file);
    t.is(await loaded.currentBlock(), await chain.currentBlock());
    t.is(await loaded.balance(bob.address), await chain.balance(bob.address));
    t.deepEqual(
      await loaded.metagraph(netuid, { weights: true }),
      await chain.metagraph(netuid, { weights: true }),
    );
    // The loaded chain keeps running.
    await loaded.advance(3);
    t.is(await loaded.currentBlock(), (await chain.currentBlock()) + 3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("epochs run every tempo: weights by a permitted validator turn into incentive and dividends", async (t) => {
  const { chain, alice, bob, netuid } = await subnetWithValidator();
  await chain.sudoSetHyperparameter(alice, { netuid, name: "weightsSetRateLimit", value: 0 });
  const tempo = (await chain.hyperparameters(netuid)).tempo;
  await chain.advance(tempo + 1);
  const m0 = await chain.metagraph(netuid);
  const charlie = 2;
  t.true(m0.validatorPermit[1]);
  await chain.setWeights(bob, { netuid, uids: [charlie], weights: [1] });
  await chain.advance(2 * (tempo + 1));
  const m = await chain.metagraph(netuid);
  t.true((m.incentive[charlie] ?? 0) > 0, "the weighted miner earns incentive");
  t.true((m.dividends[1] ?? 0) > 0, "the validator earns dividends");
  t.true(
    m.emission.some((e) => e > 0n),
    "emission was distributed",
  );
});

test("manual mode holds writes until a block is produced", async (t) => {
  const [alice, bob] = await Promise.all([devKeypair("alice"), devKeypair("bob")]);
  const chain = new SimChain({ blockMode: "manual", balances: { [alice.address]: 10n * TAO } });
  let done = false;
  const pending = chain.transfer(alice, { dest: bob.address, amountRao: TAO }).then((r) => {
    done = true;
    return r;
  });
  await new Promise((r) => setTimeout(r, 20));
  t.false(done);
  t.is(await chain.balance(bob.address), 0n);
  await chain.advance(1);
  const receipt = await pending;
  t.is(receipt.blockNumber, 1);
  t.is(await chain.balance(bob.address), TAO);
});

test("timer mode produces blocks on its own and notifies subscribers", async (t) => {
  const chain = new SimChain({ blockMode: "timer", blockTimeMs: 5 });
  const seen: number[] = [];
  const off = chain.subscribeBlocks((b) => seen.push(b));
  await chain.connect();
  await chain.waitForBlock(3, { timeoutMs: 2000 });
  off();
  await chain.disconnect();
  t.deepEqual(seen.slice(0, 3), [1, 2, 3]);
});

test("a write waiting for a block honours its timeout", async (t) => {
  const [alice, bob] = await Promise.all([devKeypair("alice"), devKeypair("bob")]);
  const chain = new SimChain({ blockMode: "manual", balances: { [alice.address]: TAO } });
  const err = await t.throwsAsync(
    chain.transfer(alice, { dest: bob.address, amountRao: 1n }, { timeoutMs: 20 }),
  );
  t.is((err as { name?: string }).name, "TimeoutError");
  const ctrl = new AbortController();
  const aborted = chain.transfer(alice, { dest: bob.address, amountRao: 1n }, { signal: ctrl.signal });
  ctrl.abort();
  t.is(((await t.throwsAsync(aborted)) as { name?: string }).name, "AbortError");
});

test("set_weights rules: duplicates, too few weights and a share above MaxWeightsLimit are refused by name", async (t) => {
  const { chain, alice, bob, netuid } = await subnetWithValidator();
  await chain.sudoSetHyperparameter(alice, { netuid, name: "weightsSetRateLimit", value: 0 });
  await chain.advance((await chain.hyperparameters(netuid)).tempo + 1);
  const reason = (p: { uids: number[]; weights: number[] }) =>
    chain.setWeights(bob, { netuid, ...p }).then(
      () => undefined,
      (e: { errorName?: string }) => e.errorName,
    );
  t.is(await reason({ uids: [0, 0], weights: [1, 1] }), "DuplicateUids");
  t.is(await reason({ uids: [0, 7], weights: [1, 1] }), "UidVecContainInvalidOne");
  t.is(await reason({ uids: [0, 2], weights: [1] }), "WeightVecNotEqualSize");
  await chain.sudoSetHyperparameter(alice, { netuid, name: "minAllowedWeights", value: 3 });
  t.is(await reason({ uids: [0, 2], weights: [1, 1] }), "WeightVecLengthIsLow");
  await chain.sudoSetHyperparameter(alice, { netuid, name: "minAllowedWeights", value: 1 });
  await chain.sudoSetHyperparameter(alice, { netuid, name: "maxWeightsLimit", value: 32_767 });
  t.is(await reason({ uids: [0, 2], weights: [65_535, 1_000] }), "MaxWeightExceeded");
  // Two equal halves: 0.5 is above 32767/65535 and within 32768/65535.
  t.is(await reason({ uids: [0, 2], weights: [65_535, 65_535] }), "MaxWeightExceeded");
  await chain.sudoSetHyperparameter(alice, { netuid, name: "maxWeightsLimit", value: 32_768 });
  t.is(await reason({ uids: [0, 2], weights: [65_535, 65_535] }), undefined);
});
