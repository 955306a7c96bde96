import { hexToU8a, isHex, u8aEq } from "@polkadot/util";
import {
  cryptoWaitReady,
  decodeAddress,
  encodeAddress,
  mnemonicGenerate,
  mnemonicToMiniSecret,
  mnemonicValidate,
  sr25519Agreement,
  sr25519PairFromSeed,
  sr25519Sign,
  sr25519Verify,
} from "@polkadot/util-crypto";
import { InvalidInputError } from "../../sim/errors.ts";
import { PublicOnlyKeyError } from "./errors.ts";

/** Substrate's generic prefix, which subtensor uses (runtime SS58Prefix = 42). */
export const SS58_PREFIX = 42;

/** Mnemonic lengths bittensor accepts. */
export const MNEMONIC_WORDS = [12, 15, 18, 21, 24] as const;
export type MnemonicWords = (typeof MNEMONIC_WORDS)[number];

/** The compressed Ristretto basepoint; secret·B is the public key (see {@link publicFromSecretKey}). */
const RISTRETTO_BASEPOINT = hexToU8a("0xe2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76");

/**
 * An sr25519 keypair as bittensor keeps it: always a public key and address, and, unless it is
 * public-only, the secret with whatever it was made from (mnemonic, 32-byte mini secret).
 *
 * `secretKey` is in polkadot-js's form (scalar·8 ∥ nonce), the form its signer takes; the keyfile's
 * `privateKey` is schnorrkel's canonical form (scalar ∥ nonce): see {@link privateKeyCanonical}.
 * Never log a Keypair: use `address`.
 */
export class Keypair {
  readonly publicKey: Uint8Array;
  readonly address: string;
  readonly secretPhrase?: string;
  readonly secretSeed?: Uint8Array;
  readonly secretKey?: Uint8Array;

  private constructor(fields: {
    publicKey: Uint8Array;
    secretPhrase?: string;
    secretSeed?: Uint8Array;
    secretKey?: Uint8Array;
  }) {
    this.publicKey = fields.publicKey;
    this.address = encodeAddress(fields.publicKey, SS58_PREFIX);
    this.secretPhrase = fields.secretPhrase;
    this.secretSeed = fields.secretSeed;
    this.secretKey = fields.secretKey;
  }

  /** Substrate's derivation: BIP-39 entropy → PBKDF2 mini secret (empty password) → sr25519, no path. */
  static fromMnemonic(mnemonic: string): Keypair {
    const phrase = mnemonic.trim().split(/\s+/).join(" ");
    const words = phrase.split(" ").length;
    if (!(MNEMONIC_WORDS as readonly number[]).includes(words) || !mnemonicValidate(phrase)) {
      throw new InvalidInputError(
        "mnemonic",
        `not a valid BIP-39 English mnemonic (${words} words)`,
        "12, 15, 18, 21 or 24 words",
      );
    }
    const seed = mnemonicToMiniSecret(phrase);
    return Keypair.build(seed, phrase);
  }

  /** From the 32-byte mini secret (`secretSeed`), given as bytes or "0x" hex. */
  static fromSeed(seed: Uint8Array | string): Keypair {
    const bytes = typeof seed === "string" ? hexBytes("secretSeed", seed) : seed;
    if (bytes.length !== 32) {
      throw new InvalidInputError("secretSeed", `${bytes.length} bytes`, "32 bytes (0x + 64 hex digits)");
    }
    return Keypair.build(bytes);
  }

  /** From a keyfile `privateKey` (64 bytes, canonical scalar ∥ nonce). No mnemonic or seed. */
  static fromPrivateKey(privateKey: Uint8Array | string): Keypair {
    const bytes = typeof privateKey === "string" ? hexBytes("privateKey", privateKey) : privateKey;
    if (bytes.length !== 64) {
      throw new InvalidInputError("privateKey", `${bytes.length} bytes`, "64 bytes (scalar ∥ nonce)");
    }
    const secretKey = new Uint8Array(64);
    secretKey.set(scalarToEd25519Form(bytes.subarray(0, 32)), 0);
    secretKey.set(bytes.subarray(32), 32);
    return new Keypair({ publicKey: publicFromSecretKey(secretKey), secretKey });
  }

  /** Public only: from an SS58 address or a 32-byte public key. Cannot sign. */
  static fromPublic(key: string | Uint8Array): Keypair {
    let publicKey: Uint8Array;
    try {
      publicKey = typeof key === "string" && isHex(key) ? hexToU8a(key) : decodeAddress(key);
    } catch (err) {
      throw new InvalidInputError("address", `not an SS58 address (${(err as Error).message})`);
    }
    if (publicKey.length !== 32) {
      throw new InvalidInputError("publicKey", `${publicKey.length} bytes`, "32 bytes");
    }
    return new Keypair({ publicKey });
  }

  /** A fresh keypair from a new random mnemonic. */
  static generate(words: MnemonicWords = 12): { keypair: Keypair; mnemonic: string } {
    if (!(MNEMONIC_WORDS as readonly number[]).includes(words)) {
      throw new InvalidInputError("words", `got ${words}`, MNEMONIC_WORDS.join(", "));
    }
    const mnemonic = mnemonicGenerate(words);
    return { keypair: Keypair.fromMnemonic(mnemonic), mnemonic };
  }

  private static build(seed: Uint8Array, secretPhrase?: string): Keypair {
    const pair = sr25519PairFromSeed(seed);
    return new Keypair({
      publicKey: pair.publicKey,
      secretKey: pair.secretKey,
      secretSeed: Uint8Array.from(seed),
      secretPhrase,
    });
  }

  get hasSecret(): boolean {
    return this.secretKey !== undefined;
  }

  /** The keyfile's `privateKey`: schnorrkel canonical (scalar ∥ nonce), as bittensor writes it. */
  get privateKeyCanonical(): Uint8Array | undefined {
    if (this.secretKey === undefined) return undefined;
    const out = new Uint8Array(64);
    out.set(scalarFromEd25519Form(this.secretKey.subarray(0, 32)), 0);
    out.set(this.secretKey.subarray(32), 32);
    return out;
  }

  /** The same key without its secret. */
  publicOnly(): Keypair {
    return new Keypair({ publicKey: this.publicKey });
  }

  /** A 64-byte sr25519 signature (substrate signing context) over exactly `message`. */
  sign(message: Uint8Array): Uint8Array {
    if (this.secretKey === undefined) throw new PublicOnlyKeyError(this.address);
    return sr25519Sign(message, { publicKey: this.publicKey, secretKey: this.secretKey });
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    return verifySignature(message, signature, this.publicKey);
  }

  /** Keeps secrets out of JSON.stringify. */
  toJSON(): { address: string } {
    return { address: this.address };
  }

  /** Keeps secrets out of console.log and util.inspect. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Keypair { address: '${this.address}', hasSecret: ${this.hasSecret} }`;
  }
}

/** sr25519 verification that returns false (instead of throwing) on malformed input. */
export function verifySignature(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return signature.length === 64 && sr25519Verify(message, signature, publicKey);
  } catch {
    return false;
  }
}

/** Loads the crypto backends once (polkadot-js wasm). Every wallet entry point awaits it. */
export async function walletCryptoReady(): Promise<void> {
  await cryptoWaitReady();
}

/** secret·B: the public key of a polkadot-js-form secret key (agreement with the basepoint). */
function publicFromSecretKey(secretKey: Uint8Array): Uint8Array {
  return sr25519Agreement(secretKey, RISTRETTO_BASEPOINT);
}

/** True when `publicKey` is the keypair's public key (used to reject inconsistent keyfiles). */
export function keyMatches(publicKey: Uint8Array, keypair: Keypair): boolean {
  return u8aEq(publicKey, keypair.publicKey);
}

const MASK_256 = (1n << 256n) - 1n;

function leToBig(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

function bigToLe32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** canonical scalar → scalar·8 (schnorrkel `to_ed25519_bytes`); exact since scalar < 2^253. */
function scalarToEd25519Form(scalar: Uint8Array): Uint8Array {
  return bigToLe32((leToBig(scalar) << 3n) & MASK_256);
}

/** scalar·8 → canonical scalar (schnorrkel `divide_scalar_bytes_by_cofactor`). */
function scalarFromEd25519Form(scalar: Uint8Array): Uint8Array {
  return bigToLe32(leToBig(scalar) >> 3n);
}

function hexBytes(field: string, value: string): Uint8Array {
  if (!isHex(value)) throw new InvalidInputError(field, "not 0x-prefixed hex", "0x + hex digits");
  return hexToU8a(value);
}
