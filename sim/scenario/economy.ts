/**
 * The balances side of a scenario, as the scenario world uses it: block emission and halving,
 * the subnet split, AMM pools, staking and registration burns. `sim/scenario/chain.ts` implements
 * it over `sim/emission`; tests may pass a small double. Amounts are rao (bigint).
 */
export interface PoolView {
  taoReserve: bigint;
  alphaIn: bigint;
  alphaOut: bigint;
  /** Spot price, TAO per alpha. */
  price: number;
  /** EMA price used for the emission split. */
  movingPrice: number;
  /** Current neuron registration burn, rao. */
  burn: bigint;
  /** TAO emitted into this subnet so far, rao. */
  taoEmitted: bigint;
}

/** What one hotkey receives from an epoch, in alpha rao. */
export interface EpochPayout {
  hotkey: string;
  server: bigint;
  validator: bigint;
}

/** Called by the economy when a subnet's epoch fires: the alpha to distribute, the block. */
export type EpochHook = (netuid: number, rao: bigint, block: number) => EpochPayout[];

export interface SubnetInit {
  netuid: number;
  tempo: number;
  taoReserve: bigint;
  alphaIn: bigint;
  alphaOut: bigint;
  /** Starting EMA price (TAO per alpha). */
  movingPrice: number;
  emissionEnabled: boolean;
  burn: bigint;
  maxUids: number;
  immunityPeriod: number;
  /** Hotkeys registered at the start, in uid order (each owned by a coldkey of the same name). */
  neurons: string[];
}

export interface EconomyInit {
  totalIssuance: bigint;
  rootTao: bigint;
  taoWeight: number;
  subnets: SubnetInit[];
  /** Alpha already staked at the start: counted in the pools' alpha_out. */
  stakes: Array<{ netuid: number; hotkey: string; coldkey: string; alpha: bigint }>;
}

export interface Economy {
  /** The last block stepped (0 before the first). */
  readonly block: number;
  readonly totalIssuance: bigint;
  /** TAO minted in the last block, rao. */
  readonly lastBlockEmission: bigint;
  pool(netuid: number): PoolView;
  stakeOf(netuid: number, hotkey: string, coldkey: string): bigint;
  /** Buys alpha with `tao` rao for (hotkey, coldkey); returns the alpha credited, or 0n if refused. */
  addStake(netuid: number, hotkey: string, coldkey: string, tao: bigint): bigint;
  /** Sells `alpha` of (hotkey, coldkey); returns the TAO received, or 0n if refused. */
  removeStake(netuid: number, hotkey: string, coldkey: string, alpha: bigint): bigint;
  /**
   * Pays the current burn to register `hotkey` (its own coldkey); returns the uid it got (a new
   * one, or the pruned neuron's) and the burn paid, or null if the chain refuses.
   */
  burnRegister(netuid: number, hotkey: string): { uid: number; burn: bigint } | null;
  /** Runs one block: emission, injection, epochs through `hook`, moving prices. */
  step(hook: EpochHook): void;
  /** A JSON-safe copy of the whole state (for checkpoints). */
  snapshot(): unknown;
}

/** Builds a fresh economy or restores one from `snapshot()` output. */
export interface EconomyFactory {
  create(init: EconomyInit): Economy;
  restore(snapshot: unknown): Economy;
}
