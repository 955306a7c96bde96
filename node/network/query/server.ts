import type { Connection, PrivateKey, Stream, StreamMessageEvent } from "@libp2p/interface";
import { PlexusError } from "../../../sim/errors.ts";
import type { Logger } from "../../log/index.ts";
import type { NetworkMetrics } from "../../metrics/network.ts";
import { Admission } from "../access/admission.ts";
import { PriorityScheduler, stakePriority } from "../access/scheduler.ts";
import { PeerRequestError, WireErrorCode } from "../errors.ts";
import { FrameDecoder } from "../framing.ts";
import type { PeerAuthority } from "../identity.ts";
import type { NetworkOptions } from "../options.ts";
import type { Session, SessionTable } from "../sessions.ts";
import { FrameWriter, toBytes, waitDrain } from "../stream-io.ts";
import {
  decodeMessage,
  encodeMessage,
  FLAG_WANT_RECEIPT,
  Kind,
  peekRequestNonce,
  type RequestMsg,
  stampError,
} from "./messages.ts";
import { receiptDigest, signReceipt } from "./receipt.ts";

/** What a handler learns about its caller: only facts verified by the handshake and the chain. */
export interface CallerInfo {
  hotkey: string;
  peerId: string;
  uid: number;
  stakeRao: bigint;
  validatorPermit: boolean;
}

export interface RawHandlerContext {
  caller: CallerInfo;
  route: string;
  /** Aborted at the request's deadline, on cancel, or when the connection closes. */
  signal: AbortSignal;
}

export type RawHandler = (payload: Uint8Array, ctx: RawHandlerContext) => Promise<Uint8Array>;

export interface QueryServerComponents {
  sessions: SessionTable;
  authority: PeerAuthority;
  privateKey: PrivateKey;
  clock: () => number;
  metrics: NetworkMetrics | null;
  logger: Logger;
}

/** Malformed frames tolerated on one stream before it is reset (bounds the work a bad peer causes). */
const MAX_STRIKES = 16;
/** Frames of one stream handled per event-loop turn before yielding to other streams. */
const FRAMES_PER_TURN = 64;
/** Throttles in a row (none forgiven in between) after which the stream is reset. */
const RESET_AFTER_THROTTLES = 4;
/**
 * A stream's throttle level is forgiven only after this long without a throttle. Admitting a
 * request is not enough: a flooder is admitted at its full rate between pauses, and forgiving on
 * each admission kept it at the shortest pause forever (measured: ~40 pauses and 10k refusals/s).
 */
const FORGIVE_AFTER_MS = 1000;

interface StreamState {
  stream: Stream;
  connection: Connection;
  decoder: FrameDecoder;
  inflight: Map<number, AbortController>;
  strikes: number;
  paused: boolean;
  /** Decoded frames waiting for their turn or for a pause to end (bounded by the receive window). */
  backlog: Uint8Array[];
  drainScheduled: boolean;
  /** Throttles not yet forgiven (see FORGIVE_AFTER_MS): the pause doubles with each. */
  throttleLevel: number;
  /** When the current pause ends (clock ms); meaningful while `paused`. */
  pausedUntil: number;
  writer: FrameWriter;
}

/**
 * Serves /plexus/query/1.0.0. Pipeline per request, cheapest and authentication first (wire.md
 * R8): session bound? → timestamp fresh? → nonce unseen? → route known, size ok? → blacklist,
 * stake, rate, in-flight (Admission) → priority queue (PriorityScheduler) → handler with deadline.
 * Any refusal is an ERROR frame with a stable code; the stream and the node keep serving.
 */
export class QueryServer {
  private readonly routes = new Map<string, RawHandler>();
  private readonly admission: Admission;
  private readonly scheduler: PriorityScheduler;
  private readonly states = new Set<StreamState>();

  constructor(
    private readonly c: QueryServerComponents,
    private readonly opts: NetworkOptions,
  ) {
    this.admission = new Admission(opts.access);
    this.scheduler = new PriorityScheduler({
      concurrency: opts.access.concurrency,
      queueSize: opts.access.queueSize,
      maxQueuedBytes: opts.access.maxQueuedBytes,
      agingMs: opts.access.agingMs,
    });
  }

  route(name: string, handler: RawHandler): void {
    if (this.routes.has(name)) throw new PlexusError("NET_ROUTE_EXISTS", `route ${name} is already served`);
    this.routes.set(name, handler);
  }

  get load(): { running: number; queued: number; queuedBytes: number } {
    return this.scheduler.size;
  }

  stop(): void {
    this.scheduler.stop();
    for (const s of this.states) for (const ac of s.inflight.values()) ac.abort();
  }

  handleStream(stream: Stream, connection: Connection): void {
    const state: StreamState = {
      stream,
      connection,
      decoder: new FrameDecoder(this.opts.maxFrameBytes),
      inflight: new Map(),
      strikes: 0,
      paused: false,
      backlog: [],
      drainScheduled: false,
      throttleLevel: 0,
      pausedUntil: 0,
      writer: new FrameWriter(stream),
    };
    this.states.add(state);
    stream.addEventListener("message", (e: StreamMessageEvent) => this.onData(state, e.data));
    stream.addEventListener("remoteCloseWrite", () => {
      stream.close().catch(() => undefined);
    });
    stream.addEventListener("close", () => {
      this.states.delete(state);
      state.backlog.length = 0;
      for (const ac of state.inflight.values()) ac.abort();
    });
  }

  private onData(state: StreamState, data: StreamMessageEvent["data"]): void {
    let frames: Uint8Array[];
    try {
      frames = state.decoder.push(toBytes(data));
    } catch (err) {
      // An oversized length prefix: framing cannot resynchronise, so say why and drop the stream.
      this.refuse(state, 0, err instanceof PeerRequestError ? err : internal());
      state.writer.flush();
      state.stream.close().catch(() => undefined);
      state.stream.pause();
      setTimeout(() => state.stream.abort(new Error("oversized frame")), 100).unref();
      return;
    }
    for (const f of frames) state.backlog.push(f);
    // handled now unless a pause or an earlier burst already holds frames of this stream
    if (!state.drainScheduled && !state.paused) this.drainBacklog(state);
  }

  private scheduleDrain(state: StreamState): void {
    if (state.drainScheduled || state.paused || state.backlog.length === 0) return;
    state.drainScheduled = true;
    setImmediate(() => this.drainBacklog(state));
  }

  /**
   * Handles at most FRAMES_PER_TURN frames of one stream per event-loop turn, so a burst from one
   * peer cannot hold the loop while other peers wait. Stops while the stream is throttled: held
   * frames keep the sender's requests outstanding, which is what slows a flooder down (answering
   * them at once would free its slots for new requests).
   */
  private drainBacklog(state: StreamState): void {
    state.drainScheduled = false;
    let n = 0;
    while (n < FRAMES_PER_TURN && n < state.backlog.length && !state.paused) {
      this.onFrame(state, state.backlog[n]!);
      n++;
    }
    state.backlog.splice(0, n);
    this.scheduleDrain(state);
  }

  private onFrame(state: StreamState, frame: Uint8Array): void {
    let msg: ReturnType<typeof decodeMessage>;
    try {
      msg = decodeMessage(frame);
    } catch (err) {
      this.strike(state, err instanceof PeerRequestError ? err : internal());
      return;
    }
    if (msg.kind === Kind.cancel) {
      state.inflight.get(msg.nonce)?.abort();
      return;
    }
    if (msg.kind !== Kind.request) {
      this.strike(
        state,
        new PeerRequestError(WireErrorCode.malformed, "only REQUEST and CANCEL may be sent to a server"),
      );
      return;
    }
    const session = this.c.sessions.get(state.connection.id);
    const now = this.c.clock();
    const refusal = this.precheck(session, msg, now);
    if (refusal !== undefined) {
      this.refuse(state, msg.nonce, refusal);
      return;
    }
    if (now - session!.checkedAt > this.opts.authorityTtlMs) void this.recheck(state, session!, msg, now);
    else this.admit(state, session!, msg, now);
  }

  /** Synchronous checks that need no chain data; returns the refusal, if any. */
  private precheck(session: Session | undefined, msg: RequestMsg, now: number): Refusal | undefined {
    if (session === undefined) {
      return refusal(
        WireErrorCode.unauthenticated,
        "connection has no verified identity; run the handshake first",
      );
    }
    if (session.expiresAt + this.opts.maxClockSkewMs < now) {
      return refusal(WireErrorCode.unauthenticated, "identity binding expired; handshake again");
    }
    if (Math.abs(now - msg.timestamp) > this.opts.maxClockSkewMs) {
      return refusal(
        WireErrorCode.stale,
        `request timestamp is ${now - msg.timestamp} ms off this node's clock (limit ${this.opts.maxClockSkewMs} ms)`,
      );
    }
    const replay = session.replay.check(msg.nonce);
    if (replay !== "ok") {
      return refusal(WireErrorCode.replay, `request nonce ${msg.nonce} was refused (${replay})`);
    }
    if (!this.routes.has(msg.route)) {
      return refusal(WireErrorCode.unknownRoute, `route "${msg.route}" is not served here`);
    }
    if (msg.payload.length > this.opts.maxRequestBytes) {
      return refusal(WireErrorCode.tooLarge, `request payload exceeds ${this.opts.maxRequestBytes} bytes`);
    }
    if (msg.deadlineMs === 0 || msg.timestamp + msg.deadlineMs <= now) {
      return refusal(WireErrorCode.deadlineExceeded, "request deadline already passed");
    }
    return undefined;
  }

  /** R3: a deregistered hotkey loses access within one refresh interval of the authority. */
  private async recheck(state: StreamState, session: Session, msg: RequestMsg, now: number): Promise<void> {
    const reg = await this.c.authority
      .lookup(session.netuid, session.hotkey)
      .catch(() => session.registration);
    if (reg === undefined) {
      this.c.sessions.delete(state.connection.id);
      this.refuse(state, msg.nonce, refusal(WireErrorCode.unauthenticated, "hotkey is no longer registered"));
      return;
    }
    session.registration = reg;
    session.checkedAt = now;
    this.admit(state, session, msg, now);
  }

  /** Synchronous on the common path: no promise per request unless the authority is re-read. */
  private admit(state: StreamState, session: Session, msg: RequestMsg, now: number): void {
    const verdict = this.admission.check(session.hotkey, session.registration, now);
    if (!verdict.ok) {
      this.refuse(state, msg.nonce, refusal(verdict.code, verdict.message), verdict.retryAfterMs);
      if (verdict.code === WireErrorCode.rateLimited) this.throttle(state, verdict.retryAfterMs);
      return;
    }
    const hotkey = session.hotkey;
    this.admission.begin(hotkey);
    this.c.metrics?.bytesIn.inc(msg.payload.length);
    const ac = new AbortController();
    state.inflight.set(msg.nonce, ac);
    const deadline = Math.min(msg.deadlineMs, this.opts.maxDeadlineMs) - (now - msg.timestamp);
    const timer = setTimeout(() => ac.abort(), Math.max(1, deadline));
    const finish = (): void => {
      clearTimeout(timer);
      state.inflight.delete(msg.nonce);
      this.admission.end(hotkey);
    };
    this.scheduler.submit({
      priority: stakePriority(session.registration.stakeRao),
      bytes: msg.payload.length,
      run: () => this.run(state, session, msg, ac.signal).finally(finish),
      reject: (why) => {
        finish();
        this.refuse(
          state,
          msg.nonce,
          refusal(WireErrorCode.busy, why === "busy" ? "node is busy; retry later" : "node is stopping"),
          100,
        );
      },
    });
  }

  private async run(
    state: StreamState,
    session: Session,
    msg: RequestMsg,
    signal: AbortSignal,
  ): Promise<void> {
    const handler = this.routes.get(msg.route)!;
    const started = performance.now();
    let result: Uint8Array;
    try {
      if (signal.aborted)
        throw new PeerRequestError(WireErrorCode.deadlineExceeded, "deadline passed while queued");
      result = await handler(msg.payload, {
        route: msg.route,
        signal,
        caller: {
          hotkey: session.hotkey,
          peerId: session.peerId,
          uid: session.registration.uid,
          stakeRao: session.registration.stakeRao,
          validatorPermit: session.registration.validatorPermit,
        },
      });
      if (signal.aborted)
        throw new PeerRequestError(WireErrorCode.deadlineExceeded, "handler finished after the deadline");
    } catch (err) {
      const e = toWireError(err, signal);
      this.c.metrics?.requests.inc({ route: msg.route, result: e.code });
      if (e.code === WireErrorCode.internal)
        this.c.logger.warn({ route: msg.route, err: String(err) }, "handler failed");
      this.refuse(state, msg.nonce, e);
      return;
    }
    this.c.metrics?.latency.observe({ route: msg.route }, (performance.now() - started) / 1000);
    this.c.metrics?.requests.inc({ route: msg.route, result: "ok" });
    this.c.metrics?.bytesOut.inc(result.length);
    await this.respond(state, msg, result, signal);
  }

  /** Sends the response, chunked; waits for the reader between chunks so a slow peer costs no memory. */
  private async respond(
    state: StreamState,
    msg: RequestMsg,
    result: Uint8Array,
    signal: AbortSignal,
  ): Promise<void> {
    const { stream } = state;
    const step = this.opts.chunkBytes;
    let off = 0;
    while (result.length - off > step) {
      const [head, body] = encodeMessage({
        kind: Kind.chunk,
        nonce: msg.nonce,
        payload: result.subarray(off, off + step),
      });
      off += step;
      if (!state.writer.write(head, body)) {
        try {
          await waitDrain(stream, this.opts.streamIdleTimeoutMs, signal);
        } catch {
          return; // reader too slow or gone; the deadline or the close already told the client
        }
      }
    }
    let receipt: Uint8Array = new Uint8Array(0);
    if ((msg.flags & FLAG_WANT_RECEIPT) !== 0) {
      const digest = receiptDigest({
        route: msg.route,
        nonce: msg.nonce,
        requesterPeerId: state.connection.remotePeer.toString(),
        request: msg.payload,
        response: result,
      });
      receipt = await signReceipt(this.c.privateKey, digest);
    }
    const [head, body] = encodeMessage({
      kind: Kind.end,
      nonce: msg.nonce,
      receipt,
      payload: result.subarray(off),
    });
    state.writer.write(head, body);
  }

  /**
   * Stops reading a rate-limited stream for a while. Yamux flow control then stops
   * the sender once its window is full, so a flooding peer costs bounded CPU and memory instead
   * of one refusal per frame.
   */
  private throttle(state: StreamState, retryAfterMs: number): void {
    if (state.paused) return;
    const now = this.c.clock();
    if (now - state.pausedUntil > FORGIVE_AFTER_MS) state.throttleLevel = 0;
    if (state.throttleLevel >= RESET_AFTER_THROTTLES) {
      // Still flooding after several pauses: refuse the held requests from their nonces alone (no
      // decoding, replay or admission work: nothing runs for them), then drop the stream and
      // whatever it buffered unread.
      for (const frame of state.backlog) {
        const nonce = peekRequestNonce(frame);
        if (nonce === undefined) continue;
        this.c.metrics?.rejects.inc({ code: WireErrorCode.rateLimited });
        state.writer.write(stampError(THROTTLED_REFUSAL, nonce, 1000));
      }
      state.backlog.length = 0;
      state.paused = true;
      state.stream.pause();
      state.writer.flush();
      state.stream.close().catch(() => undefined);
      setTimeout(
        () =>
          state.stream.abort(
            new PeerRequestError(WireErrorCode.rateLimited, "persistently over the rate limit"),
          ),
        100,
      ).unref();
      return;
    }
    state.paused = true;
    state.stream.pause();
    // A peer that keeps sending while limited is paused longer each time (25 ms, 50 ms, … 1 s).
    const backoff = 25 * 2 ** Math.min(6, state.throttleLevel++);
    const pauseMs = Math.min(1000, Math.max(retryAfterMs, backoff));
    state.pausedUntil = now + pauseMs;
    setTimeout(() => {
      state.paused = false;
      if (state.stream.status === "open") state.stream.resume();
      this.scheduleDrain(state);
    }, pauseMs).unref();
  }

  private strike(state: StreamState, err: PeerRequestError): void {
    this.refuse(state, 0, err);
    if (++state.strikes >= MAX_STRIKES) state.stream.abort(new Error("too many malformed frames"));
  }

  private refuse(state: StreamState, nonce: number, err: Refusal, retryAfterMs = 0): void {
    this.c.metrics?.rejects.inc({ code: err.code });
    const [head] = encodeMessage({
      kind: Kind.error,
      nonce,
      code: err.code,
      message: err.message,
      retryAfterMs,
    });
    state.writer.write(head);
  }
}

/** The refusal of a request that reached a throttled stream; stamped with nonce and retry-after. */
const [THROTTLED_REFUSAL] = encodeMessage({
  kind: Kind.error,
  nonce: 0,
  code: WireErrorCode.rateLimited,
  message: "stream is throttled for exceeding the rate limit; retry later",
  retryAfterMs: 0,
});

/** A refusal sent to a peer: code and message only (no Error object, no stack capture). */
interface Refusal {
  code: WireErrorCode;
  message: string;
}

function refusal(code: WireErrorCode, message: string): Refusal {
  return { code, message };
}

function internal(): PeerRequestError {
  return new PeerRequestError(WireErrorCode.internal, "internal error");
}

/** Maps a handler failure to a wire error; never leaks stack traces or foreign messages (R18). */
function toWireError(err: unknown, signal: AbortSignal): PeerRequestError {
  if (err instanceof PeerRequestError) return err;
  if (signal.aborted) return new PeerRequestError(WireErrorCode.deadlineExceeded, "deadline exceeded");
  if (err instanceof PlexusError && err.code.startsWith("INPUT_")) {
    return new PeerRequestError(WireErrorCode.invalidRequest, err.message);
  }
  return internal();
}
