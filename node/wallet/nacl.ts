import { hexToU8a } from "@polkadot/util";
import { argon2i } from "hash-wasm";
import nacl from "tweetnacl";

/**
 * bittensor's `$NACL` keyfile encryption (spec/chain.md §5):
 * file = ASCII "$NACL" ∥ 24-byte nonce ∥ secretbox(plaintext) (XSalsa20-Poly1305, tag first),
 * key = Argon2i v1.3 (libsodium crypto_pwhash_argon2i, "SENSITIVE" limits) of the UTF-8 password
 * with bittensor's constant salt. Because the salt is constant, one password gives one key for
 * every file: derive it once and pass `{ key }` to avoid paying the KDF again.
 */

export const NACL_PREFIX = new TextEncoder().encode("$NACL");
export const NACL_NONCE_BYTES = nacl.secretbox.nonceLength;

/** Parameters fixed by bittensor (opslimit 8, memlimit 512 MiB). Changing them breaks compatibility. */
export const NACL_KDF = {
  salt: hexToU8a("0x137183dff15a09bc9c90b5518739e9b1"),
  iterations: 8,
  memoryKiB: 524288,
  parallelism: 1,
  keyBytes: 32,
} as const;

/** Either a password (the KDF runs, ~5 s and 512 MiB) or a key already derived from one. */
export type NaclSecret = { password: string } | { key: Uint8Array };

/** Argon2i key of a password. Slow on purpose (measured ~5.4 s with hash-wasm on 2 cores). */
export async function deriveNaclKey(password: string): Promise<Uint8Array> {
  return argon2i({
    password: new TextEncoder().encode(password),
    salt: NACL_KDF.salt,
    iterations: NACL_KDF.iterations,
    memorySize: NACL_KDF.memoryKiB,
    parallelism: NACL_KDF.parallelism,
    hashLength: NACL_KDF.keyBytes,
    outputType: "binary",
  });
}

async function keyOf(secret: NaclSecret): Promise<Uint8Array> {
  return "key" in secret ? secret.key : deriveNaclKey(secret.password);
}

export function isNaclEncrypted(bytes: Uint8Array): boolean {
  return startsWith(bytes, NACL_PREFIX);
}

/**
 * Encrypts keyfile plaintext. `nonce` exists only so tests can reproduce reference bytes;
 * real files always get a fresh random nonce.
 */
export async function naclEncrypt(
  plaintext: Uint8Array,
  secret: NaclSecret,
  options: { /** @internal tests only */ nonce?: Uint8Array } = {},
): Promise<Uint8Array> {
  const nonce = options.nonce ?? nacl.randomBytes(NACL_NONCE_BYTES);
  if (nonce.length !== NACL_NONCE_BYTES) throw new RangeError(`nonce must be ${NACL_NONCE_BYTES} bytes`);
  const box = nacl.secretbox(plaintext, nonce, await keyOf(secret));
  const out = new Uint8Array(NACL_PREFIX.length + nonce.length + box.length);
  out.set(NACL_PREFIX, 0);
  out.set(nonce, NACL_PREFIX.length);
  out.set(box, NACL_PREFIX.length + nonce.length);
  return out;
}

/** The plaintext, or undefined when the key is wrong or the bytes were altered (Poly1305 fails). */
export async function naclDecrypt(bytes: Uint8Array, secret: NaclSecret): Promise<Uint8Array | undefined> {
  const start = NACL_PREFIX.length;
  if (!isNaclEncrypted(bytes) || bytes.length < start + NACL_NONCE_BYTES + nacl.secretbox.overheadLength) {
    return undefined;
  }
  const nonce = bytes.subarray(start, start + NACL_NONCE_BYTES);
  const opened = nacl.secretbox.open(bytes.subarray(start + NACL_NONCE_BYTES), nonce, await keyOf(secret));
  return opened ?? undefined;
}

/** Legacy formats that bittensor once wrote and plexus reports as unsupported. */
export function legacyFormat(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, new TextEncoder().encode("$ANSIBLE_VAULT"))) return "ansible-vault";
  if (startsWith(bytes, new TextEncoder().encode("gAAAAA"))) return "Fernet";
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
