import { isWireErrorCode, PeerRequestError, WireErrorCode } from "../errors.ts";
import { FRAME_HEADER_BYTES } from "../framing.ts";

/**
 * Binary messages of /plexus/query/1.0.0, one per frame (framing.ts). Numbers are big-endian.
 *
 *   REQUEST  kind=1 | flags u8 | nonce u64 | timestamp_ms u64 | deadline_ms u32 | route_len u8 | route | payload
 *   CHUNK    kind=2 | nonce u64 | payload                       (more of the response follows)
 *   END      kind=3 | nonce u64 | receipt_len u8 | receipt | payload   (last piece of the response)
 *   ERROR    kind=4 | nonce u64 | retry_after_ms u32 | code_len u8 | code | message (utf-8)
 *   CANCEL   kind=5 | nonce u64                                  (client gave up; server stops work)
 *
 * Payloads are raw bytes (no base64, no string forms); the subnet's schema decides their encoding.
 */
export const QUERY_PROTOCOL = "/plexus/query/1.0.0";

export const Kind = { request: 1, chunk: 2, end: 3, error: 4, cancel: 5 } as const;
export const FLAG_WANT_RECEIPT = 1;

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

export interface RequestMsg {
  kind: typeof Kind.request;
  flags: number;
  nonce: number;
  timestamp: number;
  deadlineMs: number;
  route: string;
  payload: Uint8Array;
}
export interface ChunkMsg {
  kind: typeof Kind.chunk;
  nonce: number;
  payload: Uint8Array;
}
export interface EndMsg {
  kind: typeof Kind.end;
  nonce: number;
  receipt: Uint8Array;
  payload: Uint8Array;
}
export interface ErrorMsg {
  kind: typeof Kind.error;
  nonce: number;
  retryAfterMs: number;
  code: WireErrorCode;
  message: string;
}
export interface CancelMsg {
  kind: typeof Kind.cancel;
  nonce: number;
}
export type QueryMsg = RequestMsg | ChunkMsg | EndMsg | ErrorMsg | CancelMsg;

/** u64 as two u32 halves so values stay plain numbers (nonces and ms timestamps are < 2^53). */
function setU64(v: DataView, off: number, n: number): void {
  v.setUint32(off, Math.floor(n / 0x1_0000_0000));
  v.setUint32(off + 4, n >>> 0);
}
function getU64(v: DataView, off: number): number {
  const hi = v.getUint32(off);
  if (hi > 0x1f_ffff) throw malformed("u64 field above 2^53");
  return hi * 0x1_0000_0000 + v.getUint32(off + 4);
}

function malformed(why: string): PeerRequestError {
  return new PeerRequestError(WireErrorCode.malformed, `malformed query message: ${why}`);
}

/**
 * Encodes the frame header plus the message header; the payload is sent separately right after,
 * so a large payload is never copied. Returns [header, payload].
 */
export function encodeMessage(m: QueryMsg): [Uint8Array, Uint8Array | undefined] {
  let head: Uint8Array;
  let payload: Uint8Array | undefined;
  switch (m.kind) {
    case Kind.request: {
      const route = enc.encode(m.route);
      if (route.length > 255) throw malformed("route longer than 255 bytes");
      head = new Uint8Array(FRAME_HEADER_BYTES + 23 + route.length);
      const v = new DataView(head.buffer);
      let o = FRAME_HEADER_BYTES;
      head[o++] = m.kind;
      head[o++] = m.flags;
      setU64(v, o, m.nonce);
      setU64(v, o + 8, m.timestamp);
      v.setUint32(o + 16, m.deadlineMs);
      head[o + 20] = route.length;
      head.set(route, o + 21);
      payload = m.payload;
      break;
    }
    case Kind.chunk: {
      head = new Uint8Array(FRAME_HEADER_BYTES + 9);
      head[FRAME_HEADER_BYTES] = m.kind;
      setU64(new DataView(head.buffer), FRAME_HEADER_BYTES + 1, m.nonce);
      payload = m.payload;
      break;
    }
    case Kind.end: {
      head = new Uint8Array(FRAME_HEADER_BYTES + 10 + m.receipt.length);
      head[FRAME_HEADER_BYTES] = m.kind;
      setU64(new DataView(head.buffer), FRAME_HEADER_BYTES + 1, m.nonce);
      head[FRAME_HEADER_BYTES + 9] = m.receipt.length;
      head.set(m.receipt, FRAME_HEADER_BYTES + 10);
      payload = m.payload;
      break;
    }
    case Kind.error: {
      const code = enc.encode(m.code);
      const text = enc.encode(m.message.slice(0, 400));
      head = new Uint8Array(FRAME_HEADER_BYTES + 14 + code.length + text.length);
      const v = new DataView(head.buffer);
      head[FRAME_HEADER_BYTES] = m.kind;
      setU64(v, FRAME_HEADER_BYTES + 1, m.nonce);
      v.setUint32(FRAME_HEADER_BYTES + 9, m.retryAfterMs);
      head[FRAME_HEADER_BYTES + 13] = code.length;
      head.set(code, FRAME_HEADER_BYTES + 14);
      head.set(text, FRAME_HEADER_BYTES + 14 + code.length);
      break;
    }
    case Kind.cancel: {
      head = new Uint8Array(FRAME_HEADER_BYTES + 9);
      head[FRAME_HEADER_BYTES] = m.kind;
      setU64(new DataView(head.buffer), FRAME_HEADER_BYTES + 1, m.nonce);
      break;
    }
  }
  const bodyLength = head.length - FRAME_HEADER_BYTES + (payload?.length ?? 0);
  new DataView(head.buffer).setUint32(0, bodyLength);
  return [head, payload];
}

/**
 * The nonce of a REQUEST frame body read without decoding the rest (no route, no payload), or
 * undefined when the body is not a request header. For refusing frames that get no other work.
 */
export function peekRequestNonce(b: Uint8Array): number | undefined {
  if (b.length < 23 || b[0] !== Kind.request) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, b.length);
  const hi = v.getUint32(2);
  if (hi > 0x1f_ffff) return undefined;
  const nonce = hi * 0x1_0000_0000 + v.getUint32(6);
  return nonce === 0 ? undefined : nonce;
}

/**
 * A copy of an encoded ERROR message (frame header included) with its nonce and retry-after
 * replaced: a refusal sent many times is encoded once and stamped per request.
 */
export function stampError(head: Uint8Array, nonce: number, retryAfterMs: number): Uint8Array {
  const out = head.slice();
  const v = new DataView(out.buffer);
  setU64(v, FRAME_HEADER_BYTES + 1, nonce);
  v.setUint32(FRAME_HEADER_BYTES + 9, retryAfterMs);
  return out;
}

/** Parses one frame body. Throws PeerRequestError(NET_MALFORMED) on any inconsistency. */
export function decodeMessage(b: Uint8Array): QueryMsg {
  if (b.length < 9) throw malformed("frame shorter than a message header");
  const v = new DataView(b.buffer, b.byteOffset, b.length);
  const kind = b[0];
  switch (kind) {
    case Kind.request: {
      if (b.length < 23) throw malformed("request header truncated");
      const routeLen = b[22]!;
      if (b.length < 23 + routeLen) throw malformed("route runs past the frame");
      let route: string;
      try {
        route = dec.decode(b.subarray(23, 23 + routeLen));
      } catch {
        throw malformed("route is not utf-8");
      }
      const nonce = getU64(v, 2);
      if (nonce === 0) throw malformed("nonce 0 is reserved");
      return {
        kind,
        flags: b[1]!,
        nonce,
        timestamp: getU64(v, 10),
        deadlineMs: v.getUint32(18),
        route,
        payload: b.subarray(23 + routeLen),
      };
    }
    case Kind.chunk:
      return { kind, nonce: getU64(v, 1), payload: b.subarray(9) };
    case Kind.end: {
      if (b.length < 10) throw malformed("end header truncated");
      const rl = b[9]!;
      if (b.length < 10 + rl) throw malformed("receipt runs past the frame");
      return { kind, nonce: getU64(v, 1), receipt: b.subarray(10, 10 + rl), payload: b.subarray(10 + rl) };
    }
    case Kind.error: {
      if (b.length < 14) throw malformed("error header truncated");
      const cl = b[13]!;
      if (b.length < 14 + cl) throw malformed("error code runs past the frame");
      let code: string;
      let message: string;
      try {
        code = dec.decode(b.subarray(14, 14 + cl));
        message = dec.decode(b.subarray(14 + cl));
      } catch {
        throw malformed("error text is not utf-8");
      }
      return {
        kind,
        nonce: getU64(v, 1),
        retryAfterMs: v.getUint32(9),
        code: isWireErrorCode(code) ? code : WireErrorCode.internal,
        message,
      };
    }
    case Kind.cancel:
      return { kind, nonce: getU64(v, 1) };
    default:
      throw malformed(`unknown message kind ${kind}`);
  }
}
