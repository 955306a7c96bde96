import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import test from "ava";
import { devKeypair } from "../../node/chain/dev-keys.ts";
import { SubtensorClient } from "../../node/chain/subtensor/client.ts";
import { readMetagraphFromStorage } from "../../node/chain/subtensor/metagraph-storage.ts";
import { readMetagraph, readMetagraphFromRuntimeApi } from "../../node/chain/subtensor/reads.ts";
import { startLocalChainOrReason } from "../helpers/local-chain.ts";

process.env.LOG_LEVEL ??= "fatal";

// The metagraph read from storage must equal the runtime API's, field by field, on the real runtime.
const { chain, reason } = await startLocalChainOrReason();

const serial = (title: string, fn: (t: import("ava").ExecutionContext) => Promise<void>) =>
  reason === undefined ? test.serial(title, fn) : test.skip(`${title} : skipped, ${reason}`, () => undefined);

let client: SubtensorClient | undefined;
const send = <T>(method: string, params: unknown[]) => client!.connection.send<T>(method, params);
let netuid = 0;
let hotkeys: string[] = [];
const COUNT = 12;

test.before(async () => {
  if (chain === undefined) return;
  client = new SubtensorClient(chain.wsUrl, { connectTimeoutMs: 15_000 });
  await client.connect();
  const alice = await devKeypair("alice");
  await client.sudoSetHyperparameter(alice, { netuid: 0, name: "networkRateLimit", value: 0 });
  netuid = (await client.registerNetwork(alice, { hotkey: alice.address })).netuid;
  await cryptoWaitReady();
  const keyring = new Keyring({ type: "sr25519", ss58Format: 42 });
  hotkeys = [
    alice.address,
    ...Array.from({ length: COUNT - 1 }, (_, i) => keyring.addFromUri(`//source/${i}`).address),
  ];
  const bob = (await devKeypair("bob")).address;
  // Varied per-uid values so a shifted or misdecoded vector shows: stakes, permits, axons on some uids.
  const byUid = <T>(f: (i: number) => T) => Array.from({ length: COUNT }, (_, i) => f(i));
  await client.connection.send("dev_setStorage", [
    {
      SubtensorModule: {
        SubnetworkN: [[[netuid], COUNT]],
        Keys: hotkeys.map((h, i) => [[netuid, i], h]),
        Uids: hotkeys.map((h, i) => [[netuid, h], i]),
        Owner: hotkeys.map((h, i) => [[h], i % 2 === 0 ? alice.address : bob]),
        TotalHotkeyAlpha: hotkeys.map((h, i) => [[h, netuid], 1_000_000_007 * (i + 1)]),
        Axons: hotkeys
          .filter((_, i) => i % 3 === 0)
          .map((h, i) => [
            [netuid, h],
            {
              block: 7 + i,
              version: 3,
              ip: 0x7f000001 + i,
              port: 8000 + i,
              ipType: 4,
              protocol: 4,
              placeholder1: 0,
              placeholder2: 0,
            },
          ]),
        Active: [[[netuid], byUid((i) => i % 2 === 0)]],
        ValidatorPermit: [[[netuid], byUid((i) => i < 4)]],
        LastUpdate: [[[netuid], byUid((i) => 100 + i)]],
        Incentive: [[[netuid], byUid((i) => i * 1000)]],
        Dividends: [[[netuid], byUid((i) => 65535 - i)]],
        Consensus: [[[netuid], byUid((i) => i * 7)]],
        Emission: [[[netuid], byUid((i) => 5_000_000_000 + i)]],
      },
    },
  ]);
});

test.after.always(async () => {
  await client?.disconnect();
  await chain?.close();
});

serial(
  "the storage metagraph equals the runtime-API metagraph on a subnet with stakes and axons",
  async (t) => {
    const api = client!.api;
    const fromStorage = await readMetagraphFromStorage(api, send, netuid);
    const fromRuntime = await readMetagraphFromRuntimeApi(api, netuid);
    t.not(fromStorage, undefined);
    t.is(fromRuntime.n, COUNT);
    t.true(fromRuntime.axons.some((a) => a !== null));
    t.deepEqual(fromStorage, fromRuntime);
  },
);

serial(
  "the storage path declines a subnet where a hotkey has root stake (tao_stake is not zero there)",
  async (t) => {
    const api = client!.api;
    const rootStake = (value: number | null) =>
      client!.connection.send("dev_setStorage", [
        { SubtensorModule: { TotalHotkeyAlpha: [[[hotkeys[2], 0], value]] } },
      ]);
    await rootStake(3_000_000_000);
    t.is(await readMetagraphFromStorage(api, send, netuid), undefined);
    const viaRuntime = await readMetagraphFromRuntimeApi(api, netuid);
    t.not(viaRuntime.taoStake[2], 0n);
    t.deepEqual(await readMetagraph(api, send, netuid, "storage"), viaRuntime);
    await rootStake(null);
    t.deepEqual(
      await readMetagraphFromStorage(api, send, netuid),
      await readMetagraphFromRuntimeApi(api, netuid),
    );
  },
);

serial(
  "the storage path declines a subnet with childkeys and the metagraph comes from the runtime API",
  async (t) => {
    const api = client!.api;
    await client!.connection.send("dev_setStorage", [
      {
        SubtensorModule: {
          ChildKeys: [[[hotkeys[0], netuid], [[BigInt("18446744073709551615").toString(), hotkeys[1]]]]],
          ParentKeys: [[[hotkeys[1], netuid], [[BigInt("18446744073709551615").toString(), hotkeys[0]]]]],
        },
      },
    ]);
    t.is(await readMetagraphFromStorage(api, send, netuid), undefined);
    const viaRuntime = await readMetagraphFromRuntimeApi(api, netuid);
    t.deepEqual(await readMetagraph(api, send, netuid, "storage"), viaRuntime);
    // Inheritance moved alpha from the parent to the child: the plain TotalHotkeyAlpha would be wrong.
    t.not(viaRuntime.alphaStake[1], 2_000_000_014n);
  },
);

serial("a missing subnet is CHAIN_NOT_FOUND on the storage path as on the runtime API", async (t) => {
  const api = client!.api;
  const a = await t.throwsAsync(() => readMetagraphFromStorage(api, send, 999));
  const b = await t.throwsAsync(() => readMetagraphFromRuntimeApi(api, 999));
  t.is((a as { code?: string }).code, "CHAIN_NOT_FOUND");
  t.is((b as { code?: string }).code, (a as { code?: string }).code);
});
