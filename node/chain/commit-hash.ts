import { compactToU8a, hexToU8a, isHex, u8aConcat } from "@polkadot/util";
import { blake2AsU8a, decodeAddress } from "@polkadot/util-crypto";
import { InvalidInputError } from "../../sim/errors.ts";

/**
 * The hash of a v2 weights commit (`commit_weights` / `commit_mechanism_weights`), spec/chain.md
 * §3.5: BLAKE2b-256 of the SCALE encoding of (hotkey AccountId32, netuid_index u16, uids Vec<u16>,
 * values Vec<u16>, salt Vec<u16>, version_key u64). The reveal must carry the same vectors and salt.
 */
export interface CommitHashParams {
  /** The committing hotkey: 32 raw bytes, "0x" + 64 hex digits, or an SS58 address. */
  hotkey: Uint8Array | string;
  /** netuid + mecid·4096 (see {@link netuidIndex}); the plain netuid for mechanism 0. */
  netuidIndex: number;
  uids: readonly number[];
  values: readonly number[];
  salt: readonly number[];
  versionKey: bigint;
}

/**
 * The stateless epoch index hash commit-reveal v2 uses: (block + netuid + 1) / (tempo + 1). A commit
 * made in epoch e must be revealed in epoch e + RevealPeriodEpochs exactly (spec/chain.md §3.5).
 */
export function crEpochIndex(netuid: number, tempo: number, block: bigint): bigint {
  return (block + BigInt(netuid) + 1n) / (BigInt(tempo) + 1n);
}

/** Per-mechanism storage index (GLOBAL_MAX_SUBNET_COUNT = 4096). */
export function netuidIndex(netuid: number, mecid = 0): number {
  checkU(`netuid`, netuid, 4095);
  checkU(`mecid`, mecid, 15);
  return mecid * 4096 + netuid;
}

export function commitHashPreimage(params: CommitHashParams): Uint8Array {
  const hotkey = hotkeyBytes(params.hotkey);
  checkU("netuidIndex", params.netuidIndex, 0xffff);
  if (params.versionKey < 0n || params.versionKey > 0xffff_ffff_ffff_ffffn) {
    throw new InvalidInputError("versionKey", `got ${params.versionKey}`, "a u64");
  }
  const versionKey = new Uint8Array(8);
  new DataView(versionKey.buffer).setBigUint64(0, params.versionKey, true);
  return u8aConcat(
    hotkey,
    u16le(params.netuidIndex),
    vecU16("uids", params.uids),
    vecU16("values", params.values),
    vecU16("salt", params.salt),
    versionKey,
  );
}

/** The 32-byte commit hash to pass as `commit_hash: H256`. */
export function commitWeightsHash(params: CommitHashParams): Uint8Array {
  return blake2AsU8a(commitHashPreimage(params), 256);
}

function hotkeyBytes(hotkey: Uint8Array | string): Uint8Array {
  let bytes: Uint8Array;
  if (typeof hotkey !== "string") bytes = hotkey;
  else if (isHex(hotkey)) bytes = hexToU8a(hotkey);
  else {
    try {
      bytes = decodeAddress(hotkey);
    } catch (err) {
      throw new InvalidInputError("hotkey", `not an SS58 address (${(err as Error).message})`);
    }
  }
  if (bytes.length !== 32) {
    throw new InvalidInputError("hotkey", `${bytes.length} bytes`, "a 32-byte public key or an SS58 address");
  }
  return bytes;
}

function vecU16(field: string, items: readonly number[]): Uint8Array {
  items.forEach((v, i) => {
    checkU(`${field}[${i}]`, v, 0xffff);
  });
  return u8aConcat(compactToU8a(items.length), ...items.map(u16le));
}

function u16le(v: number): Uint8Array {
  return new Uint8Array([v & 0xff, v >> 8]);
}

function checkU(field: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new InvalidInputError(field, `got ${v}`, `an integer in [0, ${max}]`);
  }
}
