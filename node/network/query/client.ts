import type { Connection, Stream, StreamMessageEvent } from "@libp2p/interface";
import type { NetworkMetrics } from "../../metrics/network.ts";
import { ConnectionClosedError, NetAbortError, PeerRequestError, WireErrorCode } from "../errors.ts";
import { FrameDecoder } from "../framing.ts";
import type { NetworkOptions } from "../options.ts";
import { FrameWriter, toBytes } from "../stream-io.ts";
import { decodeMessage, encodeMessage, FLAG_WANT_RECEIPT, Kind, QUERY_PROTOCOL } from "./messages.ts";

export interface RawRequestOptions {
  /** Deadline sent to the server and enforced here; default `requestTimeoutMs`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Ask the server for a signed receipt of its answer (see receipt.ts). */
  wantReceipt?: boolean;
  /** Called with each response piece as it arrives (streaming); the full payload is still returned. */
  onChunk?: (chunk: Uint8Array) => void;
}

export interface RawResponse {
  payload: Uint8Array;
  /** Ed25519 signature by the server's peer key, when requested. */
  receipt?: Uint8Array;
  nonce: number;
}

interface Pending {
  route: string;
  chunks: Uint8Array[];
  bytes: number;
  resolve: (r: RawResponse) => void;
  reject: (e: Error) => void;
  onChunk?: (chunk: Uint8Array) => void;
  cleanup: () => void;
  lane: Lane;
}

interface Lane {
  stream: Stream;
  writer: FrameWriter;
  decoder: FrameDecoder;
  pending: number;
}

/**
 * Client side of /plexus/query/1.0.0 for one connection: a few long-lived streams (lanes) over
 * which requests are pipelined and matched to responses by nonce. Opening a stream per request
 * was the dominant cost in measurements, so streams are reused for the connection's lifetime.
 */
export class QueryChannel {
  private readonly lanes: Lane[] = [];
  private opening: Promise<Lane> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextNonce = 1;
  private closed = false;

  constructor(
    readonly connection: Connection,
    private readonly opts: Pick<
      NetworkOptions,
      | "maxFrameBytes"
      | "maxRequestBytes"
      | "maxResponseBytes"
      | "clientStreamsPerConnection"
      | "requestTimeoutMs"
    >,
    private readonly clock: () => number,
    private readonly metrics: NetworkMetrics | null,
  ) {}

  get isOpen(): boolean {
    return !this.closed && this.connection.status === "open";
  }

  async request(route: string, payload: Uint8Array, options: RawRequestOptions = {}): Promise<RawResponse> {
    if (payload.length > this.opts.maxRequestBytes) {
      throw new PeerRequestError(
        WireErrorCode.tooLarge,
        `request payload of ${payload.length} bytes exceeds ${this.opts.maxRequestBytes}`,
      );
    }
    if (options.signal?.aborted) throw new NetAbortError(`request ${route}`);
    const timeoutMs = options.timeoutMs ?? this.opts.requestTimeoutMs;
    const lane = await this.pickLane(options.signal);
    if (options.signal?.aborted) throw new NetAbortError(`request ${route}`);
    const nonce = this.nextNonce++;
    let resolve!: (r: RawResponse) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<RawResponse>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const onAbort = (): void => {
      this.fail(nonce, new NetAbortError(`request ${route}`));
      this.cancel(lane, nonce);
    };
    const timer = setTimeout(() => {
      this.fail(
        nonce,
        new PeerRequestError(WireErrorCode.deadlineExceeded, `no answer within ${timeoutMs} ms`),
      );
      this.cancel(lane, nonce);
    }, timeoutMs);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    this.pending.set(nonce, {
      route,
      chunks: [],
      bytes: 0,
      resolve,
      reject,
      onChunk: options.onChunk,
      lane,
      cleanup: () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      },
    });
    lane.pending++;
    const [head, body] = encodeMessage({
      kind: Kind.request,
      flags: options.wantReceipt ? FLAG_WANT_RECEIPT : 0,
      nonce,
      timestamp: this.clock(),
      deadlineMs: timeoutMs,
      route,
      payload,
    });
    lane.writer.write(head, body);
    return promise;
  }

  /**
   * Opens the first lane now, so the first request on a fresh connection does not pay the stream
   * negotiation (a validator connects ahead of its query rounds). Best effort: a failure here only
   * means the first request opens the lane itself.
   */
  prepare(signal?: AbortSignal): Promise<void> {
    if (this.lanes.length > 0) return Promise.resolve();
    return this.pickLane(signal).then(
      () => undefined,
      () => undefined,
    );
  }

  close(): void {
    this.closed = true;
    for (const lane of this.lanes) lane.stream.close().catch(() => undefined);
  }

  private cancel(lane: Lane, nonce: number): void {
    const [head] = encodeMessage({ kind: Kind.cancel, nonce });
    lane.writer.write(head);
  }

  private fail(nonce: number, err: Error): void {
    const p = this.pending.get(nonce);
    if (p === undefined) return;
    this.pending.delete(nonce);
    p.lane.pending--;
    p.cleanup();
    this.metrics?.clientRequests.inc({
      route: p.route,
      result: err instanceof PeerRequestError ? err.code : err.name,
    });
    p.reject(err);
  }

  /** The least-loaded lane; opens another while fewer than `clientStreamsPerConnection` exist. */
  private async pickLane(signal?: AbortSignal): Promise<Lane> {
    if (this.closed) throw new ConnectionClosedError(this.connection.remotePeer.toString());
    let best: Lane | undefined;
    for (const l of this.lanes) if (best === undefined || l.pending < best.pending) best = l;
    if (
      best !== undefined &&
      (best.pending === 0 || this.lanes.length >= this.opts.clientStreamsPerConnection)
    )
      return best;
    if (this.opening === undefined) {
      this.opening = this.openLane(signal).finally(() => {
        this.opening = undefined;
      });
      // with a lane already usable nobody awaits the extra one: its failure is not an error
      this.opening.catch(() => undefined);
    }
    return best ?? this.opening;
  }

  private async openLane(signal?: AbortSignal): Promise<Lane> {
    const stream = await this.connection.newStream(QUERY_PROTOCOL, { signal });
    const lane: Lane = {
      stream,
      writer: new FrameWriter(stream),
      decoder: new FrameDecoder(this.opts.maxFrameBytes),
      pending: 0,
    };
    stream.addEventListener("message", (e: StreamMessageEvent) => this.onData(lane, e.data));
    stream.addEventListener("close", () => {
      const i = this.lanes.indexOf(lane);
      if (i >= 0) this.lanes.splice(i, 1);
      for (const [nonce, p] of this.pending) {
        if (p.lane === lane)
          this.fail(nonce, new ConnectionClosedError(this.connection.remotePeer.toString()));
      }
    });
    this.lanes.push(lane);
    return lane;
  }

  private onData(lane: Lane, data: StreamMessageEvent["data"]): void {
    let frames: Uint8Array[];
    try {
      frames = lane.decoder.push(toBytes(data));
    } catch {
      lane.stream.abort(new Error("server sent an oversized frame"));
      return;
    }
    for (const frame of frames) {
      let msg: ReturnType<typeof decodeMessage>;
      try {
        msg = decodeMessage(frame);
      } catch {
        continue; // a broken frame from the server: the matching request times out
      }
      if (msg.kind === Kind.error) {
        if (msg.nonce === 0) continue; // a refusal not tied to one of our requests
        this.fail(
          msg.nonce,
          new PeerRequestError(msg.code, msg.message, { retryAfterMs: msg.retryAfterMs, remote: true }),
        );
        continue;
      }
      if (msg.kind !== Kind.chunk && msg.kind !== Kind.end) continue;
      const p = this.pending.get(msg.nonce);
      if (p === undefined) continue; // late answer to a request we gave up on
      p.bytes += msg.payload.length;
      if (p.bytes > this.opts.maxResponseBytes) {
        this.fail(
          msg.nonce,
          new PeerRequestError(
            WireErrorCode.tooLarge,
            `response exceeds ${this.opts.maxResponseBytes} bytes`,
          ),
        );
        this.cancel(lane, msg.nonce);
        continue;
      }
      p.onChunk?.(msg.payload);
      if (msg.kind === Kind.chunk) {
        p.chunks.push(msg.payload);
        continue;
      }
      this.pending.delete(msg.nonce);
      lane.pending--;
      p.cleanup();
      this.metrics?.clientRequests.inc({ route: p.route, result: "ok" });
      p.resolve({
        payload: p.chunks.length === 0 ? msg.payload : concat([...p.chunks, msg.payload], p.bytes),
        receipt: msg.receipt.length > 0 ? msg.receipt.slice() : undefined,
        nonce: msg.nonce,
      });
    }
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
