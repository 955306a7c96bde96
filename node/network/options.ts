/**
 * Defaults for the network layer, next to the code that uses them (the CLI reads them from here).
 * Sizes are bytes, durations milliseconds, stake is rao (bigint).
 */

/** Who may be served and how much: data, evaluated against the verified hotkey's chain state. */
export interface AccessOptions {
  /** Minimum stake (rao) a caller's hotkey needs to be served at all. */
  minStakeRao: bigint;
  /** Serve only hotkeys holding a validator permit on the subnet. */
  requireValidatorPermit: boolean;
  /** Hotkeys (ss58) that are never served. */
  blacklist: string[];
  /** Token bucket per hotkey: refill rate = min(maxRps, baseRps + rpsPerTao × stake in TAO). */
  baseRps: number;
  rpsPerTao: number;
  maxRps: number;
  /** Bucket capacity in seconds of refill (burst allowance). */
  burstSeconds: number;
  /** Handler calls running at once, over all peers. */
  concurrency: number;
  /** Requests waiting for a slot; when full, the lowest-priority one gets NET_BUSY. */
  queueSize: number;
  /** Bytes of request payload waiting in the queue, over all peers. */
  maxQueuedBytes: number;
  /** Requests of one peer queued or running at once. */
  maxInFlightPerPeer: number;
  /**
   * Starvation bound: a queued request gains one priority unit (one decade of stake) per this many
   * ms of waiting, so a low-stake request is not passed over forever.
   */
  agingMs: number;
}

export interface NetworkOptions {
  /** Multiaddrs to listen on. */
  listen: string[];
  /** Multiaddrs to announce instead of the listen ones (e.g. the public ip behind NAT). */
  announce: string[];
  /** Largest frame (header + payload) accepted on any plexus protocol; larger ones are refused unread. */
  maxFrameBytes: number;
  /** Largest request payload. */
  maxRequestBytes: number;
  /** Largest total response (sum of chunks) a client accepts. */
  maxResponseBytes: number;
  /** Response payloads larger than this are split into chunks of this size. */
  chunkBytes: number;
  /** A connection that has not completed the handshake within this time is closed. */
  handshakeTimeoutMs: number;
  /** Lifetime of a signed identity binding; a connection re-binds when it expires. */
  bindingTtlMs: number;
  /** Allowed clock difference between peers for request timestamps and binding expiries. */
  maxClockSkewMs: number;
  /** Request nonces remembered per connection for replay detection (sliding window). */
  replayWindow: number;
  /** Default per-request deadline a client sends. */
  requestTimeoutMs: number;
  /** Largest deadline a server honours; longer ones are cut to this. */
  maxDeadlineMs: number;
  /** A query stream with no traffic for this long is closed. */
  streamIdleTimeoutMs: number;
  /** Inbound query streams one connection may hold open. */
  maxStreamsPerConnection: number;
  /** Connections one peer id may hold open to this node. */
  maxConnectionsPerPeer: number;
  /** Connections in total. */
  maxConnections: number;
  /** Query streams a client keeps per connection and spreads requests over. */
  clientStreamsPerConnection: number;
  /** How long a cached stake/permit lookup of a peer stays valid. */
  authorityTtlMs: number;
  access: AccessOptions;
}

export const defaultAccessOptions: AccessOptions = {
  minStakeRao: 0n,
  requireValidatorPermit: false,
  blacklist: [],
  baseRps: 20,
  rpsPerTao: 1,
  maxRps: 50_000,
  burstSeconds: 2,
  concurrency: 64,
  queueSize: 1024,
  maxQueuedBytes: 64 * 1024 * 1024,
  maxInFlightPerPeer: 256,
  agingMs: 1000,
};

export const defaultNetworkOptions: NetworkOptions = {
  listen: ["/ip4/0.0.0.0/tcp/8091"],
  announce: [],
  maxFrameBytes: 1024 * 1024 + 4096,
  maxRequestBytes: 1024 * 1024,
  maxResponseBytes: 64 * 1024 * 1024,
  chunkBytes: 256 * 1024,
  handshakeTimeoutMs: 5_000,
  bindingTtlMs: 60 * 60 * 1000,
  maxClockSkewMs: 30_000,
  replayWindow: 4096,
  requestTimeoutMs: 12_000,
  maxDeadlineMs: 120_000,
  streamIdleTimeoutMs: 120_000,
  maxStreamsPerConnection: 16,
  maxConnectionsPerPeer: 4,
  maxConnections: 1024,
  clientStreamsPerConnection: 2,
  authorityTtlMs: 12_000,
  access: defaultAccessOptions,
};

/** Merges partial options over the defaults (one level deep for `access`). */
export function resolveNetworkOptions(
  partial: Partial<Omit<NetworkOptions, "access">> & {
    access?: Partial<AccessOptions>;
  } = {},
): NetworkOptions {
  const { access, ...rest } = partial;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const definedAccess = Object.fromEntries(Object.entries(access ?? {}).filter(([, v]) => v !== undefined));
  return {
    ...defaultNetworkOptions,
    ...defined,
    access: { ...defaultAccessOptions, ...definedAccess },
  };
}
