import test from "ava";
import { signBinding } from "../../node/network/binding.ts";
import { PeerRequestError, WireErrorCode } from "../../node/network/errors.ts";
import { encodeFrame, FrameDecoder } from "../../node/network/framing.ts";
import { HANDSHAKE_PROTOCOL } from "../../node/network/handshake.ts";
import { Kind, type QueryMsg } from "../../node/network/query/messages.ts";
import { bytesRoute } from "../../node/network/route.ts";
import { signerFromKeyringPair } from "../../node/network/signers.ts";
import { toBytes } from "../../node/network/stream-io.ts";
import {
  GENESIS,
  hotkeyPair,
  NETUID,
  newAuthority,
  openRawLane,
  prng,
  requestFrame,
  startPeer,
  TAO,
  type TestPeer,
  uniqueName,
} from "../unit/network/_fixture.ts";

// Real libp2p peers on 127.0.0.1: a miner serving an echo route, attacked in various ways, while an
// honest validator keeps getting answers.
const echo = bytesRoute("test/echo/v1");

async function setup(t: { teardown(fn: () => unknown): void }, minerOptions = {}) {
  const authority = newAuthority();
  const miner = await startPeer(authority, uniqueName("sec-miner"), { options: minerOptions });
  miner.node.serve(echo, async (b) => b);
  const honest = await startPeer(authority, uniqueName("sec-honest"), { stakeRao: 10_000n * TAO });
  // drives crafted frames over its own connection (its nonces must not disturb the honest client's)
  const tester = await startPeer(authority, uniqueName("sec-tester"), { stakeRao: 10_000n * TAO });
  const peers: TestPeer[] = [miner, honest, tester];
  t.teardown(() => Promise.all(peers.map((p) => p.node.stop())));
  const stillServes = async () => {
    const r = await honest.node.requestRaw(miner.addr, echo.name, new Uint8Array([42]));
    return r.payload[0] === 42;
  };
  return { authority, miner, honest, tester, peers, stillServes };
}

function errorCode(m: QueryMsg): string | undefined {
  return m.kind === Kind.error ? m.code : undefined;
}

test("a replayed request is refused with NET_REPLAY and the node keeps serving", async (t) => {
  const { miner, tester, stillServes } = await setup(t);
  const peer = await tester.node.connect(miner.addr);
  const lane = await openRawLane(peer.connection);
  const frame = requestFrame({ route: echo.name, nonce: 5_000_000, payload: new Uint8Array([1]) });
  lane.send(frame);
  t.is((await lane.next()).kind, Kind.end);
  lane.send(frame);
  t.is(errorCode(await lane.next()), WireErrorCode.replay);
  t.true(await stillServes());
});

test("a request older or newer than the allowed clock skew is refused with NET_STALE", async (t) => {
  const { miner, tester, stillServes } = await setup(t);
  const peer = await tester.node.connect(miner.addr);
  const lane = await openRawLane(peer.connection);
  const skew = miner.node.options.maxClockSkewMs;
  lane.send(requestFrame({ route: echo.name, nonce: 9_000_001, timestamp: Date.now() - skew - 60_000 }));
  t.is(errorCode(await lane.next()), WireErrorCode.stale);
  lane.send(requestFrame({ route: echo.name, nonce: 9_000_002, timestamp: Date.now() + skew + 60_000 }));
  t.is(errorCode(await lane.next()), WireErrorCode.stale);
  t.true(await stillServes());
});

test("a peer whose hotkey is not registered is refused at the handshake", async (t) => {
  const { authority, miner, peers, stillServes } = await setup(t);
  const stranger = await startPeer(authority, uniqueName("sec-stranger"), { register: false });
  peers.push(stranger);
  const err = await t.throwsAsync(stranger.node.requestRaw(miner.addr, echo.name, new Uint8Array(1)), {
    instanceOf: PeerRequestError,
  });
  t.is(err?.code, WireErrorCode.unauthenticated);
  t.is(err?.meta.reason, "unregistered");
  t.true(await stillServes());
});

test("queries on a connection without a handshake are refused with NET_UNAUTHENTICATED", async (t) => {
  const { authority, miner, peers, stillServes } = await setup(t);
  const stranger = await startPeer(authority, uniqueName("sec-raw"));
  peers.push(stranger);
  const { multiaddr } = await import("@multiformats/multiaddr");
  const connection = await stranger.node.host.dial(multiaddr(miner.addr));
  const lane = await openRawLane(connection);
  lane.send(requestFrame({ route: echo.name, nonce: 1 }));
  t.is(errorCode(await lane.next()), WireErrorCode.unauthenticated);
  t.true(await stillServes());
});

test("forged bindings are refused: wrong signer, someone else's binding, expired binding", async (t) => {
  const { authority, miner, honest, peers, stillServes } = await setup(t);
  const attacker = await startPeer(authority, uniqueName("sec-attacker"), { stakeRao: 1n });
  peers.push(attacker);
  const { multiaddr } = await import("@multiformats/multiaddr");
  const victim = hotkeyPair("sec-victim");
  authority.set(NETUID, victim.address, { uid: 99, stakeRao: 1_000_000n * TAO, validatorPermit: true });
  const mallory = hotkeyPair("sec-mallory");
  const expiresAt = Date.now() + 60_000;

  async function presentBinding(binding: unknown): Promise<Record<string, unknown>> {
    const conn = await attacker.node.host.dial(multiaddr(miner.addr));
    const stream = await conn.newStream(HANDSHAKE_PROTOCOL);
    stream.send(
      encodeFrame(new TextEncoder().encode(JSON.stringify({ protocols: ["/plexus/query/1.0.0"], binding }))),
    );
    const decoder = new FrameDecoder(1 << 16);
    return new Promise((resolve) => {
      stream.addEventListener("message", (e) => {
        const [f] = decoder.push(toBytes(e.data));
        if (f === undefined) return;
        stream.close().catch(() => undefined);
        resolve(JSON.parse(new TextDecoder().decode(f)));
      });
    });
  }
  // 1. claims the victim's hotkey, signed by another key
  const wrongSigner = await signBinding(
    { hotkey: victim.address, sign: (m) => mallory.sign(m) },
    { peerId: attacker.node.peerId, netuid: NETUID, genesisHash: GENESIS, expiresAt },
  );
  t.like(await presentBinding(wrongSigner), {
    ok: false,
    code: WireErrorCode.unauthenticated,
    reason: "bad_signature",
  });
  // 2. the victim's genuine binding for another peer id, replayed by the attacker
  const stolen = await signBinding(signerFromKeyringPair(victim), {
    peerId: honest.node.peerId,
    netuid: NETUID,
    genesisHash: GENESIS,
    expiresAt,
  });
  t.like(await presentBinding(stolen), { ok: false, reason: "peer_mismatch" });
  // 3. a correctly signed binding that has expired
  const expired = await signBinding(signerFromKeyringPair(victim), {
    peerId: attacker.node.peerId,
    netuid: NETUID,
    genesisHash: GENESIS,
    expiresAt: Date.now() - 10 * 60_000,
  });
  t.like(await presentBinding(expired), { ok: false, reason: "expired" });
  // 4. no binding at all (cf. the empty-signature bypass of the stock axon)
  t.like(await presentBinding({ ...wrongSigner, signature: "" }), { ok: false, reason: "malformed" });
  t.true(await stillServes());
});

test("an oversized frame is refused with NET_TOO_LARGE before its body is read", async (t) => {
  const { miner, tester, stillServes } = await setup(t);
  const peer = await tester.node.connect(miner.addr);
  const lane = await openRawLane(peer.connection);
  const header = new Uint8Array(4);
  new DataView(header.buffer).setUint32(0, 512 * 1024 * 1024);
  lane.send(header);
  lane.send(new Uint8Array(1024));
  t.is(errorCode(await lane.next()), WireErrorCode.tooLarge);
  t.true(await stillServes());
});

test("a malformed frame gets NET_MALFORMED and the same stream still serves a valid request", async (t) => {
  const { miner, tester, stillServes } = await setup(t);
  const peer = await tester.node.connect(miner.addr);
  const lane = await openRawLane(peer.connection);
  lane.send(encodeFrame(new Uint8Array([99, 1, 2, 3, 4, 5, 6, 7, 8, 9])));
  t.is(errorCode(await lane.next()), WireErrorCode.malformed);
  lane.send(encodeFrame(new Uint8Array([1, 0, 0])));
  t.is(errorCode(await lane.next()), WireErrorCode.malformed);
  lane.send(requestFrame({ route: echo.name, nonce: 77_000_000, payload: new Uint8Array([7]) }));
  const ok = await lane.next();
  t.is(ok.kind, Kind.end);
  t.true(await stillServes());
});

test("a flood from one low-stake peer is rate limited while a high-stake peer is served", async (t) => {
  const { authority, miner, honest, peers } = await setup(t);
  const flooder = await startPeer(authority, uniqueName("sec-flood"), { stakeRao: 0n });
  peers.push(flooder);
  const flood = Array.from({ length: 1500 }, (_, i) =>
    flooder.node.requestRaw(miner.addr, echo.name, new Uint8Array([i & 255])).then(
      () => "ok",
      (e: PeerRequestError) => e.code,
    ),
  );
  const honestAnswers = await Promise.all(
    Array.from({ length: 100 }, (_, i) => honest.node.requestRaw(miner.addr, echo.name, new Uint8Array([i]))),
  );
  const outcomes = await Promise.all(flood);
  t.true(honestAnswers.every((r, i) => r.payload[0] === i));
  const limited = outcomes.filter((c) => c === WireErrorCode.rateLimited).length;
  const served = outcomes.filter((c) => c === "ok").length;
  t.true(limited > 1000, `rate limited ${limited}`);
  t.true(served < 200, `served ${served}`);
});

test("a blacklisted or under-staked hotkey is refused with NET_FORBIDDEN", async (t) => {
  const authority = newAuthority();
  const poor = await startPeer(authority, uniqueName("sec-poor"), { stakeRao: 5n * TAO });
  const banned = await startPeer(authority, uniqueName("sec-banned"), { stakeRao: 1000n * TAO });
  const miner = await startPeer(authority, uniqueName("sec-gated"), {
    options: { access: { minStakeRao: 10n * TAO, blacklist: [banned.hotkey] } },
  });
  const rich = await startPeer(authority, uniqueName("sec-rich"), { stakeRao: 1000n * TAO });
  t.teardown(() => Promise.all([poor, banned, miner, rich].map((p) => p.node.stop())));
  miner.node.serve(echo, async (b) => b);
  for (const p of [poor, banned]) {
    const err = await t.throwsAsync(p.node.requestRaw(miner.addr, echo.name, new Uint8Array(1)), {
      instanceOf: PeerRequestError,
    });
    t.is(err?.code, WireErrorCode.forbidden);
  }
  t.is((await rich.node.requestRaw(miner.addr, echo.name, new Uint8Array([3]))).payload[0], 3);
});

test("fuzz: 10k random and mutated frames cause typed refusals only, never a crash", async (t) => {
  const { miner, tester, stillServes } = await setup(t, { access: { baseRps: 1e6, maxRps: 1e6 } });
  const rand = prng(0xfacade);
  const peer = await tester.node.connect(miner.addr);
  const valid = requestFrame({ route: echo.name, nonce: 123, payload: new Uint8Array([1, 2, 3]) });
  const started = Date.now();
  let sent = 0;
  let refusals = 0;
  while (sent < 10_000 && Date.now() - started < 60_000) {
    const lane = await openRawLane(peer.connection);
    // below the server's strike limit, so each lane sees typed answers before it is reset
    for (let i = 0; i < 12; i++, sent++) {
      const kind = rand();
      let body: Uint8Array;
      if (kind < 0.4) {
        body = valid.slice(4);
        for (let m = 0, n = 1 + Math.floor(rand() * 6); m < n; m++)
          body[Math.floor(rand() * body.length)] = Math.floor(rand() * 256);
      } else if (kind < 0.8) {
        body = new Uint8Array(Math.floor(rand() * 64)).map(() => Math.floor(rand() * 256));
      } else {
        body = valid.slice(4, 4 + Math.floor(rand() * (valid.length - 4)));
      }
      lane.send(encodeFrame(body));
    }
    lane.send(requestFrame({ route: "end/of/batch/v1", nonce: 2 ** 40 + sent }));
    for (;;) {
      let m: QueryMsg;
      try {
        m = await lane.next(2000);
      } catch {
        break;
      }
      if (m.kind === Kind.error) refusals++;
      if (m.kind === Kind.error && m.nonce === 2 ** 40 + sent) break;
    }
    await lane.close();
  }
  t.true(sent >= 10_000, `sent ${sent}`);
  t.true(refusals > 5_000, `refusals ${refusals}`);
  t.true(await stillServes());
});

test("an inbound connection that never binds an identity is closed after the handshake timeout", async (t) => {
  const authority = newAuthority();
  const miner = await startPeer(authority, uniqueName("sec-timeout-miner"), {
    options: { handshakeTimeoutMs: 1500 },
  });
  const idle = await startPeer(authority, uniqueName("sec-idle"));
  t.teardown(() => Promise.all([miner.node.stop(), idle.node.stop()]));
  const { multiaddr } = await import("@multiformats/multiaddr");
  const connection = await idle.node.host.dial(multiaddr(miner.addr));
  t.is(connection.status, "open");
  const closed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    idle.node.host.addEventListener("connection:close", (e) => {
      if (e.detail.id === connection.id) {
        clearTimeout(timer);
        resolve(true);
      }
    });
  });
  t.true(closed);
});
