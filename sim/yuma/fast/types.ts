import type { Csr } from "./csr.ts";

/**
 * The epoch input of the fast mode: the same fields as the exact epoch input (shared spec §0.2),
 * held as plain numbers and typed arrays. Block numbers and rao amounts are numbers (exact up to
 * 2^53, which the vector schema guarantees); fixed-point hyperparameters stay in their chain units
 * (u16, bma in millionths) and are converted with plain float arithmetic inside the epoch.
 */
export interface FastEpochInput {
  n: number;
  currentBlock: number;
  tempo: number;
  activityCutoff: number;
  lastMechanismStepBlock: number;
  lastUpdate: Float64Array;
  blockAtRegistration: Float64Array;
  alphaStake: Float64Array;
  taoStake: Float64Array;
  /** TaoWeight as a fraction of u64::MAX (0..1). */
  taoWeight: number;
  stakeThreshold: number;
  /** -1 when the owner hotkey is not registered. */
  ownerUid: number;
  /** Previous-epoch permits, 1 = permitted; may be shorter than n (missing = forbidden). */
  validatorPermit: Uint8Array;
  maxAllowedValidators: number;
  weights: Csr<Uint16Array>;
  bonds: Csr<Uint16Array>;
  kappa: number;
  bondsPenalty: number;
  bondsMovingAverage: number;
  yuma3: boolean;
  liquidAlpha: boolean;
  alphaLow: number;
  alphaHigh: number;
  alphaSigmoidSteepness: number;
  commitRevealEnabled: boolean;
  /** Earliest unexpired commit block per uid, Infinity for none. */
  commitBlocks: Float64Array;
  raoEmission: number;
}

/**
 * The epoch output of the fast mode, quantity by quantity as in the exact output. Fixed-point
 * quantities are doubles; u16 and u64 quantities are integers computed from them exactly as the
 * chain does (floor(x·65535), floor(x·rao)).
 */
export interface FastEpochOutput {
  active: Uint8Array;
  /** Total stake before filtering (alpha + tao·TaoWeight), rao as a double. */
  totalStake: Float64Array;
  rawStake: Float64Array;
  stake: Float64Array;
  stakeWeight: Uint16Array;
  validatorPermitUsed: Uint8Array;
  newValidatorPermit: Uint8Array;
  activeStake: Float64Array;
  consensus: Float64Array;
  consensusU16: Uint16Array;
  validatorTrust: Float64Array;
  validatorTrustU16: Uint16Array;
  incentive: Float64Array;
  incentiveU16: Uint16Array;
  dividends: Float64Array;
  dividendsU16: Uint16Array;
  /** Bond matrix in the form quantised for storage (Yuma2: column max-upscaled; Yuma3: raw EMA). */
  emaBonds: Csr;
  /** New stored bonds: every row, empty for uids without a new permit. */
  bonds: Csr<Uint16Array>;
  normalizedServerEmission: Float64Array;
  normalizedValidatorEmission: Float64Array;
  normalizedCombinedEmission: Float64Array;
  serverEmission: Float64Array;
  validatorEmission: Float64Array;
  emission: Float64Array;
  /** Only meaningful with Yuma3: whether the liquid-alpha path ran. */
  liquidAlphaUsed: boolean;
}
