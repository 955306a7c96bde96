import type { ApiPromise } from "@polkadot/api";
import type { Codec } from "@polkadot/types/types";
import { hexToU8a } from "@polkadot/util";
import { ChainError } from "../errors.ts";
import type { Metagraph } from "../types.ts";
import { decodeAxon } from "./reads.ts";
import { StorageKeys } from "./storage-keys.ts";

/**
 * The metagraph read from storage instead of the `get_selective_metagraph` runtime API: three
 * `state_queryStorageAt` round trips at one block (the per-subnet vectors, then `Keys`, then the
 * per-hotkey items), decoded with the storage types named in the metadata, so it follows the
 * runtime (spec 293 and later). No runtime code runs, which is what makes it fast on chopsticks,
 * where every runtime call executes the wasm runtime in an interpreter.
 *
 * Stakes are the one part the runtime derives: alpha_stake and tao_stake are the hotkey's stake
 * after parent/child (childkey) inheritance, total_stake = alpha + tao × TaoWeight. This path
 * reproduces them only where that derivation is the identity: no hotkey of the subnet has parents
 * or children (on the subnet or on root) nor root stake. Then alpha = total = TotalHotkeyAlpha and
 * tao = 0. Otherwise it returns `undefined` and the caller uses the runtime API.
 */
export async function readMetagraphFromStorage(
  api: ApiPromise,
  send: RawSend,
  netuid: number,
): Promise<Metagraph | undefined> {
  const header = await api.rpc.chain.getHeader();
  const block = header.number.toNumber();
  const q = new StorageReader(api, send, header.hash.toHex());

  const vectors = [
    "active",
    "validatorPermit",
    "lastUpdate",
    "incentive",
    "dividends",
    "consensus",
    "emission",
  ];
  const head = await q.read([
    ["subnetworkN", [netuid]],
    ["networksAdded", [netuid]],
    ["tempo", [netuid]],
    ...vectors.map((name) => [name, [netuid]] as Item),
  ]);
  if (head[1]?.toString() !== "true") throw subnetMissing(netuid);
  const n = num(head[0]);
  const vec = (i: number) => (head[3 + i] as unknown as Codec[]) ?? [];

  const hotkeys = (await q.read(Array.from({ length: n }, (_, uid) => ["keys", [netuid, uid]] as Item))).map(
    (c) => String(c),
  );
  const perHotkey: Array<[string, (hk: string) => unknown[]]> = [
    ["owner", (hk) => [hk]],
    ["axons", (hk) => [netuid, hk]],
    ["totalHotkeyAlpha", (hk) => [hk, netuid]],
    ["totalHotkeyAlpha", (hk) => [hk, 0]],
    ["parentKeys", (hk) => [hk, netuid]],
    ["childKeys", (hk) => [hk, netuid]],
    ["parentKeys", (hk) => [hk, 0]],
    ["childKeys", (hk) => [hk, 0]],
  ];
  const values = await q.read(
    perHotkey.flatMap(([name, args]) => hotkeys.map((hk) => [name, args(hk)] as Item)),
  );
  const column = (i: number) => values.slice(i * n, (i + 1) * n);
  const alpha = column(2).map(big);
  const rootStake = column(3).map(big);
  const related = [4, 5, 6, 7].some((i) => column(i).some((c) => (c as unknown as Codec[]).length > 0));
  if (related || rootStake.some((s) => s !== 0n)) return undefined;

  return {
    netuid,
    block,
    n,
    tempo: num(head[2]),
    hotkeys,
    coldkeys: column(0).map(String),
    alphaStake: alpha,
    taoStake: alpha.map(() => 0n),
    totalStake: alpha.slice(),
    validatorPermit: vec(1).map((c) => c.toString() === "true"),
    active: vec(0).map((c) => c.toString() === "true"),
    lastUpdate: vec(2).map(big),
    incentive: vec(3).map(num),
    dividends: vec(4).map(num),
    consensus: vec(5).map(num),
    emission: vec(6).map(big),
    axons: column(1).map((c) => (c === undefined ? null : decodeAxon(c))),
  };
}

type Item = [name: string, args: unknown[]];

/** One key builder per metadata (a runtime upgrade brings a new registry). */
const builders = new WeakMap<object, StorageKeys>();
function keyBuilder(api: ApiPromise): StorageKeys {
  let b = builders.get(api.registry);
  if (b === undefined) {
    b = new StorageKeys(api);
    builders.set(api.registry, b);
  }
  return b;
}

/**
 * A raw JSON-RPC send. polkadot-js caches every call made at a block hash (state at a hash never
 * changes on a real chain), but chopsticks' `dev_setStorage` rewrites the head block's state in
 * place: the cached answer would be stale, so the batches go around that cache.
 */
export type RawSend = <T>(method: string, params: unknown[]) => Promise<T>;

/** Batched `state_queryStorageAt` of SubtensorModule items at one block, decoded by metadata type. */
class StorageReader {
  constructor(
    private readonly api: ApiPromise,
    private readonly send: RawSend,
    private readonly at: string,
  ) {}

  /** Values in item order; `undefined` for an absent Option item (ValueQuery items get their default). */
  async read(items: Item[]): Promise<Array<Codec | undefined>> {
    if (items.length === 0) return [];
    const pallet = this.api.query.subtensorModule;
    const entries = items.map(([name]) => {
      const entry = pallet?.[name];
      if (entry === undefined)
        throw new ChainError("CHAIN_UNSUPPORTED_RUNTIME", {
          pallet: "SubtensorModule",
          errorName: `NoStorage_${name}`,
        });
      return entry;
    });
    const builder = keyBuilder(this.api);
    const keys = items.map(([name, args]) => builder.key(name, args));
    const sets = await this.send<Array<{ changes: Array<[string, string | null]> }>>("state_queryStorageAt", [
      keys,
      this.at,
    ]);
    const found = new Map(sets[0]?.changes ?? []);
    return items.map((_, i) => {
      const meta = entries[i]!.creator.meta;
      const type = this.api.registry.createLookupType(
        meta.type.isPlain ? meta.type.asPlain : meta.type.asMap.value,
      );
      const value = found.get(keys[i]!) ?? null;
      if (value === null) {
        if (meta.modifier.isOptional) return undefined;
        return this.api.registry.createType(type, meta.fallback.toU8a(true));
      }
      // bytes, not the hex string: a hex string given for a number is read as a big-endian value
      return this.api.registry.createType(type, hexToU8a(value));
    });
  }
}

function subnetMissing(netuid: number): ChainError {
  return new ChainError("CHAIN_NOT_FOUND", {
    pallet: "SubtensorModule",
    errorName: "SubnetNotExists",
    meta: { netuid },
  });
}

const num = (c: Codec | undefined) => Number(c?.toString() ?? 0);
const big = (c: Codec | undefined) => BigInt(c?.toString() ?? 0);
