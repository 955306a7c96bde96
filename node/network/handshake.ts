import type { Connection, Stream } from "@libp2p/interface";
import { z } from "zod";
import type { NetworkMetrics } from "../metrics/network.ts";
import { type Binding, signBinding, type VerifiedPeer, verifyBinding } from "./binding.ts";
import { BindingError, PeerRequestError, WireErrorCode } from "./errors.ts";
import type { HotkeySigner, PeerAuthority } from "./identity.ts";
import type { NetworkOptions } from "./options.ts";
import { QUERY_PROTOCOL } from "./query/messages.ts";
import type { Session, SessionTable } from "./sessions.ts";
import { readJsonFrame, sendJsonFrame } from "./stream-io.ts";

/**
 * /plexus/handshake/1.0.0: the dialer sends its hello (supported protocols + identity binding),
 * the listener verifies it and answers with its own, the dialer verifies that. Both sides then hold
 * a Session for the connection; the query protocol serves nothing on a connection without one.
 * Mutual (wire.md R2), once per connection (R20), re-run when the binding expires (R3).
 */
export const HANDSHAKE_PROTOCOL = "/plexus/handshake/1.0.0";
const MAX_HELLO_BYTES = 4096;
/** sr25519 verification costs ~2.4 ms; bound how many run at once so handshakes cannot starve queries. */
const MAX_CONCURRENT_HANDSHAKES = 8;

const helloSchema = z.object({
  protocols: z.array(z.string().max(64)).max(16),
  binding: z.unknown(),
});
const replySchema = z.union([
  helloSchema.extend({ ok: z.literal(true) }),
  z.object({
    ok: z.literal(false),
    code: z.string().max(64),
    reason: z.string().max(64),
    message: z.string().max(400),
  }),
]);

export interface HandshakeComponents {
  signer: HotkeySigner;
  authority: PeerAuthority;
  sessions: SessionTable;
  localPeerId: string;
  clock: () => number;
  metrics: NetworkMetrics | null;
}

export class Handshake {
  private binding: Binding | undefined;
  private signing: Promise<Binding> | undefined;
  private active = 0;

  constructor(
    private readonly c: HandshakeComponents,
    private readonly opts: Pick<NetworkOptions, "bindingTtlMs" | "maxClockSkewMs" | "handshakeTimeoutMs"> & {
      netuid: number;
    },
  ) {}

  /** This node's binding, signed once and renewed when less than a tenth of its lifetime is left. */
  async localBinding(): Promise<Binding> {
    const now = this.c.clock();
    if (this.binding !== undefined && this.binding.expiresAt - now > this.opts.bindingTtlMs / 10)
      return this.binding;
    this.signing ??= signBinding(this.c.signer, {
      peerId: this.c.localPeerId,
      netuid: this.opts.netuid,
      genesisHash: this.c.authority.genesisHash,
      expiresAt: now + this.opts.bindingTtlMs,
    }).finally(() => {
      this.signing = undefined;
    });
    this.binding = await this.signing;
    return this.binding;
  }

  private async verify(
    raw: unknown,
    connection: Connection,
    expectedHotkey?: string,
    signal?: AbortSignal,
  ): Promise<VerifiedPeer> {
    return verifyBinding(raw, {
      remotePeerId: connection.remotePeer.toString(),
      netuid: this.opts.netuid,
      authority: this.c.authority,
      now: this.c.clock(),
      maxClockSkewMs: this.opts.maxClockSkewMs,
      maxTtlMs: this.opts.bindingTtlMs,
      expectedHotkey,
      signal,
    });
  }

  /** Dialer side: runs the handshake on `connection` and records the listener's session. */
  async initiate(
    connection: Connection,
    options: { expectedHotkey?: string; signal?: AbortSignal } = {},
  ): Promise<Session> {
    const signal = AbortSignal.any([
      AbortSignal.timeout(this.opts.handshakeTimeoutMs),
      ...(options.signal ? [options.signal] : []),
    ]);
    const stream = await connection.newStream(HANDSHAKE_PROTOCOL, { signal });
    try {
      const own = await this.localBinding();
      sendJsonFrame(stream, { protocols: [QUERY_PROTOCOL], binding: own });
      const raw = await readJsonFrame(stream, {
        maxBytes: MAX_HELLO_BYTES,
        timeoutMs: this.opts.handshakeTimeoutMs,
        what: "handshake reply",
        signal,
      });
      const reply = replySchema.safeParse(raw);
      if (!reply.success) throw new BindingError("malformed", "peer sent a malformed handshake reply");
      if (!reply.data.ok) {
        this.c.metrics?.handshakeFailures.inc({ side: "outbound", reason: reply.data.reason });
        throw new PeerRequestError(
          WireErrorCode.unauthenticated,
          `peer refused the handshake: ${reply.data.message}`,
          {
            reason: reply.data.reason,
            remoteCode: reply.data.code,
          },
        );
      }
      if (!reply.data.protocols.includes(QUERY_PROTOCOL)) {
        throw new PeerRequestError(WireErrorCode.versionMismatch, `peer does not speak ${QUERY_PROTOCOL}`, {
          protocols: reply.data.protocols,
        });
      }
      const peer = await this.verify(reply.data.binding, connection, options.expectedHotkey, signal);
      const session = this.c.sessions.add(connection.id, peer, this.c.clock());
      session.localExpiresAt = own.expiresAt;
      return session;
    } catch (err) {
      if (err instanceof BindingError)
        this.c.metrics?.handshakeFailures.inc({ side: "outbound", reason: String(err.meta.reason) });
      throw err;
    } finally {
      stream.close().catch(() => stream.abort(new Error("handshake stream close failed")));
    }
  }

  /** Listener side: verifies the dialer's hello, answers with this node's binding or a typed refusal. */
  async handleInbound(stream: Stream, connection: Connection): Promise<void> {
    if (this.active >= MAX_CONCURRENT_HANDSHAKES) {
      sendJsonFrame(stream, {
        ok: false,
        code: WireErrorCode.busy,
        reason: "busy",
        message: "too many handshakes, retry",
      });
      await stream.close().catch(() => undefined);
      return;
    }
    this.active++;
    try {
      const raw = await readJsonFrame(stream, {
        maxBytes: MAX_HELLO_BYTES,
        timeoutMs: this.opts.handshakeTimeoutMs,
        what: "handshake hello",
      });
      const hello = helloSchema.safeParse(raw);
      if (!hello.success) throw new BindingError("malformed", "malformed handshake hello");
      if (!hello.data.protocols.includes(QUERY_PROTOCOL)) {
        sendJsonFrame(stream, {
          ok: false,
          code: WireErrorCode.versionMismatch,
          reason: "version_mismatch",
          message: `this node speaks ${QUERY_PROTOCOL}`,
        });
        return;
      }
      const peer = await this.verify(hello.data.binding, connection);
      this.c.sessions.add(connection.id, peer, this.c.clock());
      sendJsonFrame(stream, { ok: true, protocols: [QUERY_PROTOCOL], binding: await this.localBinding() });
    } catch (err) {
      const reason = err instanceof BindingError ? String(err.meta.reason) : "malformed";
      this.c.metrics?.handshakeFailures.inc({ side: "inbound", reason });
      const message = err instanceof BindingError ? err.message : "handshake failed";
      sendJsonFrame(stream, { ok: false, code: WireErrorCode.unauthenticated, reason, message });
    } finally {
      this.active--;
      await stream.close().catch(() => undefined);
    }
  }
}
