import type { IKeyringPair } from "@polkadot/types/types";
import { u8aConcat } from "@polkadot/util";
import { decodeAddress } from "@polkadot/util-crypto";
import type { Keypair } from "./keypair.ts";

/**
 * What signs for plexus: a key's address and one synchronous operation. It is synchronous
 * because polkadot-js signs extrinsics synchronously with a keyring pair; see {@link toKeyringPair}.
 *
 * `sign(payload)` returns the 64-byte sr25519 signature (substrate signing context) of exactly
 * `payload`. The caller passes the bytes the chain verifies: for an extrinsic that is the SCALE
 * signing payload, or its BLAKE2b-256 hash when it is longer than 256 bytes (polkadot-js does this
 * before calling the pair). A signer may refuse by throwing (agent wallets throw
 * WALLET_POLICY_* errors before any key is used).
 */
export interface Signer {
  /** SS58 address, prefix 42. */
  readonly address: string;
  sign(payload: Uint8Array): Uint8Array;
}

/** A signer over an unlocked keypair. */
export function keypairSigner(keypair: Keypair): Signer {
  return {
    address: keypair.address,
    sign: (payload) => keypair.sign(payload),
  };
}

/** sr25519 type byte of a MultiSignature. */
const SR25519_TYPE = 0x01;

/**
 * Adapts a Signer to polkadot-js's IKeyringPair (the ChainClient's `ChainSigner`): with
 * `withType` it prefixes the MultiSignature type byte as polkadot-js pairs do.
 */
export function toKeyringPair(signer: Signer): IKeyringPair {
  const publicKey = decodeAddress(signer.address);
  return {
    address: signer.address,
    addressRaw: publicKey,
    publicKey,
    sign: (data, options) => {
      const signature = signer.sign(data);
      return options?.withType === true ? u8aConcat([SR25519_TYPE], signature) : signature;
    },
  };
}
