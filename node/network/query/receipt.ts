import { createHash } from "node:crypto";
import type { PrivateKey, PublicKey } from "@libp2p/interface";

/**
 * A receipt is a transferable proof of what a miner answered (wire.md R6): an Ed25519 signature
 * by the miner's peer key over the route, nonce, requester, and the SHA-256 of request and
 * response payloads. Anyone holding the miner's identity binding (hotkey → peer id, sr25519) and
 * the receipt can check it offline; Ed25519 costs a fraction of sr25519 per message.
 */
const DOMAIN = "plexus-receipt/v1\0";

export function receiptDigest(fields: {
  route: string;
  nonce: number;
  requesterPeerId: string;
  request: Uint8Array;
  response: Uint8Array;
}): Uint8Array {
  const h = createHash("sha256");
  h.update(DOMAIN);
  h.update(`${fields.route}\0${fields.nonce}\0${fields.requesterPeerId}\0`);
  h.update(createHash("sha256").update(fields.request).digest());
  h.update(createHash("sha256").update(fields.response).digest());
  return new Uint8Array(h.digest());
}

export async function signReceipt(key: PrivateKey, digest: Uint8Array): Promise<Uint8Array> {
  return key.sign(digest);
}

export async function verifyReceipt(
  key: PublicKey,
  digest: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  try {
    return await key.verify(digest, signature);
  } catch {
    return false;
  }
}
