import "./quiet.ts";
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { runTask } from "@acala-network/chopsticks-core";
import { TypeRegistry } from "@polkadot/types";
import { bnToU8a, compactAddLength, hexToU8a, stringToU8a, u8aToHex, u8aToString } from "@polkadot/util";
import { xxhashAsHex } from "@polkadot/util-crypto";
import { LocalChainError } from "../errors.ts";

/** A chain spec as written by `node-subtensor build-spec` (plain form: runtime code + JSON patch). */
interface PlainChainSpec {
  name: string;
  id: string;
  properties?: Record<string, unknown>;
  genesis: {
    runtimeGenesis?: {
      code: `0x${string}`;
      patch?: Record<string, unknown>;
      config?: Record<string, unknown>;
    };
    raw?: { top: Record<string, string> };
  };
}

/** The raw form chopsticks starts from (`genesis.raw.top`: storage key → value). */
export interface RawChainSpec {
  name: string;
  id: string;
  properties: Record<string, unknown>;
  genesis: { raw: { top: Record<string, string> } };
}

export interface BuildGenesisInit {
  /** Extra balances (ss58 → rao) merged into the spec's `balances` list; existing entries win. */
  extraBalances?: Record<string, bigint>;
  /**
   * `Timestamp.Now` written into genesis, ms. Fixed so that block 1's slot never straddles two
   * clock reads (fixtures README, fact 4) and block hashes are reproducible.
   */
  genesisTimestampMs?: bigint;
}

/** Default genesis time: 2025-01-01T00:00:00Z, a whole number of 1 s (and 12 s) slots. */
export const DEFAULT_GENESIS_TIMESTAMP_MS = 1_735_689_600_000n;

const CODE_KEY = u8aToHex(stringToU8a(":code"));
const registry = new TypeRegistry();

/** Reads a chain spec file, gunzipping it when its name ends in `.gz`. */
export async function readChainSpec(path: string): Promise<PlainChainSpec> {
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw new LocalChainError(
      "LOCAL_CHAIN_SPEC_MISSING",
      `cannot read chain spec ${path}: set --spec or PLEXUS_CHAIN_SPEC to a subtensor chain spec`,
      { path },
      cause,
    );
  });
  const text = path.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  return JSON.parse(text) as PlainChainSpec;
}

/**
 * Turns a plain chain spec into a raw one without a node binary: the runtime itself builds its
 * genesis state through the `GenesisBuilder` runtime API (`get_preset(None)` for the defaults, the
 * spec's patch merged on top, then `build_state`), run in chopsticks' wasm executor; `:code` and a
 * fixed `Timestamp.Now` are added to the resulting storage.
 */
export async function buildRawGenesis(
  spec: PlainChainSpec,
  init: BuildGenesisInit = {},
): Promise<RawChainSpec> {
  const properties = spec.properties ?? {};
  if (spec.genesis.raw !== undefined)
    return { name: spec.name, id: spec.id, properties, genesis: { raw: spec.genesis.raw } };
  const runtime = spec.genesis.runtimeGenesis;
  if (runtime === undefined) {
    throw new LocalChainError(
      "LOCAL_CHAIN_SPEC_INVALID",
      "chain spec has neither genesis.raw nor genesis.runtimeGenesis",
      {},
    );
  }
  const wasm = runtime.code;
  const presetHex = await call(wasm, "GenesisBuilder_get_preset", ["0x00"]);
  const preset = registry.createType("Option<Bytes>", hexToU8a(presetHex));
  if (preset.isNone)
    throw new LocalChainError("LOCAL_CHAIN_GENESIS_FAILED", "runtime has no default genesis preset", {});
  const defaults = JSON.parse(u8aToString(preset.unwrap())) as Record<string, unknown>;
  const config = mergePatch(defaults, runtime.patch ?? runtime.config ?? {}) as Record<string, unknown>;
  addBalances(config, init.extraBalances ?? {});

  const json = stringToU8a(JSON.stringify(config));
  const built = await runTaskOrThrow(wasm, "GenesisBuilder_build_state", [u8aToHex(compactAddLength(json))]);
  const result = registry.createType("Result<(), Text>", hexToU8a(built.result));
  if (result.isErr) {
    throw new LocalChainError(
      "LOCAL_CHAIN_GENESIS_FAILED",
      `runtime rejected the genesis config: ${result.asErr.toString()}`,
      {},
    );
  }
  const top: Record<string, string> = {};
  for (const [key, value] of built.storageDiff) if (value !== null) top[key] = value;
  top[CODE_KEY] = wasm;
  const nowKey = xxhashAsHex("Timestamp", 128) + xxhashAsHex("Now", 128).slice(2);
  top[nowKey] = u8aToHex(
    bnToU8a(init.genesisTimestampMs ?? DEFAULT_GENESIS_TIMESTAMP_MS, { bitLength: 64, isLe: true }),
  );
  return { name: spec.name, id: spec.id, properties, genesis: { raw: { top } } };
}

/** RFC 7396 JSON merge patch (what substrate's `build-spec` applies to the preset). */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target !== null && typeof target === "object" && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function addBalances(config: Record<string, unknown>, extra: Record<string, bigint>): void {
  if (config.balances === undefined) config.balances = { balances: [] };
  const balances = (config.balances as { balances: Array<[string, number]> }).balances;
  const present = new Set(balances.map(([who]) => who));
  for (const [who, amount] of Object.entries(extra)) {
    if (present.has(who)) continue;
    if (amount > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new LocalChainError("LOCAL_CHAIN_GENESIS_FAILED", `dev balance for ${who} exceeds 2^53 rao`, {
        who,
      });
    }
    balances.push([who, Number(amount)]);
  }
}

async function call(wasm: `0x${string}`, method: string, args: `0x${string}`[]): Promise<`0x${string}`> {
  return (await runTaskOrThrow(wasm, method, args)).result;
}

/** Genesis is built on an empty state: every storage read answers "absent". */
const emptyState = {
  getStorage: async () => undefined,
  getNextKey: async () => undefined,
  offchainGetStorage: async () => undefined,
  offchainTimestamp: async () => 0,
  offchainRandomSeed: async () => "0x00",
  offchainSubmitTransaction: async () => false,
};

async function runTaskOrThrow(wasm: `0x${string}`, method: string, args: `0x${string}`[]) {
  const response = await runTask(
    {
      wasm,
      calls: [[method, args]],
      mockSignatureHost: false,
      allowUnresolvedImports: true,
      runtimeLogLevel: 0,
    },
    // biome-ignore lint/suspicious/noExplicitAny: chopsticks' JsCallback types `undefined` reads loosely
    emptyState as any,
  );
  if ("Error" in response) {
    throw new LocalChainError(
      "LOCAL_CHAIN_GENESIS_FAILED",
      `${method} failed in the runtime: ${response.Error}`,
      { method },
    );
  }
  return response.Call;
}
