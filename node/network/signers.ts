import type { HotkeySigner } from "./identity.ts";

/** Adapts a polkadot keypair (KeyringPair, or the chain client's ChainSigner) to a HotkeySigner. */
export function signerFromKeyringPair(pair: {
  address: string;
  sign(message: Uint8Array): Uint8Array;
}): HotkeySigner {
  return { hotkey: pair.address, sign: (message) => pair.sign(message) };
}
