import test from "ava";
import { z } from "zod";
import { devKeypair } from "../../../node/chain/dev-keys.ts";
import { PLEXUS_AXON_PROTOCOL } from "../../../node/chain/options.ts";
import { SimChain } from "../../../node/chain/sim/chain.ts";
import type { PeerNode } from "../../../node/network/node.ts";
import { Validator } from "../../../node/validator/validator.ts";

const TAO = 1_000_000_000n;

const subnet = {
  name: "toy",
  version: 1,
  querySchema: z.object({ nonce: z.string() }),
  responseSchema: z.object({ nonce: z.string() }),
  generateChallenge: (_seed: string, nonce: string) => ({ nonce }),
  score: () => 1,
};

async function setup() {
  const [alice, bob, charlie, dave] = await Promise.all(["alice", "bob", "charlie", "dave"].map(devKeypair));
  const chain = new SimChain({
    blockMode: "instant",
    balances: Object.fromEntries([alice, bob, charlie, dave].map((k) => [k.address, 10_000n * TAO])),
  });
  await chain.sudoSetHyperparameter(alice, { netuid: 0, name: "networkRateLimit", value: 0 });
  const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
  for (const k of [bob, charlie, dave]) await chain.burnedRegister(k, { netuid, hotkey: k.address });
  await chain.advance(10);
  await chain.startCall(alice, { netuid });
  await chain.addStake(bob, { hotkey: bob.address, netuid, amountRao: 1000n * TAO });
  await chain.advance((await chain.hyperparameters(netuid)).tempo + 1);
  await chain.serveAxon(charlie, { netuid, ip: "10.0.0.3", port: 8091, protocol: PLEXUS_AXON_PROTOCOL });
  await chain.serveAxon(dave, { netuid, ip: "10.0.0.4", port: 8091, protocol: 4 });
  const validator = await Validator.create(
    { chain, node: undefined as unknown as PeerNode, subnet, hotkey: bob },
    { netuid, seed: "s" },
  );
  return { chain, netuid, validator, bob, charlie, dave };
}

test("discovery lists only axons served with the plexus protocol number, never the validator itself", async (t) => {
  const { chain, netuid, validator, charlie } = await setup();
  const found = validator.discover(await chain.metagraph(netuid));
  t.deepEqual(
    found.map((m) => m.hotkey),
    [charlie.address],
  );
  t.is(found[0]?.addr, "/ip4/10.0.0.3/tcp/8091");
});

test("weights follow the moving average and respect the chain's weights rate limit", async (t) => {
  const { chain, netuid, validator, charlie, dave } = await setup();
  t.like(await validator.setWeights(), { set: false });
  await chain.advance(Number((await chain.hyperparameters(netuid)).weightsRateLimit) + 1);
  t.like(await validator.setWeights(), { set: false, reason: "no miner has a score yet" });
  validator.scores.update(
    new Map([
      [charlie.address, 1],
      [dave.address, 0.5],
    ]),
  );
  const first = await validator.setWeights();
  t.true(first.set);
  const m = await chain.metagraph(netuid, { weights: true });
  const row = m.weights?.[1] ?? [];
  const w = Object.fromEntries(row);
  t.true((w[2] ?? 0) > (w[3] ?? 0), "the better miner gets the larger weight");
  t.like(await validator.setWeights(), { set: false, reason: "weights rate limit" });
});

test("with commit-reveal on, weights are committed as a hash and revealed in the reveal epoch", async (t) => {
  const { chain, netuid, validator, charlie, dave } = await setup();
  const alice = await devKeypair("alice");
  await chain.sudoSetHyperparameter(alice, { netuid, name: "commitRevealWeightsEnabled", value: true });
  const hp = await chain.hyperparameters(netuid);
  t.true(hp.commitRevealEnabled);
  await chain.advance(Number(hp.weightsRateLimit) + 1);
  validator.scores.update(
    new Map([
      [charlie.address, 1],
      [dave.address, 0.5],
    ]),
  );
  const committed = await validator.setWeights();
  t.like(committed, { set: false, reason: "committed, reveal pending" });
  t.deepEqual((await chain.metagraph(netuid, { weights: true })).weights?.[1], [], "nothing visible yet");
  t.like(await validator.setWeights(), { set: false, reason: "waiting for the reveal epoch" });
  // The reveal epoch starts RevealPeriodEpochs epochs of (tempo + 1) blocks later.
  await chain.advance((hp.tempo + 1) * Number(hp.commitRevealPeriod));
  const revealed = await validator.setWeights();
  t.true(revealed.set);
  t.deepEqual(revealed.uids, committed.uids);
  const row = Object.fromEntries((await chain.metagraph(netuid, { weights: true })).weights?.[1] ?? []);
  t.true((row[2] ?? 0) > (row[3] ?? 0), "the revealed weights are the committed ones");
});
