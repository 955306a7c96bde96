import { PlexusError } from "../../sim/errors.ts";
import { PLEXUS_AXON_PROTOCOL } from "../chain/options.ts";
import type { ChainClient, ChainSigner } from "../chain/types.ts";
import type { Logger } from "../log/index.ts";
import { silentLogger } from "../log/index.ts";
import type { PeerNode } from "../network/node.ts";
import { type SubnetWireSpec, subnetRoute } from "../network/subnet-route.ts";
import { defaultMinerOptions, type MinerOptions } from "./options.ts";

/** Answers one query (a subnet's MinerHandler, or a stand-in in tests and the localnet). */
export interface QueryHandler<Q, R> {
  handle(query: Q, options?: { signal?: AbortSignal }): Promise<R>;
  close(): Promise<void>;
}

export interface MinerComponents<Q, R> {
  chain: ChainClient;
  node: PeerNode;
  subnet: SubnetWireSpec<Q, R>;
  handler: QueryHandler<Q, R>;
  /** The hotkey keypair: signs serve_axon. */
  hotkey: ChainSigner;
  /** Signs the burned registration when `register` is set. */
  coldkey?: ChainSigner;
  logger?: Logger;
}

export class MinerNotRegisteredError extends PlexusError {
  constructor(hotkey: string, netuid: number) {
    super(
      "MINER_NOT_REGISTERED",
      `hotkey ${hotkey} is not registered on subnet ${netuid}; register it or pass --register`,
      {
        meta: { hotkey, netuid },
      },
    );
    this.name = "MinerNotRegisteredError";
  }
}

/**
 * A miner: makes sure its hotkey is registered, publishes its address with serve_axon (protocol
 * PLEXUS_AXON_PROTOCOL, so stock dendrites do not call it), and serves the subnet's query route.
 * Admission, priority and limits are the network layer's (node/network/options.ts).
 */
export class Miner<Q, R> {
  private constructor(
    private readonly c: MinerComponents<Q, R>,
    readonly options: MinerOptions,
    readonly uid: number,
  ) {}

  static async start<Q, R>(
    c: MinerComponents<Q, R>,
    options: Partial<MinerOptions> & { netuid: number; externalIp: string },
    signal?: AbortSignal,
  ): Promise<Miner<Q, R>> {
    const opts: MinerOptions = { ...defaultMinerOptions, ...options };
    const logger = c.logger ?? silentLogger;
    let uid = await c.chain.uidOf(opts.netuid, c.hotkey.address, { signal });
    if (uid === null) {
      if (!opts.register || c.coldkey === undefined)
        throw new MinerNotRegisteredError(c.hotkey.address, opts.netuid);
      uid = (
        await c.chain.burnedRegister(c.coldkey, { netuid: opts.netuid, hotkey: c.hotkey.address }, { signal })
      ).uid;
      logger.info({ netuid: opts.netuid, uid }, "registered");
    }
    const route = subnetRoute(c.subnet);
    c.node.serve(route, (query, ctx) => c.handler.handle(query, { signal: ctx.signal }));
    if (opts.serveAxon) {
      const port = opts.externalPort ?? listenPort(c.node);
      await c.chain.serveAxon(
        c.hotkey,
        { netuid: opts.netuid, ip: opts.externalIp, port, protocol: PLEXUS_AXON_PROTOCOL },
        { signal },
      );
      logger.info({ netuid: opts.netuid, ip: opts.externalIp, port, route: route.name }, "axon served");
    }
    return new Miner(c, opts, uid);
  }

  async stop(): Promise<void> {
    await this.c.handler.close();
  }
}

function listenPort(node: PeerNode): number {
  for (const a of node.multiaddrs()) {
    const m = /\/tcp\/(\d+)/.exec(a);
    if (m !== null) return Number(m[1]);
  }
  throw new PlexusError("MINER_NO_LISTEN_PORT", "the node listens on no TCP port; set --port");
}
