import type { Rng } from "../rng.ts";

/**
 * What a validator can see when it sets weights: public chain state (last consensus, its own last
 * weights) and, through its own noisy evaluation, the miners' true quality. Strategies are pure
 * functions of this view and the agent's random stream.
 */
export interface ValidatorView {
  block: number;
  /** Epochs of this subnet run so far. */
  epoch: number;
  /** This validator's uid. */
  uid: number;
  /** Number of uids on the subnet. */
  n: number;
  /** True quality per uid (0 for non-miners). Honest strategies only read it through noise. */
  quality: readonly number[];
  /** Whether a uid is a miner (validators do not weight each other). */
  isMiner: readonly boolean[];
  /** Consensus per uid from the last epoch (public on chain), all 0 before the first epoch. */
  consensus: readonly number[];
  /** uids that belong to this validator's cabal once it acts as one; empty otherwise. */
  cabal: readonly number[];
  /** This validator's weights from its last update, or null if it never set any. */
  lastWeights: readonly number[] | null;
  /** Epochs since this validator last set weights. */
  epochsSinceSet: number;
}

/** A weight-setting strategy: returns weights per uid (any non-negative scale) or null to skip. */
export type WeightStrategy<P> = (view: ValidatorView, params: P, rng: Rng) => number[] | null;

/** What a market participant sees: the pool it trades in and its own position. */
export interface MarketView {
  block: number;
  netuid: number;
  /** Spot price, TAO per alpha. */
  price: number;
  /** Current registration burn, TAO. */
  burnTao: number;
  /** Alpha (in alpha units) held by each of the agent's hotkeys. */
  alphaHeld: readonly number[];
  /** How many individuals the population has now. */
  count: number;
}

export type MarketAction =
  | { type: "stake"; index: number; amountTao: number }
  | { type: "unstake"; index: number; amountAlpha: number }
  | { type: "register" };

/** A market strategy: the actions to take this block, in order. */
export type MarketStrategy<P> = (view: MarketView, params: P, rng: Rng) => MarketAction[];
