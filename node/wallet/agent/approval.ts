import { u8aEq } from "@polkadot/util";
import { blake2AsU8a, decodeAddress } from "@polkadot/util-crypto";
import { verifySignature } from "../keypair.ts";
import type { Signer } from "../signer.ts";

/**
 * A co-signer's approval of one payload: an sr25519 signature by the co-signer over
 *   "plexus/agent-cosign/v1" ∥ agent public key (32) ∥ BLAKE2b-256(payload) ∥ nonce (u64 LE).
 * It binds the exact bytes the agent will sign (call, arguments, account nonce, era) and the agent
 * that may use it; the nonce lets the agent refuse an approval it has already used.
 */
export interface Approval {
  nonce: bigint;
  signature: Uint8Array;
}

export const COSIGN_DOMAIN = "plexus/agent-cosign/v1";

export function approvalMessage(agentAddress: string, payload: Uint8Array, nonce: bigint): Uint8Array {
  const domain = new TextEncoder().encode(COSIGN_DOMAIN);
  const out = new Uint8Array(domain.length + 32 + 32 + 8);
  out.set(domain, 0);
  out.set(decodeAddress(agentAddress), domain.length);
  out.set(blake2AsU8a(payload, 256), domain.length + 32);
  new DataView(out.buffer).setBigUint64(domain.length + 64, BigInt.asUintN(64, nonce), true);
  return out;
}

/** What the co-signer runs after reviewing the payload. */
export function createApproval(
  cosigner: Signer,
  request: { agentAddress: string; payload: Uint8Array; nonce: bigint },
): Approval {
  return {
    nonce: request.nonce,
    signature: cosigner.sign(approvalMessage(request.agentAddress, request.payload, request.nonce)),
  };
}

export function verifyApproval(
  approval: Approval,
  request: { cosigner: string; agentAddress: string; payload: Uint8Array },
): boolean {
  if (approval.nonce < 0n || approval.nonce >= 1n << 64n) return false;
  const message = approvalMessage(request.agentAddress, request.payload, approval.nonce);
  return verifySignature(message, approval.signature, decodeAddress(request.cosigner));
}

/** True when two addresses name the same account (any SS58 prefix). */
export function sameAccount(a: string, b: string): boolean {
  try {
    return u8aEq(decodeAddress(a), decodeAddress(b));
  } catch {
    return false;
  }
}
