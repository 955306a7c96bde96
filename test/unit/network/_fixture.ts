import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { StaticAuthority } from "../../../node/network/identity.ts";
import type { PeerNodeInit } from "../../../node/network/node.ts";
import { PeerNode } from "../../../node/network/node.ts";
import { peerKeyFromSeed } from "../../../node/network/peer-key.ts";
import { signerFromKeyringPair } from "../../../node/network/signers.ts";

/** Helpers for tests that run real libp2p peers on 127.0.0.1 with an in-memory authority. */
export const GENESIS = `0x${"ab".repeat(32)}`;
export const NETUID = 7;
export const TAO = 1_000_000_000n;

await cryptoWaitReady();
const keyring = new Keyring({ type: "sr25519" });

export function hotkeyPair(name: string) {
  return keyring.addFromUri(`//${name}`);
}

export function seedOf(name: string): Uint8Array {
  const seed = new Uint8Array(32);
  seed.set(new TextEncoder().encode(name).subarray(0, 32));
  return seed;
}

export interface TestPeer {
  node: PeerNode;
  addr: string;
  hotkey: string;
}

export async function startPeer(
  authority: StaticAuthority,
  name: string,
  opts: {
    stakeRao?: bigint;
    register?: boolean;
    options?: PeerNodeInit["options"];
    clock?: () => number;
    netuid?: number;
  } = {},
): Promise<TestPeer> {
  const pair = hotkeyPair(name);
  if (opts.register !== false) {
    authority.set(NETUID, pair.address, {
      uid: Math.floor(Math.random() * 256),
      stakeRao: opts.stakeRao ?? 0n,
      validatorPermit: true,
    });
  }
  const node = await PeerNode.create({
    signer: signerFromKeyringPair(pair),
    authority,
    netuid: opts.netuid ?? NETUID,
    privateKey: await peerKeyFromSeed(seedOf(name)),
    options: { listen: ["/ip4/127.0.0.1/tcp/0"], ...opts.options },
    clock: opts.clock,
  });
  await node.start();
  return { node, addr: node.multiaddrs()[0]!, hotkey: pair.address };
}

export function newAuthority(): StaticAuthority {
  return new StaticAuthority(GENESIS);
}
