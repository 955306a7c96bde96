import type { Connection } from "@libp2p/interface";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { FrameDecoder } from "../../../node/network/framing.ts";
import { StaticAuthority } from "../../../node/network/identity.ts";
import type { PeerNodeInit } from "../../../node/network/node.ts";
import { PeerNode } from "../../../node/network/node.ts";
import { peerKeyFromSeed } from "../../../node/network/peer-key.ts";
import {
  decodeMessage,
  encodeMessage,
  Kind,
  QUERY_PROTOCOL,
  type QueryMsg,
  type RequestMsg,
} from "../../../node/network/query/messages.ts";
import { signerFromKeyringPair } from "../../../node/network/signers.ts";
import { toBytes } from "../../../node/network/stream-io.ts";

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
      uid: nextUid++,
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

let nextUid = 0;
let nextName = 0;

/** A peer name unique within this process (names seed the peer keys). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${++nextName}`;
}

export function newAuthority(): StaticAuthority {
  return new StaticAuthority(GENESIS);
}

/** A query stream driven by hand, for sending crafted frames and reading the raw answers. */
export interface RawLane {
  send(bytes: Uint8Array): void;
  next(timeoutMs?: number): Promise<QueryMsg>;
  closed(): boolean;
  close(): Promise<void>;
}

export async function openRawLane(connection: Connection, protocol = QUERY_PROTOCOL): Promise<RawLane> {
  const stream = await connection.newStream(protocol);
  const decoder = new FrameDecoder(64 * 1024 * 1024);
  const queue: QueryMsg[] = [];
  const waiters: ((m: QueryMsg | undefined) => void)[] = [];
  let isClosed = false;
  stream.addEventListener("message", (e) => {
    for (const f of decoder.push(toBytes(e.data))) {
      const m = decodeMessage(f);
      const w = waiters.shift();
      if (w) w(m);
      else queue.push(m);
    }
  });
  stream.addEventListener("close", () => {
    isClosed = true;
    for (const w of waiters.splice(0)) w(undefined);
  });
  return {
    send: (bytes) => {
      if (!isClosed && stream.writeStatus === "writable") stream.send(bytes);
    },
    closed: () => isClosed,
    close: () => stream.close().catch(() => undefined),
    next: (timeoutMs = 5000) => {
      const m = queue.shift();
      if (m) return Promise.resolve(m);
      if (isClosed) return Promise.reject(new Error("lane closed"));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no frame in time")), timeoutMs);
        waiters.push((msg) => {
          clearTimeout(timer);
          if (msg === undefined) reject(new Error("lane closed"));
          else resolve(msg);
        });
      });
    },
  };
}

/** Encodes a request frame as one buffer. */
export function requestFrame(fields: Partial<Omit<RequestMsg, "kind">> & { route: string }): Uint8Array {
  const [head, body] = encodeMessage({
    kind: Kind.request,
    flags: 0,
    nonce: 1,
    timestamp: Date.now(),
    deadlineMs: 5000,
    payload: new Uint8Array(0),
    ...fields,
  });
  const out = new Uint8Array(head.length + (body?.length ?? 0));
  out.set(head);
  if (body) out.set(body, head.length);
  return out;
}

/** A small seeded PRNG (mulberry32) so fuzz runs are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polls `check` until it holds or `ms` pass (for effects that land asynchronously on a busy machine). */
export async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}
