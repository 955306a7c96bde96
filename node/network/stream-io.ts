import type { Stream, StreamMessageEvent } from "@libp2p/interface";
import { NetAbortError, NetTimeoutError } from "./errors.ts";
import { encodeFrame, FrameDecoder } from "./framing.ts";

/** libp2p delivers either a Uint8Array or a list of them; frames want one contiguous view. */
export function toBytes(data: StreamMessageEvent["data"]): Uint8Array {
  return data instanceof Uint8Array ? data : data.subarray();
}

/**
 * Writes a frame (header already includes the length prefix) without copying the payload. Returns
 * false when the stream's send buffer is full: the caller should `await stream.onDrain()` before
 * writing more, which is how backpressure from a slow reader reaches the producer.
 */
export function sendParts(stream: Stream, head: Uint8Array, payload?: Uint8Array): boolean {
  if (stream.status !== "open" || stream.writeStatus !== "writable") return true;
  try {
    let ok = stream.send(head);
    if (payload !== undefined && payload.length > 0) ok = stream.send(payload);
    return ok;
  } catch {
    // the stream closed between the status check and the write; nothing to deliver to
    return true;
  }
}

/** Waits for `stream` to accept more data, bounded by a timeout and the caller's signal. */
export async function waitDrain(stream: Stream, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const t = AbortSignal.timeout(timeoutMs);
  await stream.onDrain({ signal: signal === undefined ? t : AbortSignal.any([t, signal]) });
}

/** Sends one JSON value as a frame. */
export function sendJsonFrame(stream: Stream, value: unknown): void {
  sendParts(stream, encodeFrame(new TextEncoder().encode(JSON.stringify(value))));
}

/** Reads the first frame of `stream` and parses it as JSON; bounded by size, time and signal. */
export function readJsonFrame(
  stream: Stream,
  opts: { maxBytes: number; timeoutMs: number; what: string; signal?: AbortSignal },
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const decoder = new FrameDecoder(opts.maxBytes);
    const cleanup = (): void => {
      clearTimeout(timer);
      stream.removeEventListener("message", onMessage);
      stream.removeEventListener("close", onClose);
      opts.signal?.removeEventListener("abort", onAbort);
    };
    const onMessage = (e: StreamMessageEvent): void => {
      try {
        const [frame] = decoder.push(toBytes(e.data));
        if (frame === undefined) return;
        cleanup();
        resolve(JSON.parse(new TextDecoder().decode(frame)));
      } catch (err) {
        cleanup();
        reject(err);
      }
    };
    const onClose = (): void => {
      cleanup();
      reject(new NetAbortError(`${opts.what} (stream closed)`));
    };
    const onAbort = (): void => {
      cleanup();
      reject(new NetAbortError(opts.what));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new NetTimeoutError(opts.what, opts.timeoutMs));
    }, opts.timeoutMs);
    if (opts.signal?.aborted) {
      onAbort();
      return;
    }
    opts.signal?.addEventListener("abort", onAbort);
    stream.addEventListener("message", onMessage);
    stream.addEventListener("close", onClose);
  });
}

/** Frames at most this large are coalesced; larger payloads go out as their own writes, uncopied. */
const COALESCE_MAX_BYTES = 64 * 1024;

/**
 * Coalesces the small frames written to one stream during an event-loop turn into a single write.
 * Each stream write costs a Yamux frame, a Noise seal and a socket write, so pipelined requests
 * and responses are far cheaper sent together; the flush runs in the same loop turn (setImmediate),
 * so a lone request waits no timer.
 */
export class FrameWriter {
  private parts: Uint8Array[] = [];
  private bytes = 0;
  private scheduled = false;

  constructor(private readonly stream: Stream) {}

  /** Queues a frame; returns false when the caller should wait for drain before writing more. */
  write(head: Uint8Array, payload?: Uint8Array): boolean {
    const size = head.length + (payload?.length ?? 0);
    if (size > COALESCE_MAX_BYTES) {
      this.flush();
      return sendParts(this.stream, head, payload);
    }
    this.parts.push(head);
    if (payload !== undefined && payload.length > 0) this.parts.push(payload);
    this.bytes += size;
    if (this.bytes >= COALESCE_MAX_BYTES) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return !this.stream.writableNeedsDrain;
  }

  flush(): void {
    this.scheduled = false;
    if (this.parts.length === 0) return;
    const parts = this.parts;
    const total = this.bytes;
    this.parts = [];
    this.bytes = 0;
    if (parts.length === 1) {
      sendParts(this.stream, parts[0]!);
      return;
    }
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    sendParts(this.stream, out);
  }
}
