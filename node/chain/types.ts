import type { IKeyringPair } from "@polkadot/types/types";

/**
 * The chain as plexus nodes see it. Two adapters implement it: `SubtensorClient` (a real subtensor
 * node over WebSocket JSON-RPC) and `SimChain` (in-memory, in-process). Code written against this
 * interface behaves the same on both; the shared contract tests (test/helpers/chain-contract.ts)
 * hold both to it.
 *
 * Units: balances and stake are bigint rao (TAO and alpha both 1e9 base units; never mixed), u16
 * values (weights, incentive, dividends) are numbers 0..65535, blocks are numbers.
 */
export interface ChainClient {
  readonly adapter: ChainAdapterName;
  /** Opens the connection (with retries and exponential backoff). Idempotent. */
  connect(opts?: CallOptions): Promise<void>;
  disconnect(): Promise<void>;

  info(opts?: CallOptions): Promise<ChainInfo>;
  currentBlock(opts?: CallOptions): Promise<number>;
  /** Calls `onBlock` with each new best block number; returns the unsubscribe function. */
  subscribeBlocks(onBlock: (block: number) => void): () => void;
  /** Resolves once the best block is ≥ `block`. */
  waitForBlock(block: number, opts?: CallOptions): Promise<number>;

  balance(address: string, opts?: CallOptions): Promise<bigint>;
  subnets(opts?: CallOptions): Promise<number[]>;
  hyperparameters(netuid: number, opts?: CallOptions): Promise<SubnetHyperparameters>;
  metagraph(netuid: number, opts?: MetagraphOptions): Promise<Metagraph>;
  /** Alpha staked by `coldkey` on `hotkey` in `netuid`, rao. */
  stakeOf(params: { hotkey: string; coldkey: string; netuid: number }, opts?: CallOptions): Promise<bigint>;
  uidOf(netuid: number, hotkey: string, opts?: CallOptions): Promise<number | null>;

  transfer(signer: ChainSigner, params: TransferParams, opts?: TxOptions): Promise<TxReceipt>;
  registerNetwork(
    signer: ChainSigner,
    params: { hotkey: string },
    opts?: TxOptions,
  ): Promise<TxReceipt & { netuid: number }>;
  /** Owner-only: lets a new subnet emit (after DurationOfStartCall blocks). */
  startCall(signer: ChainSigner, params: { netuid: number }, opts?: TxOptions): Promise<TxReceipt>;
  burnedRegister(
    signer: ChainSigner,
    params: { netuid: number; hotkey: string },
    opts?: TxOptions,
  ): Promise<TxReceipt & { uid: number }>;
  /** Signed by the hotkey. */
  serveAxon(signer: ChainSigner, params: ServeParams, opts?: TxOptions): Promise<TxReceipt>;
  addStake(
    signer: ChainSigner,
    params: { hotkey: string; netuid: number; amountRao: bigint },
    opts?: TxOptions,
  ): Promise<TxReceipt>;
  /** `amountAlpha` in alpha rao. */
  removeStake(
    signer: ChainSigner,
    params: { hotkey: string; netuid: number; amountAlpha: bigint },
    opts?: TxOptions,
  ): Promise<TxReceipt>;
  moveStake(signer: ChainSigner, params: MoveStakeParams, opts?: TxOptions): Promise<TxReceipt>;
  /** Signed by the hotkey. `weights` are u16 values (see node/chain/weights.ts to convert floats). */
  setWeights(signer: ChainSigner, params: SetWeightsParams, opts?: TxOptions): Promise<TxReceipt>;
  /** Hash commit-reveal v2: `commitHash` from node/chain/commit-hash.ts. */
  commitWeights(
    signer: ChainSigner,
    params: { netuid: number; commitHash: `0x${string}` },
    opts?: TxOptions,
  ): Promise<TxReceipt>;
  revealWeights(signer: ChainSigner, params: RevealWeightsParams, opts?: TxOptions): Promise<TxReceipt>;
  /** Drand-timelocked commit (CR v3/v4): not implemented (needs tlock encryption); always throws NotImplementedError. */
  commitTimelockedWeights(
    signer: ChainSigner,
    params: SetWeightsParams,
    opts?: TxOptions,
  ): Promise<TxReceipt>;
  /** Root-only hyperparameter change (sudo + AdminUtils): for local/test chains. */
  sudoSetHyperparameter(
    signer: ChainSigner,
    params: SudoHyperparameterParams,
    opts?: TxOptions,
  ): Promise<TxReceipt>;
}

export type ChainAdapterName = "subtensor" | "sim";

/** A sr25519 keypair (polkadot-js `KeyringPair` or a node/wallet key). SimChain only reads `address`. */
export type ChainSigner = IKeyringPair;

export interface CallOptions {
  signal?: AbortSignal;
  /** Defaults per call kind in node/chain/options.ts. */
  timeoutMs?: number;
}

export interface TxOptions extends CallOptions {}

export interface MetagraphOptions extends CallOptions {
  /** Also read the weight rows (one extra call). */
  weights?: boolean;
  /** Also read the bond rows (one extra call). */
  bonds?: boolean;
}

export interface ChainInfo {
  adapter: ChainAdapterName;
  specName: string;
  specVersion: number;
  transactionVersion: number;
  genesisHash: string;
  block: number;
  ss58Prefix: number;
  tokenDecimals: number;
}

export interface TxReceipt {
  /** Extrinsic hash (sim: a deterministic hash of the call). */
  txHash: string;
  blockHash: string;
  blockNumber: number;
  events: ChainEvent[];
}

export interface ChainEvent {
  section: string;
  method: string;
  data: unknown[];
}

export interface TransferParams {
  dest: string;
  amountRao: bigint;
  /** Refuse to reap the sender (transfer_keep_alive). Default true. */
  keepAlive?: boolean;
}

export interface ServeParams {
  netuid: number;
  /** IPv4 dotted or IPv6 text. */
  ip: string;
  port: number;
  /** Axon protocol number: 4 = the Python SDK's HTTP axon; plexus uses PLEXUS_AXON_PROTOCOL. */
  protocol?: number;
  version?: number;
}

export interface MoveStakeParams {
  originHotkey: string;
  destinationHotkey: string;
  originNetuid: number;
  destinationNetuid: number;
  amountAlpha: bigint;
}

export interface SetWeightsParams {
  netuid: number;
  uids: number[];
  /** u16 values, same length as `uids`. */
  weights: number[];
  versionKey?: bigint;
}

export interface RevealWeightsParams extends SetWeightsParams {
  salt: number[];
}

export type SettableHyperparameter =
  | "commitRevealWeightsEnabled"
  | "weightsSetRateLimit"
  | "tempo"
  | "minAllowedWeights"
  | "maxWeightsLimit"
  | "servingRateLimit"
  | "stakeThreshold"
  | "networkRateLimit"
  | "targetRegistrationsPerInterval"
  | "maxRegistrationsPerBlock";

export interface SudoHyperparameterParams {
  /** Ignored for the global ones (stakeThreshold, networkRateLimit). */
  netuid: number;
  name: SettableHyperparameter;
  value: bigint | number | boolean;
}

export interface SubnetHyperparameters {
  netuid: number;
  tempo: number;
  rho: number;
  kappa: number;
  immunityPeriod: number;
  minAllowedWeights: number;
  maxWeightsLimit: number;
  weightsVersion: bigint;
  weightsRateLimit: bigint;
  activityCutoff: number;
  maxValidators: number;
  maxUids: number;
  burn: bigint;
  servingRateLimit: bigint;
  commitRevealEnabled: boolean;
  commitRevealPeriod: bigint;
  registrationAllowed: boolean;
  bondsMovingAverage: bigint;
  liquidAlphaEnabled: boolean;
}

export interface AxonInfo {
  block: bigint;
  version: number;
  /** Text form (dotted IPv4 or IPv6). */
  ip: string;
  ipType: 4 | 6;
  port: number;
  protocol: number;
}

/** One subnet's state, every per-uid array indexed by uid (length n). */
export interface Metagraph {
  netuid: number;
  /** Block the snapshot was read at. */
  block: number;
  n: number;
  tempo: number;
  hotkeys: string[];
  coldkeys: string[];
  /** rao of alpha. */
  alphaStake: bigint[];
  /** rao of TAO (root stake). */
  taoStake: bigint[];
  /** As the runtime reports it (alpha + weighted TAO), rao. */
  totalStake: bigint[];
  validatorPermit: boolean[];
  active: boolean[];
  lastUpdate: bigint[];
  incentive: number[];
  dividends: number[];
  consensus: number[];
  /** Alpha rao per uid from the last epoch. */
  emission: bigint[];
  /** null where the hotkey never served. */
  axons: Array<AxonInfo | null>;
  /** Present when asked: stored rows of (uid, u16), max-upscaled by the chain. */
  weights?: Array<Array<[number, number]>>;
  bonds?: Array<Array<[number, number]>>;
}
