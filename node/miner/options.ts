/** Miner defaults (the CLI reads them from here). */
export interface MinerOptions {
  netuid: number;
  /** IP published with serve_axon (validators dial it); the chain refuses 0.0.0.0 and 127.0.0.1. */
  externalIp: string;
  /** Port published with serve_axon; defaults to the port the node listens on. */
  externalPort?: number;
  /** Register the hotkey (burned registration, signed by the coldkey) when it is not yet registered. */
  register: boolean;
  /** Publish the axon on chain at start. */
  serveAxon: boolean;
}

export const defaultMinerOptions: Omit<MinerOptions, "netuid" | "externalIp"> = {
  register: false,
  serveAxon: true,
};
