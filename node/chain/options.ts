/** Defaults of the chain clients; the CLI reads them from here. */
export interface ChainClientOptions {
  /** Timeout of one read (RPC call), ms. */
  readTimeoutMs: number;
  /** Timeout of a write: signing, submission and inclusion, ms. */
  txTimeoutMs: number;
  /** Connection attempts before ChainConnectionError (each with its own timeout). */
  connectAttempts: number;
  connectTimeoutMs: number;
  /** First backoff delay; doubles per attempt up to maxBackoffMs. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Mortality of signed extrinsics, blocks (the Python SDK uses 128). */
  eraPeriod: number;
  /** Where SubtensorClient reads the metagraph from (docs/chain.md, "Metagraph source"). */
  metagraphSource: "runtime-api" | "storage" | "auto";
}

export const defaultChainClientOptions: Readonly<ChainClientOptions> = Object.freeze({
  readTimeoutMs: 30_000,
  txTimeoutMs: 120_000,
  connectAttempts: 6,
  connectTimeoutMs: 10_000,
  initialBackoffMs: 250,
  maxBackoffMs: 8_000,
  eraPeriod: 128,
  metagraphSource: "auto",
});

/** Axon protocol number plexus publishes with serve_axon (the Python SDK's HTTP axon uses 4). */
export const PLEXUS_AXON_PROTOCOL = 7;
