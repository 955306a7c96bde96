import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import {
  chainInfo,
  chainMetagraph,
  chainRegister,
  chainServe,
  chainStartCall,
  chainTransfer,
} from "../../../node/chain/commands.ts";
import { devKeypair } from "../../../node/chain/dev-keys.ts";
import type { Metagraph } from "../../../node/chain/types.ts";
import { Wallet } from "../../../node/wallet/wallet.ts";
import { InvalidInputError } from "../../../sim/errors.ts";

test("chain info --json reports spec_version and the current block", async (t) => {
  const r = await chainInfo({ chain: "sim" });
  const json = r.json as { spec_version: number; block: number; adapter: string; subnets: number[] };
  t.is(json.adapter, "sim");
  t.is(typeof json.spec_version, "number");
  t.is(json.block, 0);
  t.deepEqual(json.subnets, [0]);
});

test("commands on --chain sim with a state file see each other's effects", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-chain-cli-"));
  try {
    const simState = join(dir, "sim.json");
    const net = await chainRegister({ chain: "sim", simState, devAccount: "alice", network: true });
    const netuid = (net.json as { netuid: number }).netuid;
    await chainRegister({ chain: "sim", simState, devAccount: "bob", network: false, netuid });
    await chainTransfer({
      chain: "sim",
      simState,
      devAccount: "alice",
      dest: "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
      amount: "1.5",
    });
    const m = await chainMetagraph({ chain: "sim", simState, netuid, weights: false });
    t.is((m.json as { n: number }).n, 2);
    t.regex(m.text, new RegExp(`subnet ${netuid} at block #3`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a chain that is neither a ws URL nor sim is refused naming --chain", async (t) => {
  const err = await t.throwsAsync(chainInfo({ chain: "http://x" }));
  t.true(err instanceof InvalidInputError);
  t.is((err as InvalidInputError).field, "chain");
});

test("a bittensor wallet hotkey signs for serve on --chain sim", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-chain-wallet-"));
  try {
    const wallet = new Wallet({ path: dir, name: "w", hotkey: "h" });
    const { keypair } = await wallet.createHotkey();
    const simState = join(dir, "sim.json");
    const netuid = (
      (await chainRegister({ chain: "sim", simState, devAccount: "alice", network: true })).json as {
        netuid: number;
      }
    ).netuid;
    await chainRegister({
      chain: "sim",
      simState,
      devAccount: "alice",
      network: false,
      netuid,
      hotkey: keypair.address,
    });
    await chainServe({
      chain: "sim",
      simState,
      walletPath: dir,
      walletName: "w",
      walletHotkey: "h",
      netuid,
      ip: "10.9.8.7",
      port: 9000,
    });
    const m = (await chainMetagraph({ chain: "sim", simState, netuid, weights: false })).json as Metagraph;
    const uid = m.hotkeys.indexOf(keypair.address);
    t.true(uid > 0);
    t.is(m.coldkeys[uid], (await devKeypair("alice")).address);
    t.is(m.axons[uid]?.ip, "10.9.8.7");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("chain start-call is refused with the pallet error before DurationOfStartCall, and only for the owner", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-chain-cli-"));
  try {
    const simState = join(dir, "sim.json");
    const net = await chainRegister({ chain: "sim", simState, devAccount: "alice", network: true });
    const netuid = (net.json as { netuid: number }).netuid;
    const early = await t.throwsAsync(
      chainStartCall({ chain: "sim", simState, devAccount: "alice", netuid }),
    );
    t.is((early as { name?: string }).name, "ChainError");
    t.regex(early?.message ?? "", /NeedWaitingMoreBlocksToStarCall/);
    const stranger = await t.throwsAsync(
      chainStartCall({ chain: "sim", simState, devAccount: "bob", netuid }),
    );
    t.regex(stranger?.message ?? "", /BadOrigin/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
