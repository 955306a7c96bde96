import "../polyfills.ts";
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { identify } from "@libp2p/identify";
import type { Ed25519PrivateKey, Libp2p } from "@libp2p/interface";
import { ping } from "@libp2p/ping";
import { tcp } from "@libp2p/tcp";
import { createLibp2p } from "libp2p";
import { InvalidInputError } from "../../sim/errors.ts";
import type { NetworkOptions } from "./options.ts";

/**
 * The libp2p host of a plexus node: TCP, Noise (encryption and peer-id authentication), Yamux
 * (stream multiplexing), identify and ping. Nothing plexus-specific runs here; the handshake and
 * query protocols are registered on top (node/network/node.ts).
 */
export type PlexusHost = Libp2p<{ identify: ReturnType<ReturnType<typeof identify>>; ping: unknown }>;

export interface HostInit {
  privateKey: Ed25519PrivateKey;
  options: Pick<
    NetworkOptions,
    "listen" | "announce" | "maxConnections" | "handshakeTimeoutMs" | "streamIdleTimeoutMs"
  >;
}

export async function createHost(init: HostInit): Promise<PlexusHost> {
  for (const [i, addr] of [...init.options.listen, ...init.options.announce].entries()) {
    if (!addr.startsWith("/"))
      throw new InvalidInputError(`address[${i}]`, `"${addr}" is not a multiaddr`, "/ip4/1.2.3.4/tcp/8091");
  }
  const host = await createLibp2p({
    privateKey: init.privateKey,
    start: false,
    addresses: { listen: init.options.listen, announce: init.options.announce },
    transports: [
      tcp({
        inboundSocketInactivityTimeout: init.options.streamIdleTimeoutMs,
        outboundSocketInactivityTimeout: init.options.streamIdleTimeoutMs,
        maxConnections: init.options.maxConnections,
      }),
    ],
    connectionEncrypters: [noise()],
    streamMuxers: [
      yamux({
        // A larger first window lets a 1 MiB request or response go out without waiting for
        // window updates (the protocol's default is 256 KiB, i.e. extra round trips per MiB).
        streamOptions: {
          initialStreamWindowSize: 2 * 1024 * 1024,
          maxStreamWindowSize: 16 * 1024 * 1024,
          inactivityTimeout: init.options.streamIdleTimeoutMs,
        },
      }),
    ],
    connectionManager: {
      maxConnections: init.options.maxConnections,
      inboundUpgradeTimeout: init.options.handshakeTimeoutMs,
      dialTimeout: init.options.handshakeTimeoutMs,
    },
    // plexus peers find each other through the chain, not through discovery.
    peerDiscovery: [],
    services: { identify: identify(), ping: ping() },
  });
  return host as unknown as PlexusHost;
}
