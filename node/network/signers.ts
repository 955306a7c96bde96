import type { KeyringPair } from "@polkadot/keyring/types";
import type { HotkeySigner } from "./identity.ts";

/** Adapts a polkadot keyring pair (sr25519) to the HotkeySigner the transport uses. */
export function signerFromKeyringPair(pair: KeyringPair): HotkeySigner {
  return { hotkey: pair.address, sign: (message) => pair.sign(message) };
}
