import { decodeAddress } from "@polkadot/util-crypto";
import { z } from "zod";
import { BindingError } from "./errors.ts";
import type { HotkeySigner, PeerAuthority, PeerRegistration } from "./identity.ts";
import { verifyHotkeySignature } from "./identity.ts";

/**
 * Identity binding: the hotkey (sr25519) signs "this libp2p peer id speaks for me on this subnet
 * of this chain until this time". Noise already proves that the remote end holds the peer id's
 * Ed25519 key (with fresh ephemeral keys per connection), so the binding needs no per-connection
 * challenge: together they prove the connection belongs to the hotkey. It is signed once per
 * lifetime (sr25519 signing costs ~1 ms) and verified once per connection.
 */
export const BINDING_VERSION = 1;
const DOMAIN = new TextEncoder().encode("plexus-binding/v1\0");

export const bindingSchema = z.object({
  v: z.literal(BINDING_VERSION),
  hotkey: z.string().min(1).max(64),
  peerId: z.string().min(1).max(128),
  netuid: z.number().int().min(0).max(65535),
  genesisHash: z.string().regex(/^0x[0-9a-f]{64}$/),
  expiresAt: z.number().int().nonnegative(),
  signature: z.string().regex(/^0x[0-9a-f]{128}$/),
});
export type Binding = z.infer<typeof bindingSchema>;

/** The exact bytes the hotkey signs (no JSON or language-specific forms). */
export function bindingStatement(b: Omit<Binding, "signature" | "v">): Uint8Array {
  const genesis = Buffer.from(b.genesisHash.slice(2), "hex");
  const hotkey = decodeAddress(b.hotkey);
  const peer = new TextEncoder().encode(b.peerId);
  const out = new Uint8Array(DOMAIN.length + 32 + 2 + 32 + 1 + peer.length + 8);
  const view = new DataView(out.buffer);
  let off = 0;
  out.set(DOMAIN, off);
  off += DOMAIN.length;
  out.set(genesis, off);
  off += 32;
  view.setUint16(off, b.netuid);
  off += 2;
  out.set(hotkey, off);
  off += 32;
  out[off++] = peer.length;
  out.set(peer, off);
  off += peer.length;
  view.setBigUint64(off, BigInt(b.expiresAt));
  return out;
}

export async function signBinding(
  signer: HotkeySigner,
  fields: { peerId: string; netuid: number; genesisHash: string; expiresAt: number },
): Promise<Binding> {
  const unsigned = { hotkey: signer.hotkey, ...fields };
  const signature = await signer.sign(bindingStatement(unsigned));
  return { v: BINDING_VERSION, ...unsigned, signature: `0x${Buffer.from(signature).toString("hex")}` };
}

export interface VerifiedPeer {
  hotkey: string;
  peerId: string;
  netuid: number;
  expiresAt: number;
  registration: PeerRegistration;
}

/**
 * Checks a binding presented on a connection from `remotePeerId`. Order: shape, context (peer id,
 * subnet, chain, lifetime), signature, and only then the chain lookup, so unauthenticated input
 * never costs a chain query. Every failure is a BindingError with a `reason` in its meta.
 */
export async function verifyBinding(
  raw: unknown,
  ctx: {
    remotePeerId: string;
    netuid: number;
    authority: PeerAuthority;
    now: number;
    maxClockSkewMs: number;
    maxTtlMs: number;
    expectedHotkey?: string;
    signal?: AbortSignal;
  },
): Promise<VerifiedPeer> {
  const parsed = bindingSchema.safeParse(raw);
  if (!parsed.success) throw new BindingError("malformed", "identity binding is missing or malformed");
  const b = parsed.data;
  if (b.peerId !== ctx.remotePeerId) {
    throw new BindingError("peer_mismatch", "binding names a different peer id than the connection's", {
      claimed: b.peerId,
      actual: ctx.remotePeerId,
    });
  }
  if (b.netuid !== ctx.netuid) {
    throw new BindingError(
      "wrong_subnet",
      `binding is for subnet ${b.netuid}, this node serves ${ctx.netuid}`,
    );
  }
  if (b.genesisHash !== ctx.authority.genesisHash) {
    throw new BindingError("wrong_chain", "binding is for a different chain (genesis hash differs)");
  }
  if (b.expiresAt + ctx.maxClockSkewMs < ctx.now) {
    throw new BindingError("expired", "binding expired; re-sign it and reconnect", {
      expiresAt: b.expiresAt,
    });
  }
  if (b.expiresAt > ctx.now + ctx.maxTtlMs + ctx.maxClockSkewMs) {
    throw new BindingError("lifetime_too_long", `binding lifetime exceeds ${ctx.maxTtlMs} ms`);
  }
  if (ctx.expectedHotkey !== undefined && b.hotkey !== ctx.expectedHotkey) {
    throw new BindingError("unexpected_hotkey", "peer is bound to a different hotkey than the one dialled", {
      expected: ctx.expectedHotkey,
      claimed: b.hotkey,
    });
  }
  let statement: Uint8Array;
  try {
    statement = bindingStatement(b);
  } catch {
    throw new BindingError("malformed", "binding hotkey is not a valid ss58 address");
  }
  const sig = Uint8Array.from(Buffer.from(b.signature.slice(2), "hex"));
  if (!verifyHotkeySignature(statement, sig, b.hotkey)) {
    throw new BindingError("bad_signature", "binding signature does not verify for the claimed hotkey");
  }
  const registration = await ctx.authority.lookup(ctx.netuid, b.hotkey, { signal: ctx.signal });
  if (registration === undefined) {
    throw new BindingError("unregistered", `hotkey is not registered on subnet ${ctx.netuid}`, {
      hotkey: b.hotkey,
    });
  }
  return { hotkey: b.hotkey, peerId: b.peerId, netuid: b.netuid, expiresAt: b.expiresAt, registration };
}
