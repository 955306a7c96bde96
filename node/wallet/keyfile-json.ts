import { hexToU8a, isHex, u8aToHex } from "@polkadot/util";
import { PlexusError } from "../../sim/errors.ts";
import { KeyfileMalformedError } from "./errors.ts";
import { Keypair, keyMatches } from "./keypair.ts";

/**
 * The keyfile plaintext (spec/chain.md §5): a UTF-8 JSON object with optional string fields.
 * Readers parse it (never compare bytes: Python and Rust writers order and space keys
 * differently); the writer produces Python's `json.dumps` form so files match the SDK's byte for byte.
 */

/** Field order of bittensor's `serialized_keypair_to_keyfile_data`. */
const FIELD_ORDER = [
  "accountId",
  "publicKey",
  "privateKey",
  "secretPhrase",
  "secretSeed",
  "ss58Address",
] as const;
type Field = (typeof FIELD_ORDER)[number];

/** Serializes a keypair; `publicOnly` writes only accountId, publicKey and ss58Address (the pub files). */
export function serializeKeyfile(keypair: Keypair, options: { publicOnly?: boolean } = {}): string {
  const publicKey = u8aToHex(keypair.publicKey);
  const privateKey = keypair.privateKeyCanonical;
  const values: Partial<Record<Field, string>> = {
    accountId: publicKey,
    publicKey,
    ss58Address: keypair.address,
  };
  if (options.publicOnly !== true) {
    if (privateKey !== undefined) values.privateKey = u8aToHex(privateKey);
    if (keypair.secretPhrase !== undefined) values.secretPhrase = keypair.secretPhrase;
    if (keypair.secretSeed !== undefined) values.secretSeed = u8aToHex(keypair.secretSeed);
  }
  // Python json.dumps: ", " and ": " separators, ASCII only (every value here is ASCII).
  const parts = FIELD_ORDER.filter((k) => values[k] !== undefined).map(
    (k) => `${JSON.stringify(k)}: ${JSON.stringify(values[k])}`,
  );
  return `{${parts.join(", ")}}`;
}

/**
 * Parses keyfile plaintext into a keypair. Precedence (btwallet v4): secretPhrase, then
 * secretSeed, then privateKey, then ss58Address / publicKey (public only). A bare "0x…" public
 * key (very old pub files) is accepted too. If the file also states a public key, it must match.
 */
export function parseKeyfile(path: string, text: string): Keypair {
  const trimmed = text.trim();
  if (/^0x[0-9a-fA-F]{64}$/.test(trimmed)) return Keypair.fromPublic(trimmed);
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    throw new KeyfileMalformedError(path, "not JSON, not a $NACL file and not a hex public key");
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new KeyfileMalformedError(path, "the JSON is not an object");
  }
  const fields = data as Record<string, unknown>;
  const str = (k: Field): string | undefined => {
    const v = fields[k];
    if (v === undefined || v === null) return undefined; // Python writes null for absent fields
    if (typeof v !== "string") throw new KeyfileMalformedError(path, `field ${k} is not a string`);
    return v;
  };
  const secretPhrase = str("secretPhrase");
  const secretSeed = str("secretSeed");
  const privateKey = str("privateKey");
  const ss58Address = str("ss58Address");
  const statedPublic = str("publicKey") ?? str("accountId");

  let keypair: Keypair;
  try {
    if (secretPhrase !== undefined) keypair = Keypair.fromMnemonic(secretPhrase);
    else if (secretSeed !== undefined) keypair = Keypair.fromSeed(secretSeed);
    else if (privateKey !== undefined) keypair = Keypair.fromPrivateKey(privateKey);
    else if (ss58Address !== undefined) keypair = Keypair.fromPublic(ss58Address);
    else if (statedPublic !== undefined) keypair = Keypair.fromPublic(statedPublic);
    else
      throw new KeyfileMalformedError(
        path,
        "no key field (secretPhrase, secretSeed, privateKey, ss58Address)",
      );
  } catch (err) {
    if (err instanceof KeyfileMalformedError) throw err;
    // The InvalidInputError names the field but never echoes secret values.
    const field = err instanceof PlexusError ? String(err.meta.field ?? "") : "";
    throw new KeyfileMalformedError(path, `invalid ${field || "key"} field`);
  }
  if (statedPublic !== undefined && !(isHex(statedPublic) && keyMatches(hexToU8a(statedPublic), keypair))) {
    throw new KeyfileMalformedError(path, "publicKey does not belong to the key's secret");
  }
  if (ss58Address !== undefined && !sameKey(ss58Address, keypair)) {
    throw new KeyfileMalformedError(path, "ss58Address does not belong to the key");
  }
  return keypair;
}

/** Compares by public key, so an address written with another SS58 prefix still matches. */
function sameKey(address: string, keypair: Keypair): boolean {
  try {
    return keyMatches(Keypair.fromPublic(address).publicKey, keypair);
  } catch {
    return false;
  }
}
