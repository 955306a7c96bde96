import "../polyfills.ts";
import type { Connection, Ed25519PrivateKey } from "@libp2p/interface";
import { multiaddr } from "@multiformats/multiaddr";
import type { Logger } from "../log/index.ts";
import { silentLogger } from "../log/index.ts";
import type { NetworkMetrics } from "../metrics/network.ts";
import { BindingError } from "./errors.ts";
import { HANDSHAKE_PROTOCOL, Handshake } from "./handshake.ts";
import { createHost, type PlexusHost } from "./host.ts";
import type { HotkeySigner, PeerAuthority } from "./identity.ts";
import { type AccessOptions, type NetworkOptions, resolveNetworkOptions } from "./options.ts";
import { QueryChannel, type RawRequestOptions, type RawResponse } from "./query/client.ts";
import { QUERY_PROTOCOL } from "./query/messages.ts";
import { type CallerInfo, QueryServer, type RawHandler } from "./query/server.ts";
import type { Route } from "./route.ts";
import { type Session, SessionTable } from "./sessions.ts";

export interface PeerNodeInit {
  signer: HotkeySigner;
  authority: PeerAuthority;
  netuid: number;
  privateKey: Ed25519PrivateKey;
  options?: Partial<Omit<NetworkOptions, "access">> & { access?: Partial<AccessOptions> };
  metrics?: NetworkMetrics | null;
  logger?: Logger;
  /** Wall clock in ms (injected for tests). */
  clock?: () => number;
}

/** A peer this node has a verified session with. */
export interface RemotePeer {
  peerId: string;
  hotkey: string;
  uid: number;
  stakeRao: bigint;
  connection: Connection;
}

export interface HandlerContext {
  caller: CallerInfo;
  signal: AbortSignal;
}

interface Link {
  connection: Connection;
  session: Session;
  channel: QueryChannel;
}

/**
 * A plexus peer: libp2p host + identity handshake + query protocol (server and client). Miners
 * serve routes, validators call them; any node can do both.
 */
export class PeerNode {
  readonly options: NetworkOptions;
  private readonly sessions: SessionTable;
  private readonly handshake: Handshake;
  private readonly server: QueryServer;
  private readonly links = new Map<string, Link>();
  private readonly connecting = new Map<string, Promise<Link>>();
  private readonly clock: () => number;
  private readonly logger: Logger;

  private constructor(
    readonly host: PlexusHost,
    private readonly init: PeerNodeInit,
  ) {
    this.options = resolveNetworkOptions(init.options);
    this.clock = init.clock ?? Date.now;
    this.logger = init.logger ?? silentLogger;
    const metrics = init.metrics ?? null;
    this.sessions = new SessionTable(this.options.replayWindow);
    this.handshake = new Handshake(
      {
        signer: init.signer,
        authority: init.authority,
        sessions: this.sessions,
        localPeerId: host.peerId.toString(),
        clock: this.clock,
        metrics,
      },
      { ...this.options, netuid: init.netuid },
    );
    this.server = new QueryServer(
      {
        sessions: this.sessions,
        authority: init.authority,
        privateKey: init.privateKey,
        clock: this.clock,
        metrics,
        logger: this.logger,
      },
      this.options,
    );
  }

  static async create(init: PeerNodeInit): Promise<PeerNode> {
    const options = resolveNetworkOptions(init.options);
    const host = await createHost({ privateKey: init.privateKey, options });
    return new PeerNode(host, init);
  }

  get peerId(): string {
    return this.host.peerId.toString();
  }

  get hotkey(): string {
    return this.init.signer.hotkey;
  }

  get netuid(): number {
    return this.init.netuid;
  }

  /** Listening addresses including the /p2p/<peer id> suffix. */
  multiaddrs(): string[] {
    return this.host.getMultiaddrs().map(String);
  }

  /** Load of the request scheduler (for metrics and tests). */
  get load(): { running: number; queued: number; queuedBytes: number } {
    return this.server.load;
  }

  async start(): Promise<void> {
    await this.host.handle(
      HANDSHAKE_PROTOCOL,
      (stream, connection) => this.handshake.handleInbound(stream, connection),
      {
        maxInboundStreams: 1,
        maxOutboundStreams: 1,
      },
    );
    await this.host.handle(
      QUERY_PROTOCOL,
      (stream, connection) => this.server.handleStream(stream, connection),
      {
        maxInboundStreams: this.options.maxStreamsPerConnection,
        maxOutboundStreams: this.options.clientStreamsPerConnection + 1,
      },
    );
    this.host.addEventListener("connection:open", (e) => this.onConnectionOpen(e.detail));
    this.host.addEventListener("connection:close", (e) => {
      this.sessions.delete(e.detail.id);
      for (const [k, link] of this.links) if (link.connection.id === e.detail.id) this.links.delete(k);
    });
    await this.host.start();
  }

  async stop(): Promise<void> {
    this.server.stop();
    for (const link of this.links.values()) link.channel.close();
    this.links.clear();
    await this.host.stop();
  }

  /** Serves a typed route; the handler gets the decoded, schema-checked request. */
  serve<Req, Res>(route: Route<Req, Res>, handler: (req: Req, ctx: HandlerContext) => Promise<Res>): void {
    this.server.route(route.name, async (payload, ctx) => {
      const req = route.decodeRequest(payload);
      return route.encodeResponse(await handler(req, { caller: ctx.caller, signal: ctx.signal }));
    });
  }

  serveRaw(name: string, handler: RawHandler): void {
    this.server.route(name, handler);
  }

  /**
   * A verified session with the peer at `addr` (a multiaddr ending in /p2p/<peer id>), reusing an
   * open connection and its session when there is one (sr25519 is paid once per connection).
   */
  async connect(
    addr: string,
    options: { expectedHotkey?: string; signal?: AbortSignal } = {},
  ): Promise<RemotePeer> {
    const link = await this.link(addr, options);
    return {
      peerId: link.session.peerId,
      hotkey: link.session.hotkey,
      uid: link.session.registration.uid,
      stakeRao: link.session.registration.stakeRao,
      connection: link.connection,
    };
  }

  async request<Req, Res>(
    addr: string,
    route: Route<Req, Res>,
    req: Req,
    options: RawRequestOptions & { expectedHotkey?: string } = {},
  ): Promise<Res> {
    const res = await this.requestRaw(addr, route.name, route.encodeRequest(req), options);
    return route.decodeResponse(res.payload);
  }

  async requestRaw(
    addr: string,
    route: string,
    payload: Uint8Array,
    options: RawRequestOptions & { expectedHotkey?: string } = {},
  ): Promise<RawResponse> {
    const link = await this.link(addr, options);
    return link.channel.request(route, payload, options);
  }

  private usable(link: Link | undefined, expectedHotkey?: string): link is Link {
    if (link === undefined || !link.channel.isOpen || this.sessions.get(link.connection.id) !== link.session)
      return false;
    if (this.expiring(link.session)) return false;
    if (expectedHotkey !== undefined && link.session.hotkey !== expectedHotkey) {
      throw new BindingError("unexpected_hotkey", "peer is bound to a different hotkey than expected", {
        expected: expectedHotkey,
        claimed: link.session.hotkey,
      });
    }
    return true;
  }

  private async link(
    addr: string,
    options: { expectedHotkey?: string; signal?: AbortSignal },
  ): Promise<Link> {
    const cached = this.links.get(addr);
    if (this.usable(cached, options.expectedHotkey)) return cached;
    let pending = this.connecting.get(addr);
    if (pending === undefined) {
      pending = this.establish(addr, options).finally(() => this.connecting.delete(addr));
      this.connecting.set(addr, pending);
    }
    const link = await pending;
    if (!this.usable(link, options.expectedHotkey)) return this.establish(addr, options);
    return link;
  }

  private async establish(
    addr: string,
    options: { expectedHotkey?: string; signal?: AbortSignal },
  ): Promise<Link> {
    const signal = AbortSignal.any([
      AbortSignal.timeout(this.options.handshakeTimeoutMs),
      ...(options.signal === undefined ? [] : [options.signal]),
    ]);
    const connection = await this.host.dial(multiaddr(addr), { signal });
    let session = this.sessions.get(connection.id);
    if (session === undefined || this.expiring(session)) {
      session = await this.handshake.initiate(connection, { expectedHotkey: options.expectedHotkey, signal });
    }
    const previous = this.links.get(addr);
    const channel =
      previous !== undefined && previous.connection.id === connection.id && previous.channel.isOpen
        ? previous.channel
        : new QueryChannel(connection, this.options, this.clock, this.init.metrics ?? null);
    const link: Link = { connection, session, channel };
    this.links.set(addr, link);
    await channel.prepare(signal);
    return link;
  }

  /** Either side's binding on this connection ends within the clock-skew margin: bind again. */
  private expiring(session: Session): boolean {
    const until = Math.min(session.expiresAt, session.localExpiresAt ?? Number.POSITIVE_INFINITY);
    return until - this.clock() < this.options.maxClockSkewMs;
  }

  private onConnectionOpen(connection: Connection): void {
    const peer = connection.remotePeer;
    if (this.host.getConnections(peer).length > this.options.maxConnectionsPerPeer) {
      this.logger.debug({ peer: peer.toString() }, "closing connection over the per-peer limit");
      connection.close().catch(() => connection.abort(new Error("per-peer connection limit")));
      return;
    }
    if (connection.direction === "inbound") {
      // An inbound connection must bind an identity soon, or it only holds resources.
      setTimeout(() => {
        if (connection.status === "open" && this.sessions.get(connection.id) === undefined) {
          connection.close().catch(() => connection.abort(new Error("no handshake")));
        }
      }, this.options.handshakeTimeoutMs).unref();
    }
  }
}
