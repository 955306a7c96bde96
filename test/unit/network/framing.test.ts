import test from "ava";
import { PeerRequestError, WireErrorCode } from "../../../node/network/errors.ts";
import { encodeFrame, FrameDecoder } from "../../../node/network/framing.ts";
import { decodeMessage, encodeMessage, Kind, type QueryMsg } from "../../../node/network/query/messages.ts";
import { prng } from "./_fixture.ts";

test("frames split at arbitrary byte boundaries decode to the original bodies", (t) => {
  const rand = prng(1);
  const bodies = Array.from({ length: 50 }, (_, i) =>
    new Uint8Array(i * 37).map(() => Math.floor(rand() * 256)),
  );
  const wire = Buffer.concat(bodies.map((b) => encodeFrame(b)));
  const dec = new FrameDecoder(1 << 20);
  const out: Uint8Array[] = [];
  for (let off = 0; off < wire.length; ) {
    const n = 1 + Math.floor(rand() * 100);
    out.push(...dec.push(new Uint8Array(wire.subarray(off, off + n))));
    off += n;
  }
  t.deepEqual(
    out.map((b) => Buffer.from(b).toString("hex")),
    bodies.map((b) => Buffer.from(b).toString("hex")),
  );
  t.is(dec.pendingBytes, 0);
});

test("an oversized length prefix is refused as soon as the header arrives", (t) => {
  const dec = new FrameDecoder(1000);
  const header = new Uint8Array(4);
  new DataView(header.buffer).setUint32(0, 1001);
  const err = t.throws(() => dec.push(header), { instanceOf: PeerRequestError });
  t.is(err?.code, WireErrorCode.tooLarge);
});

function roundtrip(m: QueryMsg): QueryMsg {
  const [head, body] = encodeMessage(m);
  const wire = Buffer.concat([head, body ?? new Uint8Array(0)]);
  const [frame] = new FrameDecoder(1 << 20).push(new Uint8Array(wire));
  return decodeMessage(frame!);
}

test("every query message kind survives encode and decode", (t) => {
  const payload = new Uint8Array([1, 2, 3]);
  const msgs: QueryMsg[] = [
    {
      kind: Kind.request,
      flags: 1,
      nonce: 2 ** 52 + 3,
      timestamp: 1_700_000_000_123,
      deadlineMs: 12_000,
      route: "a/b/v1",
      payload,
    },
    { kind: Kind.chunk, nonce: 9, payload },
    { kind: Kind.end, nonce: 9, receipt: new Uint8Array(64).fill(7), payload },
    { kind: Kind.error, nonce: 4, retryAfterMs: 250, code: WireErrorCode.rateLimited, message: "slow down" },
    { kind: Kind.cancel, nonce: 11 },
  ];
  for (const m of msgs) t.deepEqual(roundtrip(m), m);
});

test("truncated, unknown-kind and zero-nonce messages are malformed, never thrown as other errors", (t) => {
  const [head] = encodeMessage({
    kind: Kind.request,
    flags: 0,
    nonce: 1,
    timestamp: 1,
    deadlineMs: 1,
    route: "a/v1",
    payload: new Uint8Array(0),
  });
  const body = head.subarray(4);
  for (const bad of [
    body.subarray(0, 10),
    new Uint8Array([42, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    Uint8Array.from([...body.subarray(0, 2), 0, 0, 0, 0, 0, 0, 0, 0, ...body.subarray(10)]),
  ]) {
    const err = t.throws(() => decodeMessage(bad), { instanceOf: PeerRequestError });
    t.is(err?.code, WireErrorCode.malformed);
  }
});
