import type { KeyringPair } from "@polkadot/keyring/types";
import { u8aToHex } from "@polkadot/util";
import type { ExecutionContext, TestFn } from "ava";
import { commitWeightsHash } from "../../node/chain/commit-hash.ts";
import { devKeypair } from "../../node/chain/dev-keys.ts";
import { ChainError, isChainError } from "../../node/chain/errors.ts";
import type { ChainAdapterName, ChainClient } from "../../node/chain/types.ts";
import { InvalidInputError, NotImplementedError } from "../../sim/errors.ts";

/** One adapter under contract: a fresh chain with the dev accounts funded, //Alice as sudo. */
export interface ChainContractEnv {
  client: ChainClient;
  /** Produces `count` blocks. */
  advance(count: number): Promise<void>;
  close(): Promise<void>;
}

interface Ctx {
  env: ChainContractEnv;
  alice: KeyringPair;
  bob: KeyringPair;
  charlie: KeyringPair;
  dave: KeyringPair;
  netuid: number;
  registeredAt: number;
}

/** Both adapters run the fast-blocks parameters: start_call is allowed 10 blocks after registration. */
const DURATION_OF_START_CALL = 10;
/** A short tempo keeps the epoch tests to a few blocks on the real runtime. */
const TEST_TEMPO = 4;

const TAO = 1_000_000_000n;

async function rejects(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to be rejected");
}

/**
 * The behaviour every ChainClient adapter must share. The tests run in order on one chain (the
 * real runtime takes about a second per extrinsic): a subnet owned by //Alice, //Bob as validator,
 * //Charlie as miner. `skip` registers every test as skipped with the reason.
 */
export function chainContract(
  test: TestFn,
  adapter: ChainAdapterName,
  setup: () => Promise<ChainContractEnv>,
  skip?: string,
): void {
  const c = {} as Ctx;
  const t = (title: string, fn: (t: ExecutionContext) => Promise<void>) => {
    const name = `${adapter}: ${title}`;
    if (skip !== undefined) test.skip(`${name} : skipped, ${skip}`, () => undefined);
    else test.serial(name, fn);
  };
  if (skip === undefined) {
    test.before(async () => {
      c.env = await setup();
      [c.alice, c.bob, c.charlie, c.dave] = await Promise.all(
        ["alice", "bob", "charlie", "dave"].map(devKeypair),
      );
    });
    test.after.always(async () => {
      await c.env?.close();
    });
  }

  t("info reports the spec version and the current block", async (t) => {
    const info = await c.env.client.info();
    t.is(info.adapter, adapter);
    t.is(info.ss58Prefix, 42);
    t.true(Number.isInteger(info.specVersion));
    t.is(info.block, await c.env.client.currentBlock());
  });

  t("block subscriptions and waitForBlock follow new blocks", async (t) => {
    const start = await c.env.client.currentBlock();
    const seen: number[] = [];
    const off = c.env.client.subscribeBlocks((b) => seen.push(b));
    const waited = c.env.client.waitForBlock(start + 2, { timeoutMs: 60_000 });
    await c.env.advance(2);
    t.true((await waited) >= start + 2);
    // A subscription may first report the current head; it must then see the new one.
    for (let i = 0; i < 100 && !seen.includes(start + 2); i++) await new Promise((r) => setTimeout(r, 50));
    off();
    t.true(seen.includes(start + 2), `seen ${seen.join(",")}`);
  });

  t("transfer credits the destination with exactly the amount", async (t) => {
    const before = await c.env.client.balance(c.dave.address);
    const senderBefore = await c.env.client.balance(c.alice.address);
    const r = await c.env.client.transfer(c.alice, { dest: c.dave.address, amountRao: 7n * TAO });
    t.true(r.blockNumber > 0);
    t.is(await c.env.client.balance(c.dave.address), before + 7n * TAO);
    t.true((await c.env.client.balance(c.alice.address)) <= senderBefore - 7n * TAO);
  });

  t("a transfer above the balance is rejected with a typed chain error", async (t) => {
    const err = await rejects(
      c.env.client.transfer(c.dave, { dest: c.alice.address, amountRao: 10n ** 18n }),
    );
    t.true(err instanceof ChainError, String(err));
  });

  t("registers a subnet whose hyperparameters can be read", async (t) => {
    await c.env.client.sudoSetHyperparameter(c.alice, { netuid: 0, name: "networkRateLimit", value: 0 });
    const r = await c.env.client.registerNetwork(c.alice, { hotkey: c.alice.address });
    c.netuid = r.netuid;
    c.registeredAt = r.blockNumber;
    t.true(r.netuid > 0);
    t.true((await c.env.client.subnets()).includes(r.netuid));
    const hp = await c.env.client.hyperparameters(r.netuid);
    t.true(hp.tempo > 0);
    t.true(hp.burn > 0n);
    t.is(await c.env.client.uidOf(r.netuid, c.alice.address), 0);
  });

  t("only //Alice (sudo) may change hyperparameters", async (t) => {
    const err = await rejects(
      c.env.client.sudoSetHyperparameter(c.bob, { netuid: c.netuid, name: "tempo", value: 20 }),
    );
    t.true(isChainError(err, "RequireSudo"), String(err));
    await c.env.client.sudoSetHyperparameter(c.alice, { netuid: c.netuid, name: "tempo", value: TEST_TEMPO });
    t.is((await c.env.client.hyperparameters(c.netuid)).tempo, TEST_TEMPO);
  });

  t("burned registration gives a uid; registering again is HotKeyAlreadyRegisteredInSubNet", async (t) => {
    const bob = await c.env.client.burnedRegister(c.bob, { netuid: c.netuid, hotkey: c.bob.address });
    const charlie = await c.env.client.burnedRegister(c.charlie, {
      netuid: c.netuid,
      hotkey: c.charlie.address,
    });
    t.is(await c.env.client.uidOf(c.netuid, c.bob.address), bob.uid);
    t.is(charlie.uid, bob.uid + 1);
    const err = await rejects(
      c.env.client.burnedRegister(c.bob, { netuid: c.netuid, hotkey: c.bob.address }),
    );
    t.true(err instanceof ChainError);
    t.is((err as ChainError).errorName, "HotKeyAlreadyRegisteredInSubNet");
    t.is((err as ChainError).pallet, "SubtensorModule");
    t.true((err as ChainError).hint.length > 0);
  });

  t("registering on a missing subnet is SubnetNotExists", async (t) => {
    const err = await rejects(c.env.client.burnedRegister(c.dave, { netuid: 999, hotkey: c.dave.address }));
    t.true(isChainError(err, "SubnetNotExists"), String(err));
  });

  t("serve publishes the axon; serving again within the rate limit is refused", async (t) => {
    await c.env.client.serveAxon(c.bob, {
      netuid: c.netuid,
      ip: "10.1.2.3",
      port: 8091,
      protocol: 4,
      version: 1,
    });
    const m = await c.env.client.metagraph(c.netuid);
    const uid = m.hotkeys.indexOf(c.bob.address);
    t.deepEqual(
      {
        ip: m.axons[uid]?.ip,
        port: m.axons[uid]?.port,
        ipType: m.axons[uid]?.ipType,
        protocol: m.axons[uid]?.protocol,
      },
      { ip: "10.1.2.3", port: 8091, ipType: 4, protocol: 4 },
    );
    const again = await rejects(
      c.env.client.serveAxon(c.bob, { netuid: c.netuid, ip: "10.1.2.3", port: 8092 }),
    );
    t.true(isChainError(again, "ServingRateLimitExceeded"), String(again));
    const unregistered = await rejects(
      c.env.client.serveAxon(c.dave, { netuid: c.netuid, ip: "10.1.2.4", port: 8091 }),
    );
    t.true(isChainError(unregistered, "HotKeyNotRegisteredInNetwork"), String(unregistered));
  });

  t("stake added and removed shows in stakeOf and the metagraph", async (t) => {
    const wait = c.registeredAt + DURATION_OF_START_CALL - (await c.env.client.currentBlock());
    if (wait > 0) await c.env.advance(wait);
    await c.env.client.startCall(c.alice, { netuid: c.netuid });
    await c.env.client.addStake(c.bob, { hotkey: c.bob.address, netuid: c.netuid, amountRao: 100n * TAO });
    const staked = await c.env.client.stakeOf({
      hotkey: c.bob.address,
      coldkey: c.bob.address,
      netuid: c.netuid,
    });
    t.true(staked > 0n);
    await c.env.client.removeStake(c.bob, {
      hotkey: c.bob.address,
      netuid: c.netuid,
      amountAlpha: staked / 10n,
    });
    const after = await c.env.client.stakeOf({
      hotkey: c.bob.address,
      coldkey: c.bob.address,
      netuid: c.netuid,
    });
    t.true(after < staked && after > 0n, `${after} vs ${staked}`);
    const m = await c.env.client.metagraph(c.netuid);
    t.true((m.alphaStake[m.hotkeys.indexOf(c.bob.address)] ?? 0n) >= after);
  });

  t("move_stake moves the coldkey's alpha from one hotkey to another", async (t) => {
    const key = { coldkey: c.bob.address, netuid: c.netuid };
    const from = await c.env.client.stakeOf({ hotkey: c.bob.address, ...key });
    await c.env.client.moveStake(c.bob, {
      originHotkey: c.bob.address,
      destinationHotkey: c.alice.address,
      originNetuid: c.netuid,
      destinationNetuid: c.netuid,
      amountAlpha: from / 4n,
    });
    const left = await c.env.client.stakeOf({ hotkey: c.bob.address, ...key });
    const moved = await c.env.client.stakeOf({ hotkey: c.alice.address, ...key });
    // Epochs keep paying the validator while this runs, so compare loosely.
    t.true(left < from && left > 0n, `${left} vs ${from}`);
    t.true(moved > 0n, "the destination hotkey now holds the coldkey's alpha");
  });

  t("set_weights is refused with CommitRevealEnabled while commit-reveal is on", async (t) => {
    await c.env.client.sudoSetHyperparameter(c.alice, {
      netuid: c.netuid,
      name: "commitRevealWeightsEnabled",
      value: true,
    });
    t.true((await c.env.client.hyperparameters(c.netuid)).commitRevealEnabled);
    const err = await rejects(
      c.env.client.setWeights(c.alice, { netuid: c.netuid, uids: [0], weights: [1] }),
    );
    t.true(isChainError(err, "CommitRevealEnabled"), String(err));
    await c.env.client.sudoSetHyperparameter(c.alice, {
      netuid: c.netuid,
      name: "commitRevealWeightsEnabled",
      value: false,
    });
  });

  t("without a validator permit only a self-weight is accepted", async (t) => {
    await c.env.client.sudoSetHyperparameter(c.alice, {
      netuid: c.netuid,
      name: "weightsSetRateLimit",
      value: 0,
    });
    const uid = (await c.env.client.uidOf(c.netuid, c.charlie.address)) as number;
    const err = await rejects(
      c.env.client.setWeights(c.charlie, { netuid: c.netuid, uids: [0, uid], weights: [1, 1] }),
    );
    t.true(isChainError(err, "NeuronNoValidatorPermit"), String(err));
    await c.env.client.setWeights(c.charlie, { netuid: c.netuid, uids: [uid], weights: [100] });
    t.deepEqual((await c.env.client.metagraph(c.netuid, { weights: true })).weights?.[uid], [[uid, 65535]]);
  });

  t("an epoch gives the staked validator a permit, then it may weight others", async (t) => {
    const tempo = (await c.env.client.hyperparameters(c.netuid)).tempo;
    await c.env.advance(tempo + 1);
    const m = await c.env.client.metagraph(c.netuid);
    const bob = m.hotkeys.indexOf(c.bob.address);
    const charlie = m.hotkeys.indexOf(c.charlie.address);
    t.true(m.validatorPermit[bob], "bob holds a permit after an epoch");
    await c.env.client.setWeights(c.bob, { netuid: c.netuid, uids: [charlie], weights: [500] });
    t.deepEqual((await c.env.client.metagraph(c.netuid, { weights: true })).weights?.[bob], [
      [charlie, 65535],
    ]);
  });

  t("a set-weights round trip reads back the same u16 weights", async (t) => {
    // Values already max-scaled (largest 65535) are stored exactly as sent.
    const m0 = await c.env.client.metagraph(c.netuid);
    const bob = m0.hotkeys.indexOf(c.bob.address);
    const uids = [0, m0.hotkeys.indexOf(c.charlie.address)];
    await c.env.client.setWeights(c.bob, { netuid: c.netuid, uids, weights: [21845, 65535] });
    const m = await c.env.client.metagraph(c.netuid, { weights: true, bonds: true });
    t.deepEqual(m.weights?.[bob], [
      [uids[0], 21845],
      [uids[1], 65535],
    ]);
    t.is(m.bonds?.length, m.n);
  });

  t("weights set again within WeightsSetRateLimit is SettingWeightsTooFast", async (t) => {
    await c.env.client.sudoSetHyperparameter(c.alice, {
      netuid: c.netuid,
      name: "weightsSetRateLimit",
      value: 100,
    });
    const err = await rejects(c.env.client.setWeights(c.bob, { netuid: c.netuid, uids: [0], weights: [1] }));
    t.true(isChainError(err, "SettingWeightsTooFast"), String(err));
    t.is((err as ChainError).errorName, "SettingWeightsTooFast");
    await c.env.client.sudoSetHyperparameter(c.alice, {
      netuid: c.netuid,
      name: "weightsSetRateLimit",
      value: 0,
    });
  });

  t(
    "hash commit-reveal: a reveal in the commit's epoch is too early, in the next it sets the weights",
    async (t) => {
      await c.env.client.sudoSetHyperparameter(c.alice, {
        netuid: c.netuid,
        name: "commitRevealWeightsEnabled",
        value: true,
      });
      const m0 = await c.env.client.metagraph(c.netuid);
      const uids = [m0.hotkeys.indexOf(c.charlie.address)];
      const reveal = {
        netuid: c.netuid,
        uids,
        weights: [65535],
        salt: [1, 2, 3, 4, 5, 6, 7, 8],
        versionKey: 0n,
      };
      const hash = commitWeightsHash({
        hotkey: c.bob.address,
        netuidIndex: c.netuid,
        uids,
        values: reveal.weights,
        salt: reveal.salt,
        versionKey: 0n,
      });
      // Commit in the first block of an epoch (epoch = (block + netuid + 1) / (tempo + 1)) so that the
      // early reveal, one block later, is in the same epoch. A write lands in the next block.
      const period = TEST_TEMPO + 1;
      const next = (await c.env.client.currentBlock()) + 1;
      const skip = (period - ((next + c.netuid + 1) % period)) % period;
      if (skip > 0) await c.env.advance(skip);
      const committed = await c.env.client.commitWeights(c.bob, {
        netuid: c.netuid,
        commitHash: u8aToHex(hash),
      });
      const early = await rejects(c.env.client.revealWeights(c.bob, reveal));
      t.true(isChainError(early, "RevealTooEarly"), String(early));
      // The reveal must land in the first block of the next epoch.
      const wait = committed.blockNumber + period - 1 - (await c.env.client.currentBlock());
      if (wait > 0) await c.env.advance(wait);
      await c.env.client.revealWeights(c.bob, reveal);
      const bob = m0.hotkeys.indexOf(c.bob.address);
      t.deepEqual((await c.env.client.metagraph(c.netuid, { weights: true })).weights?.[bob], [
        [uids[0], 65535],
      ]);
      await c.env.client.sudoSetHyperparameter(c.alice, {
        netuid: c.netuid,
        name: "commitRevealWeightsEnabled",
        value: false,
      });
    },
  );

  t("timelocked commits are not implemented and say so", async (t) => {
    const err = await rejects(
      c.env.client.commitTimelockedWeights(c.alice, { netuid: c.netuid, uids: [0], weights: [1] }),
    );
    t.true(err instanceof NotImplementedError);
    t.regex((err as Error).message, /drand|tlock/);
  });

  t("the metagraph has one entry per uid in every per-uid vector", async (t) => {
    const m = await c.env.client.metagraph(c.netuid, { weights: true });
    t.is(m.netuid, c.netuid);
    t.true(m.n >= 3);
    for (const v of [
      m.hotkeys,
      m.coldkeys,
      m.alphaStake,
      m.taoStake,
      m.totalStake,
      m.validatorPermit,
      m.active,
      m.lastUpdate,
      m.incentive,
      m.dividends,
      m.emission,
      m.axons,
      m.weights ?? [],
    ]) {
      t.is(v.length, m.n);
    }
    t.is(m.coldkeys[m.hotkeys.indexOf(c.bob.address)], c.bob.address);
    t.is(m.block, await c.env.client.currentBlock());
  });

  t("malformed input is an InvalidInputError naming the field", async (t) => {
    const err = await rejects(
      Promise.resolve().then(() =>
        c.env.client.setWeights(c.alice, { netuid: c.netuid, uids: [70000], weights: [1] }),
      ),
    );
    t.true(err instanceof InvalidInputError);
    t.is((err as InvalidInputError).field, "uids[0]");
  });
}
