import test from "ava";
import { z } from "zod";
import { PeerRequestError, WireErrorCode } from "../../../node/network/errors.ts";
import { receiptDigest, verifyReceipt } from "../../../node/network/query/receipt.ts";
import { bytesRoute, jsonRoute } from "../../../node/network/route.ts";
import { eventually, newAuthority, startPeer, TAO } from "./_fixture.ts";

const add = jsonRoute(
  "test/add/v1",
  z.object({ a: z.number(), b: z.number() }),
  z.object({ sum: z.number() }),
);
const echo = bytesRoute("test/echo/v1");

test("a bound client gets typed answers and the server sees the caller's verified hotkey", async (t) => {
  const authority = newAuthority();
  const miner = await startPeer(authority, "q-miner");
  const validator = await startPeer(authority, "q-validator", { stakeRao: 1000n * TAO });
  t.teardown(() => Promise.all([miner.node.stop(), validator.node.stop()]));
  let seen = "";
  miner.node.serve(add, async (req, ctx) => {
    seen = ctx.caller.hotkey;
    return { sum: req.a + req.b };
  });
  const res = await validator.node.request(miner.addr, add, { a: 2, b: 3 }, { expectedHotkey: miner.hotkey });
  t.is(res.sum, 5);
  t.is(seen, validator.hotkey);
  const peer = await validator.node.connect(miner.addr);
  t.is(peer.hotkey, miner.hotkey);
});

test("large responses arrive in chunks and reassemble byte-exact", async (t) => {
  const authority = newAuthority();
  const miner = await startPeer(authority, "q-miner2", { options: { chunkBytes: 64 * 1024 } });
  const validator = await startPeer(authority, "q-validator2");
  t.teardown(() => Promise.all([miner.node.stop(), validator.node.stop()]));
  const big = new Uint8Array(1_000_000).map((_, i) => (i * 31) & 255);
  miner.node.serve(echo, async () => big);
  let chunks = 0;
  const res = await validator.node.requestRaw(miner.addr, echo.name, new Uint8Array(1), {
    onChunk: () => chunks++,
  });
  t.deepEqual(res.payload, big);
  t.true(chunks >= 15);
});

test("many pipelined requests share one connection and all complete", async (t) => {
  const authority = newAuthority();
  const miner = await startPeer(authority, "q-miner3");
  const validator = await startPeer(authority, "q-validator3", { stakeRao: 100_000n * TAO });
  t.teardown(() => Promise.all([miner.node.stop(), validator.node.stop()]));
  miner.node.serve(echo, async (b) => b);
  const out = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      validator.node.requestRaw(miner.addr, echo.name, new Uint8Array([i & 255, i >> 8])),
    ),
  );
  t.true(out.every((r, i) => r.payload[0] === (i & 255) && r.payload[1] === i >> 8));
  t.is(validator.node.host.getConnections().length, 1);
});

test("a signed receipt verifies with the miner's peer key and fails for another response", async (t) => {
  const authority = newAuthority();
  const miner = await startPeer(authority, "q-miner4");
  const validator = await startPeer(authority, "q-validator4");
  t.teardown(() => Promise.all([miner.node.stop(), validator.node.stop()]));
  miner.node.serve(echo, async (b) => b.map((x) => x ^ 1));
  const req = new Uint8Array([1, 2, 3]);
  const res = await validator.node.requestRaw(miner.addr, echo.name, req, { wantReceipt: true });
  const peer = await validator.node.connect(miner.addr);
  const key = peer.connection.remotePeer.publicKey!;
  const digest = (response: Uint8Array) =>
    receiptDigest({
      route: echo.name,
      nonce: res.nonce,
      requesterPeerId: validator.node.peerId,
      request: req,
      response,
    });
  t.true(await verifyReceipt(key, digest(res.payload), res.receipt!));
  t.false(await verifyReceipt(key, digest(new Uint8Array([9, 9, 9])), res.receipt!));
});

test("a request that does not match the route schema is refused as invalid", async (t) => {
  const authority = newAuthority();
  const miner = await startPeer(authority, "q-miner5");
  const validator = await startPeer(authority, "q-validator5");
  t.teardown(() => Promise.all([miner.node.stop(), validator.node.stop()]));
  miner.node.serve(add, async (req) => ({ sum: req.a + req.b }));
  const err = await t.throwsAsync(
    validator.node.requestRaw(miner.addr, add.name, new TextEncoder().encode('{"a":"x"}')),
    { instanceOf: PeerRequestError },
  );
  t.is(err?.code, WireErrorCode.invalidRequest);
});

test("a handler that outlives the deadline yields deadline_exceeded and its signal aborts", async (t) => {
  const authority = newAuthority();
  const miner = await startPeer(authority, "q-miner6");
  const validator = await startPeer(authority, "q-validator6");
  t.teardown(() => Promise.all([miner.node.stop(), validator.node.stop()]));
  let aborted = false;
  miner.node.serve(
    echo,
    (b, ctx) =>
      new Promise((resolve) => {
        ctx.signal.addEventListener("abort", () => {
          aborted = true;
          resolve(b);
        });
      }),
  );
  const err = await t.throwsAsync(
    validator.node.requestRaw(miner.addr, echo.name, new Uint8Array(1), { timeoutMs: 150 }),
    {
      instanceOf: PeerRequestError,
    },
  );
  t.is(err?.code, WireErrorCode.deadlineExceeded);
  t.true(err?.retryable);
  t.true(await eventually(() => aborted));
});

test("a caller deregistered from the subnet loses access after the authority refresh", async (t) => {
  const authority = newAuthority();
  const miner = await startPeer(authority, "q-miner7", { options: { authorityTtlMs: 50 } });
  const validator = await startPeer(authority, "q-validator7");
  t.teardown(() => Promise.all([miner.node.stop(), validator.node.stop()]));
  miner.node.serve(echo, async (b) => b);
  await validator.node.requestRaw(miner.addr, echo.name, new Uint8Array(1));
  authority.remove(7, validator.hotkey);
  await new Promise((r) => setTimeout(r, 80));
  const err = await t.throwsAsync(validator.node.requestRaw(miner.addr, echo.name, new Uint8Array(1)), {
    instanceOf: PeerRequestError,
  });
  t.is(err?.code, WireErrorCode.unauthenticated);
});

test("a client aborting a request cancels the handler on the server", async (t) => {
  const authority = newAuthority();
  const miner = await startPeer(authority, "q-miner8");
  const validator = await startPeer(authority, "q-validator8");
  t.teardown(() => Promise.all([miner.node.stop(), validator.node.stop()]));
  let cancelled = false;
  miner.node.serve(
    echo,
    (b, ctx) =>
      new Promise((resolve) => {
        ctx.signal.addEventListener("abort", () => {
          cancelled = true;
          resolve(b);
        });
      }),
  );
  await validator.node.connect(miner.addr);
  const ac = new AbortController();
  const p = validator.node.requestRaw(miner.addr, echo.name, new Uint8Array(1), {
    signal: ac.signal,
    timeoutMs: 10_000,
  });
  setTimeout(() => ac.abort(), 100);
  const err = await t.throwsAsync(p);
  t.is(err?.name, "AbortError");
  t.true(await eventually(() => cancelled));
});

test("a long-lived connection binds again when a binding nears expiry and keeps serving", async (t) => {
  const authority = newAuthority();
  const options = { bindingTtlMs: 1500, maxClockSkewMs: 300 };
  const miner = await startPeer(authority, "q-miner9", { options });
  const validator = await startPeer(authority, "q-validator9", { options });
  t.teardown(() => Promise.all([miner.node.stop(), validator.node.stop()]));
  miner.node.serve(echo, async (b) => b);
  const first = await validator.node.connect(miner.addr);
  await validator.node.requestRaw(miner.addr, echo.name, new Uint8Array([1]));
  await new Promise((r) => setTimeout(r, 1600)); // both bindings are now past their lifetime
  const res = await validator.node.requestRaw(miner.addr, echo.name, new Uint8Array([2]));
  t.is(res.payload[0], 2);
  const again = await validator.node.connect(miner.addr);
  t.is(again.connection.id, first.connection.id, "same connection, new binding");
});
