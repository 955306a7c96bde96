import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { DEV_ACCOUNT_NAMES, devAddress, devKeypair } from "../node/chain/dev-keys.ts";
import { specAvailable } from "../node/chain/local/options.ts";
import { SimChain } from "../node/chain/sim/chain.ts";
import { SubtensorClient } from "../node/chain/subtensor/client.ts";
import { readMetagraphFromStorage } from "../node/chain/subtensor/metagraph-storage.ts";
import { readMetagraphFromRuntimeApi } from "../node/chain/subtensor/reads.ts";
import type { ChainClient, ChainSigner } from "../node/chain/types.ts";
import type { BenchOutput } from "./index.ts";

/**
 * `npm run bench -- chain [--adapter sim|subtensor|both] [--uids 256] [--reps 20]`: time to read a
 * full metagraph of a subnet with `uids` neurons, on the local subtensor runtime (chopsticks; the
 * client's default source, and the runtime-API and storage paths each called directly) and on
 * SimChain. Goal: ≤ 200 ms on the local runtime.
 */
export async function run(args: string[]): Promise<BenchOutput> {
  const opt = (name: string, d: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : d;
  };
  const adapter = opt("adapter", "both");
  const uids = Number(opt("uids", "256"));
  const reps = Number(opt("reps", "20"));
  const results: Record<string, unknown>[] = [];
  if (adapter === "sim" || adapter === "both") results.push(await benchSim(uids, reps));
  if (adapter === "subtensor" || adapter === "both") {
    if (specAvailable()) results.push(await benchSubtensor(uids, reps));
    else results.push({ adapter: "subtensor", skipped: "chain spec fixture not found (PLEXUS_CHAIN_SPEC)" });
  }
  const table = results
    .map(
      (r) =>
        `${String(r.adapter).padEnd(10)} uids ${r.uids ?? "-"}  metagraph ${r.metagraph_ms ?? "-"} ms  with weights ${r.metagraph_weights_ms ?? "-"} ms${r.storage_ms === undefined ? "" : `  (runtime-api ${r.runtime_api_ms} ms, storage ${r.storage_ms} ms)`}  ${r.skipped ?? ""}`,
    )
    .join("\n");
  return { table, results };
}

async function hotkeys(count: number): Promise<string[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: "sr25519", ss58Format: 42 });
  return Array.from({ length: count }, (_, i) => keyring.addFromUri(`//bench/${i}`).address);
}

/** Median and p90 of `reps` timed calls (after one warm-up). */
async function time(reps: number, fn: () => Promise<unknown>): Promise<{ median: number; p90: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0) * 10) / 10;
  return { median: at(0.5), p90: at(0.9) };
}

/** A subnet owned by //Alice with `count` uids (the owner's plus count-1 burned registrations). */
async function fill(client: ChainClient, alice: ChainSigner, count: number): Promise<number> {
  await client.sudoSetHyperparameter(alice, { netuid: 0, name: "networkRateLimit", value: 0 });
  const { netuid } = await client.registerNetwork(alice, { hotkey: alice.address });
  const keys = await hotkeys(count - 1);
  await Promise.all(keys.map((hotkey) => client.burnedRegister(alice, { netuid, hotkey })));
  return netuid;
}

async function benchSim(uids: number, reps: number): Promise<Record<string, unknown>> {
  const balances: Record<string, bigint> = {};
  for (const name of DEV_ACCOUNT_NAMES) balances[await devAddress(name)] = 1_000_000n * 1_000_000_000n;
  const chain = new SimChain({ balances, blockMode: "instant" });
  const netuid = await fill(chain, await devKeypair("alice"), uids);
  const plain = await time(reps, () => chain.metagraph(netuid));
  const weights = await time(reps, () => chain.metagraph(netuid, { weights: true }));
  const n = (await chain.metagraph(netuid)).n;
  return {
    adapter: "sim",
    uids: n,
    metagraph_ms: plain.median,
    metagraph_p90_ms: plain.p90,
    metagraph_weights_ms: weights.median,
    reps,
  };
}

/**
 * The subtensor subnet is registered normally, then its 256 uids are written with chopsticks'
 * `dev_setStorage` (Keys, Uids, Owner, SubnetworkN and the per-uid vectors the metagraph reads):
 * 255 real registrations take many minutes in the wasm interpreter and are not what is measured.
 */
async function seedUids(
  client: SubtensorClient,
  alice: ChainSigner,
  netuid: number,
  count: number,
): Promise<void> {
  const hks = [alice.address, ...(await hotkeys(count - 1))];
  const vec = <T>(v: T) => Array(count).fill(v);
  const perUid = [
    "Emission",
    "Dividends",
    "Incentive",
    "Consensus",
    "Trust",
    "Rank",
    "PruningScores",
    "ValidatorTrust",
  ];
  const storage = {
    SubtensorModule: {
      SubnetworkN: [[[netuid], count]],
      Keys: hks.map((h, i) => [[netuid, i], h]),
      Uids: hks.map((h, i) => [[netuid, h], i]),
      Owner: hks.map((h) => [[h], alice.address]),
      BlockAtRegistration: hks.map((_, i) => [[netuid, i], 1]),
      Active: [[[netuid], vec(true)]],
      ValidatorPermit: [[[netuid], vec(false)]],
      LastUpdate: [[[netuid], vec(1)]],
      ...Object.fromEntries(perUid.map((name) => [name, [[[netuid], vec(0)]]])),
    },
  };
  await client.connection.send("dev_setStorage", [storage]);
}

async function benchSubtensor(uids: number, reps: number): Promise<Record<string, unknown>> {
  process.env.LOG_LEVEL ??= "fatal";
  const { startLocalChain } = await import("../node/chain/local/local.ts");
  const local = await startLocalChain({ blockMode: "instant" });
  const client = new SubtensorClient(local.wsUrl);
  try {
    await client.connect();
    const alice = await devKeypair("alice");
    await client.sudoSetHyperparameter(alice, { netuid: 0, name: "networkRateLimit", value: 0 });
    const { netuid } = await client.registerNetwork(alice, { hotkey: alice.address });
    await seedUids(client, alice, netuid, uids);
    const plain = await time(reps, () => client.metagraph(netuid));
    const viaRuntime = await time(reps, () => readMetagraphFromRuntimeApi(client.api, netuid));
    const viaStorage = await time(reps, () =>
      readMetagraphFromStorage(client.api, (m, p) => client.connection.send(m, p), netuid),
    );
    const weights = await time(reps, () => client.metagraph(netuid, { weights: true }));
    // The cost of any runtime call in chopsticks' wasm executor, for scale.
    const floor = await time(reps, () => client.api.rpc.state.call("Core_version", "0x"));
    const n = (await client.metagraph(netuid)).n;
    return {
      adapter: "subtensor",
      uids: n,
      metagraph_ms: plain.median,
      metagraph_p90_ms: plain.p90,
      metagraph_weights_ms: weights.median,
      metagraph_source: client.opts.metagraphSource,
      runtime_api_ms: viaRuntime.median,
      storage_ms: viaStorage.median,
      runtime_call_floor_ms: floor.median,
      reps,
      spec_version: (await client.info()).specVersion,
    };
  } finally {
    await client.disconnect();
    await local.close();
  }
}
