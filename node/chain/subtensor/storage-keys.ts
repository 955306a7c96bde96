import type { ApiPromise } from "@polkadot/api";
import { u8aConcat, u8aToHex } from "@polkadot/util";
import { blake2AsU8a, xxhashAsU8a } from "@polkadot/util-crypto";
import { ChainError } from "../errors.ts";

/** The storage hashers of FRAME (frame_support::hash), by their metadata name. */
const HASHERS: Record<string, (data: Uint8Array) => Uint8Array> = {
  Blake2_128: (d) => blake2AsU8a(d, 128),
  Blake2_256: (d) => blake2AsU8a(d, 256),
  Blake2_128Concat: (d) => u8aConcat(blake2AsU8a(d, 128), d),
  Twox128: (d) => xxhashAsU8a(d, 128),
  Twox256: (d) => xxhashAsU8a(d, 256),
  Twox64Concat: (d) => u8aConcat(xxhashAsU8a(d, 64), d),
  Identity: (d) => d,
};

function hasherNamed(name: string, item: string): (d: Uint8Array) => Uint8Array {
  const hasher = HASHERS[name];
  if (hasher === undefined)
    throw new ChainError("CHAIN_UNSUPPORTED_RUNTIME", {
      pallet: "SubtensorModule",
      errorName: `UnknownHasher_${name}`,
      meta: { item },
    });
  return hasher;
}

/** Cap on remembered hashed key parts (one per hotkey and hasher in practice). */
const MAX_PARTS = 100_000;

interface ItemShape {
  prefix: string;
  parts: Array<{ hasher: (d: Uint8Array) => Uint8Array; hasherName: string; type: string }>;
}

/**
 * Storage keys of SubtensorModule map items, built from the metadata (item prefix, hashers and key
 * types) with each hashed key part remembered. Building 2,000 keys through `api.query.x.key()` costs
 * tens of milliseconds (a codec and a hash per part); a metagraph hashes the same 256 hotkeys for
 * eight items, and again on every read.
 */
export class StorageKeys {
  readonly #api: ApiPromise;
  readonly #shapes = new Map<string, ItemShape>();
  readonly #parts = new Map<string, string>();

  constructor(api: ApiPromise) {
    this.#api = api;
  }

  key(item: string, args: readonly unknown[]): string {
    const shape = this.#shape(item);
    if (args.length !== shape.parts.length)
      throw new TypeError(`${item}: ${shape.parts.length} key arguments expected, got ${args.length}`);
    let key = shape.prefix;
    for (let i = 0; i < args.length; i++) key += this.#part(shape.parts[i]!, args[i]);
    return key;
  }

  #part(part: ItemShape["parts"][number], arg: unknown): string {
    const id = `${part.hasherName}|${part.type}|${String(arg)}`;
    let hex = this.#parts.get(id);
    if (hex === undefined) {
      const encoded = this.#api.registry.createType(part.type, arg).toU8a();
      hex = u8aToHex(part.hasher(encoded)).slice(2);
      if (this.#parts.size >= MAX_PARTS) this.#parts.clear();
      this.#parts.set(id, hex);
    }
    return hex;
  }

  #shape(item: string): ItemShape {
    let shape = this.#shapes.get(item);
    if (shape !== undefined) return shape;
    const entry = this.#api.query.subtensorModule![item]!;
    const { registry } = this.#api;
    const type = entry.creator.meta.type;
    const prefix = u8aToHex(entry.creator.keyPrefix());
    if (type.isPlain) {
      shape = { prefix, parts: [] };
    } else {
      const map = type.asMap;
      const hashers = map.hashers.map((h) => h.type);
      const keyType = registry.lookup.getSiType(map.key);
      const ids = hashers.length === 1 ? [map.key] : keyType.def.asTuple.toArray();
      shape = {
        prefix,
        parts: hashers.map((name, i) => ({
          hasherName: name,
          hasher: hasherNamed(name, item),
          type: registry.createLookupType(ids[i]!),
        })),
      };
    }
    this.#shapes.set(item, shape);
    return shape;
  }
}
