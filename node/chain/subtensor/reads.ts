import type { ApiPromise } from "@polkadot/api";
import type { Codec } from "@polkadot/types/types";
import { ChainError } from "../errors.ts";
import { decodeIp } from "../ip.ts";
import type { ChainClientOptions } from "../options.ts";
import type { AxonInfo, Metagraph, SubnetHyperparameters } from "../types.ts";
import { HYPERPARAMETER_FIELDS, METAGRAPH_FIELDS } from "./known.ts";
import { type RawSend, readMetagraphFromStorage } from "./metagraph-storage.ts";

// biome-ignore lint/suspicious/noExplicitAny: decoded runtime structs are reached by field name
type Struct = { get(name: string): any; defKeys?: string[] };

const indexCache = new WeakMap<object, Map<string, number>>();

/**
 * Field indexes of the runtime's SelectiveMetagraph struct, by field name (camelCase as
 * polkadot-js names them), from the struct definition in the metadata.
 */
function selectiveIndexes(api: ApiPromise): Map<string, number> {
  const cached = indexCache.get(api.registry);
  if (cached !== undefined) return cached;
  const fn = api.call.subnetInfoRuntimeApi?.getSelectiveMetagraph;
  if (fn === undefined)
    throw new ChainError("CHAIN_UNSUPPORTED_RUNTIME", {
      pallet: "SubnetInfoRuntimeApi",
      errorName: "NoSelectiveMetagraph",
    });
  const outer = (fn as unknown as { meta: { type: { toString(): string } } }).meta.type
    .toString()
    .replace(/^Option<(.*)>$/, "$1");
  const keys = (api.registry.createType(outer) as unknown as Struct).defKeys ?? [];
  const map = new Map(keys.map((k, i) => [k, i]));
  indexCache.set(api.registry, map);
  return map;
}

/** One `get_selective_metagraph` round trip for the named fields (spec/chain.md §2.3). */
export async function selectiveMetagraph(
  api: ApiPromise,
  netuid: number,
  fields: readonly string[],
): Promise<Struct> {
  const idx = selectiveIndexes(api);
  const wanted = fields.map((f) => {
    const i = idx.get(f);
    if (i === undefined)
      throw new ChainError("CHAIN_UNSUPPORTED_RUNTIME", {
        pallet: "SubnetInfoRuntimeApi",
        errorName: `NoField_${f}`,
      });
    return i;
  });
  const result = (await api.call.subnetInfoRuntimeApi!.getSelectiveMetagraph!(netuid, wanted)) as unknown as {
    isNone: boolean;
    unwrap(): Struct;
  };
  if (result.isNone) throw subnetMissing(netuid);
  return result.unwrap();
}

function subnetMissing(netuid: number): ChainError {
  return new ChainError("CHAIN_NOT_FOUND", {
    pallet: "SubtensorModule",
    errorName: "SubnetNotExists",
    meta: { netuid },
  });
}

const opt = (s: Struct, name: string) => {
  const v = s.get(name);
  return v?.isSome ? v.unwrap() : undefined;
};
const num = (c: Codec | undefined) =>
  Number((c as unknown as { toString(): string } | undefined)?.toString() ?? 0);
const big = (c: Codec | undefined) =>
  BigInt((c as unknown as { toString(): string } | undefined)?.toString() ?? 0);
const list = <T>(s: Struct, name: string, f: (c: Codec) => T): T[] =>
  ((opt(s, name) as Codec[] | undefined) ?? []).map(f);

/**
 * Where `metagraph()` reads from. `runtime-api`: one `get_selective_metagraph` call (spec §2.3, the
 * hot path on real nodes, where the runtime runs natively). `storage`: the storage items the runtime
 * reads (metagraph-storage.ts), falling back to the runtime API on subnets with childkeys or root
 * stake. `auto`: `storage` on chopsticks (where each runtime call runs in a wasm interpreter),
 * `runtime-api` elsewhere.
 */
export type MetagraphSource = ChainClientOptions["metagraphSource"];

const chopsticksCache = new WeakMap<object, Promise<boolean>>();

/** Whether the node is chopsticks (its `system_version` is `chopsticks-v1`). */
function isChopsticks(api: ApiPromise): Promise<boolean> {
  let p = chopsticksCache.get(api);
  if (p === undefined) {
    p = api.rpc.system.version().then(
      (v) => v.toString().startsWith("chopsticks"),
      () => false,
    );
    chopsticksCache.set(api, p);
  }
  return p;
}

export async function readMetagraph(
  api: ApiPromise,
  send: RawSend,
  netuid: number,
  source: MetagraphSource = "auto",
): Promise<Metagraph> {
  if (source === "storage" || (source === "auto" && (await isChopsticks(api)))) {
    // A runtime without one of the storage items (or with a hasher plexus does not know) is read
    // through the runtime API instead.
    const m = await readMetagraphFromStorage(api, send, netuid).catch((err: unknown) => {
      if (err instanceof ChainError && err.code === "CHAIN_UNSUPPORTED_RUNTIME") return undefined;
      throw err;
    });
    if (m !== undefined) return m;
  }
  return readMetagraphFromRuntimeApi(api, netuid);
}

export async function readMetagraphFromRuntimeApi(api: ApiPromise, netuid: number): Promise<Metagraph> {
  const s = await selectiveMetagraph(api, netuid, METAGRAPH_FIELDS);
  const n = num(opt(s, "numUids"));
  const m: Metagraph = {
    netuid,
    block: num(opt(s, "block")),
    n,
    tempo: num(opt(s, "tempo")),
    hotkeys: list(s, "hotkeys", (c) => c.toString()),
    coldkeys: list(s, "coldkeys", (c) => c.toString()),
    alphaStake: list(s, "alphaStake", big),
    taoStake: list(s, "taoStake", big),
    totalStake: list(s, "totalStake", big),
    validatorPermit: list(s, "validatorPermit", (c) => c.toString() === "true"),
    active: list(s, "active", (c) => c.toString() === "true"),
    lastUpdate: list(s, "lastUpdate", big),
    incentive: list(s, "incentives", num),
    dividends: list(s, "dividends", num),
    consensus: list(s, "consensus", num),
    emission: list(s, "emission", big),
    axons: list(s, "axons", decodeAxon),
  };
  for (const key of [
    "hotkeys",
    "coldkeys",
    "alphaStake",
    "totalStake",
    "validatorPermit",
    "axons",
  ] as const) {
    if (m[key].length !== n) {
      throw new ChainError("CHAIN_UNSUPPORTED_RUNTIME", {
        pallet: "SubnetInfoRuntimeApi",
        errorName: "MetagraphLengthMismatch",
        meta: { key, n, length: m[key].length },
      });
    }
  }
  return m;
}

export function decodeAxon(c: Codec): AxonInfo | null {
  const a = c as unknown as Struct;
  const ip = big(a.get("ip"));
  if (ip === 0n) return null;
  const ipType = num(a.get("ipType")) === 6 ? 6 : 4;
  return {
    block: big(a.get("block")),
    version: num(a.get("version")),
    ip: decodeIp(ip, ipType),
    ipType,
    port: num(a.get("port")),
    protocol: num(a.get("protocol")),
  };
}

export async function readHyperparameters(api: ApiPromise, netuid: number): Promise<SubnetHyperparameters> {
  const s = await selectiveMetagraph(api, netuid, HYPERPARAMETER_FIELDS);
  const b = (name: string) => opt(s, name)?.toString() === "true";
  return {
    netuid,
    tempo: num(opt(s, "tempo")),
    rho: num(opt(s, "rho")),
    kappa: num(opt(s, "kappa")),
    immunityPeriod: num(opt(s, "immunityPeriod")),
    minAllowedWeights: num(opt(s, "minAllowedWeights")),
    maxWeightsLimit: num(opt(s, "maxWeightsLimit")),
    weightsVersion: big(opt(s, "weightsVersion")),
    weightsRateLimit: big(opt(s, "weightsRateLimit")),
    activityCutoff: num(opt(s, "activityCutoff")),
    maxValidators: num(opt(s, "maxValidators")),
    maxUids: num(opt(s, "maxUids")),
    burn: big(opt(s, "burn")),
    servingRateLimit: big(opt(s, "servingRateLimit")),
    commitRevealEnabled: b("commitRevealWeightsEnabled"),
    commitRevealPeriod: big(opt(s, "commitRevealPeriod")),
    registrationAllowed: b("registrationAllowed"),
    bondsMovingAverage: big(opt(s, "bondsMovingAvg")),
    liquidAlphaEnabled: b("liquidAlphaEnabled"),
  };
}

/** Stored `Weights` or `Bonds` rows of a subnet (mechanism 0): one paged `entries` read. */
export async function readSparseRows(
  api: ApiPromise,
  item: "weights" | "bonds",
  netuid: number,
  n: number,
): Promise<Array<Array<[number, number]>>> {
  const rows: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  const entries = await api.query.subtensorModule![item]!.entries(netuid);
  for (const [key, value] of entries) {
    const uid = num(key.args[1]);
    if (uid >= n) continue;
    rows[uid] = (value as unknown as Array<[Codec, Codec]>).map(([u, w]) => [num(u), num(w)]);
  }
  return rows;
}
