import { decodeAddress, sr25519Verify } from "@polkadot/util-crypto";

/**
 * The two small interfaces the network layer needs from the outside world, so it can be tested
 * with in-memory stand-ins and adapted to the wallet and chain client without depending on them.
 */

/** Signs with the node's sr25519 hotkey. The secret never leaves the implementation. */
export interface HotkeySigner {
  /** The hotkey's ss58 address. */
  readonly hotkey: string;
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** What the chain says about a hotkey on one subnet, from a metagraph snapshot. */
export interface PeerRegistration {
  uid: number;
  /** Stake weight in rao (alpha + TAO-weighted, as the metagraph reports it). */
  stakeRao: bigint;
  validatorPermit: boolean;
}

/** Read access to the chain facts the transport decides on. */
export interface PeerAuthority {
  /** The chain's genesis hash (0x-hex), bound into every identity proof. */
  readonly genesisHash: string;
  /** The hotkey's registration on `netuid`, or undefined when it is not registered there. */
  lookup(
    netuid: number,
    hotkey: string,
    options?: { signal?: AbortSignal },
  ): Promise<PeerRegistration | undefined>;
}

/**
 * Verifies an sr25519 signature by an ss58 hotkey. Bittensor hotkeys are sr25519; checking that
 * scheme directly avoids polkadot's try-every-scheme detection (and its cost) on untrusted input.
 */
export function verifyHotkeySignature(message: Uint8Array, signature: Uint8Array, hotkey: string): boolean {
  try {
    return signature.length === 64 && sr25519Verify(message, signature, decodeAddress(hotkey));
  } catch {
    return false;
  }
}

/** An in-memory authority (tests, localnet): a mutable table of registrations per subnet. */
export class StaticAuthority implements PeerAuthority {
  private readonly table = new Map<string, PeerRegistration>();

  constructor(readonly genesisHash: string) {}

  set(netuid: number, hotkey: string, registration: PeerRegistration): void {
    this.table.set(`${netuid}/${hotkey}`, registration);
  }

  remove(netuid: number, hotkey: string): void {
    this.table.delete(`${netuid}/${hotkey}`);
  }

  async lookup(netuid: number, hotkey: string): Promise<PeerRegistration | undefined> {
    return this.table.get(`${netuid}/${hotkey}`);
  }
}
