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
