import { PeerRequestError, WireErrorCode } from "./errors.ts";

/**
 * Length-prefixed framing shared by every plexus protocol (and by the bare-TCP baseline in the
 * bench): a 4-byte big-endian length, then that many bytes. The length is checked against the
 * limit as soon as the 4 header bytes arrive, so an oversized frame is refused before its body is
 * buffered.
 */
export const FRAME_HEADER_BYTES = 4;

export function encodeFrame(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + body.length);
  new DataView(out.buffer).setUint32(0, body.length);
  out.set(body, FRAME_HEADER_BYTES);
  return out;
}

/** Writes only the 4-byte header, for callers that send header and body as separate chunks. */
export function frameHeader(length: number): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES);
  new DataView(out.buffer).setUint32(0, length);
  return out;
}

/** Incremental decoder: feed chunks as they arrive, get whole frames back. Memory ≤ one frame. */
export class FrameDecoder {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private need = -1;

  constructor(private readonly maxFrameBytes: number) {}

  /** Bytes held waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Returns the frames completed by this chunk; throws NET_TOO_LARGE on an oversized header. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Uint8Array[] = [];
    for (;;) {
      if (this.need < 0) {
        if (this.buffered < FRAME_HEADER_BYTES) break;
        const header = this.take(FRAME_HEADER_BYTES);
        const length = new DataView(header.buffer, header.byteOffset, 4).getUint32(0);
        if (length > this.maxFrameBytes) {
          throw new PeerRequestError(
            WireErrorCode.tooLarge,
            `frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes}`,
            { length, limit: this.maxFrameBytes },
          );
        }
        this.need = length;
      }
      if (this.buffered < this.need) break;
      frames.push(this.take(this.need));
      this.need = -1;
    }
    return frames;
  }

  /** Removes and returns the first n buffered bytes, copying only when a frame spans chunks. */
  private take(n: number): Uint8Array {
    this.buffered -= n;
    const first = this.chunks[0];
    if (first !== undefined && first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = new Uint8Array(n);
    let off = 0;
    while (off < n) {
      const c = this.chunks[0]!;
      const k = Math.min(c.length, n - off);
      out.set(c.subarray(0, k), off);
      off += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    return out;
  }
}
