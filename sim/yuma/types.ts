/**
 * Types of the Yuma Consensus epoch (shared spec/yuma.md §0.2, §0.3, §6).
 *
 * Field names are snake_case exactly as in the vector JSON (`shared/vectors/yuma/*.json`), so a
 * vector `input` is a valid `EpochInput` as parsed by `JSON.parse`.
 *
 * Entry points (exact, bit-for-bit equal to subtensor):
 * - `epochExact(input: EpochInput): EpochOutput` from `sim/yuma/epoch.ts` — one `epoch_mechanism`
 *   run (RE:566–1075).
 * - `epochWithMechanismsExact(input: MechanismsInput): MechanismsOutput` from
 *   `sim/yuma/mechanisms.ts` — `epoch_with_mechanisms` (MECH:230–405).
 * Both validate their input first and throw `YumaInputError` (sim/yuma/errors.ts, code
 * `INPUT_INVALID`, `field` names the offending path) on bad input. They never modify the input.
 * In an exact output, `ema_bonds` and `bonds` are enumerable getters that build the pair rows on
 * first read (a 4096-uid epoch holds a million entries); everything else is plain data.
 *
 * Value conventions of the exact mode (`EpochOutput`):
 * - fixed-point values (I32F32 unless named otherwise) are `bigint` raw bits (`value · 2^32`);
 *   `stake_i64f64_bits` are I64F64 bits (`value · 2^64`);
 * - u16 values are `number`, u64 amounts (rao, blocks) are `bigint`.
 * A float mode can reuse the same shapes through `EpochOutputOf<number, number>`.
 */

/** A u64 amount (rao, block number). Numbers must be non-negative safe integers. */
export type U64Input = number | bigint;

/** One sparse row: `[column, value]` pairs sorted by column, no duplicates (spec §0.1). */
export type SparseRow<V> = Array<[number, V]>;
/** A sparse matrix: one row per uid. */
export type SparseMatrix<V> = Array<SparseRow<V>>;
/** Stored weights / bonds: u16 values. */
export type SparseU16 = SparseMatrix<number>;

/** Input of one `epoch_mechanism` run (spec §0.2 `input`; every key is required). */
export interface EpochInput {
  /** `SubnetworkN`: uids `0..n-1` are registered. */
  n: number;
  current_block: U64Input;
  /** `Tempo`; only used for `last_tempo` when `last_mechanism_step_block` is 0. */
  tempo: number;
  /** Activity cutoff in blocks (already derived from `ActivityCutoffFactorMilli`, spec §3). */
  activity_cutoff: U64Input;
  /** `LastMechansimStepBlock[netuid]` (0 = never). */
  last_mechanism_step_block: U64Input;
  /** Per uid block of the last weight set (shorter than n: padded with 0). */
  last_update: U64Input[];
  block_at_registration: U64Input[];
  /** Effective alpha stake per uid, rao. */
  alpha_stake: U64Input[];
  /** Effective root TAO stake per uid, rao. */
  tao_stake: U64Input[];
  /** `TaoWeight` raw u64 (`u64::MAX` = 1.0); the vectors carry it as a decimal string. */
  tao_weight: U64Input | string;
  stake_threshold: U64Input;
  /** uid of the subnet owner hotkey if registered, else null. */
  owner_uid: number | null;
  /** `ValidatorPermit` from the previous epoch; may be shorter than n (missing = false). */
  validator_permit: boolean[];
  max_allowed_validators: number;
  /** `Weights` rows exactly as stored (max-upscaled u16, explicit zeros allowed). */
  weights: SparseU16;
  /** `Bonds` rows as stored by the previous epoch. */
  bonds: SparseU16;
  kappa: number;
  bonds_penalty: number;
  /** `BondsMovingAverage` (1e6 = 1.0). */
  bonds_moving_average: U64Input;
  yuma3: boolean;
  liquid_alpha: boolean;
  alpha_low: number;
  alpha_high: number;
  /** i16. */
  alpha_sigmoid_steepness: number;
  commit_reveal_enabled: boolean;
  /** Per uid earliest unexpired commit block (null = none); only read with commit-reveal on. */
  commit_blocks: Array<U64Input | null>;
  /** Alpha (rao) this mechanism distributes. */
  rao_emission: U64Input;
}

/**
 * Output of one epoch (spec §0.2 `expected`). `Fixed` is the fixed-point representation (raw
 * bits as bigint in exact mode), `Rao` the u64 representation (bigint in exact mode).
 */
export interface EpochOutputOf<Fixed, Rao> {
  active: boolean[];
  /** Total stake as I64F64 (bits in exact mode), before filtering/normalising. */
  stake_i64f64_bits: Fixed[];
  /** `floor(total stake)` (EpochTerms.stake). */
  raw_stake: Rao[];
  /** Normalised stake S. */
  stake: Fixed[];
  stake_weight: number[];
  /** Previous permits with the owner forced true (same length as the input vector). */
  validator_permit_used: boolean[];
  new_validator_permit: boolean[];
  active_stake: Fixed[];
  consensus: Fixed[];
  consensus_u16: number[];
  validator_trust: Fixed[];
  validator_trust_u16: number[];
  incentive: Fixed[];
  incentive_u16: number[];
  dividends: Fixed[];
  dividends_u16: number[];
  /** Bond matrix in the form quantised for storage (Yuma2: column max-upscaled; Yuma3: raw EMA). */
  ema_bonds: SparseMatrix<Fixed>;
  /** New `Bonds` rows (rows of uids without a new permit are `[]`). */
  bonds: SparseU16;
  normalized_server_emission: Fixed[];
  normalized_validator_emission: Fixed[];
  normalized_combined_emission: Fixed[];
  server_emission: Rao[];
  validator_emission: Rao[];
  emission: Rao[];
  /** Whether the liquid-alpha bond path ran (always false for Yuma2). */
  liquid_alpha_used: boolean;
}

/** Exact-mode output: fixed values as raw bits, rao as bigint. */
export type EpochOutput = EpochOutputOf<bigint, bigint>;
/** Float-mode output shape (fixed values and rao as JS numbers). */
export type EpochOutputFloat = EpochOutputOf<number, number>;

/** Per-mechanism storage (`netuid_index = mecid·4096 + netuid`, spec §7). */
export interface MechanismData {
  weights: SparseU16;
  bonds: SparseU16;
  last_update: U64Input[];
}

/** Input of `epoch_with_mechanisms` (spec §0.3). */
export interface MechanismsInput extends Omit<EpochInput, "weights" | "bonds" | "last_update"> {
  mechanism_count: number;
  /** `MechanismEmissionSplit` (u16 shares) or null (even split). */
  emission_split: number[] | null;
  /** One entry per mechanism (length `mechanism_count`). */
  mechanisms: MechanismData[];
}

/** Per-hotkey terms aggregated over mechanisms (spec §7). */
export interface AggregatedTermsOf<Rao> {
  server_emission: Rao[];
  validator_emission: Rao[];
  dividends_u16: number[];
  /** Taken from mechanism 0 only (the chain's update branch does not touch it). */
  incentive_u16: number[];
  stake_weight: number[];
  consensus_u16: number[];
  validator_trust_u16: number[];
  emission: Rao[];
  active: boolean[];
  new_validator_permit: boolean[];
  /** `EpochTerms.stake` summed over mechanisms. */
  raw_stake: Rao[];
}

export interface MechanismsOutputOf<Fixed, Rao> {
  /** Rao per mechanism (`split_emissions`). */
  split: Rao[];
  per_mechanism: Array<EpochOutputOf<Fixed, Rao>>;
  aggregated: AggregatedTermsOf<Rao>;
}

export type MechanismsOutput = MechanismsOutputOf<bigint, bigint>;
export type MechanismsOutputFloat = MechanismsOutputOf<number, number>;

/** The hyperparameters that distinguish the epoch variants (spec §6). */
export type YumaHyperparameters = Pick<
  EpochInput,
  | "kappa"
  | "bonds_penalty"
  | "bonds_moving_average"
  | "yuma3"
  | "liquid_alpha"
  | "alpha_low"
  | "alpha_high"
  | "alpha_sigmoid_steepness"
>;

/**
 * Runtime defaults of subtensor @14bc6f9 (spec §3): Kappa RT:971, BondsPenalty RT:989,
 * BondsMovingAverage RT:988, AlphaValues LIB:989, AlphaSigmoidSteepness RT:970.
 */
export const DEFAULT_HYPERPARAMETERS: Readonly<YumaHyperparameters> = Object.freeze({
  kappa: 32_767,
  bonds_penalty: 65_535,
  bonds_moving_average: 900_000,
  yuma3: false,
  liquid_alpha: false,
  alpha_low: 45_875,
  alpha_high: 58_982,
  alpha_sigmoid_steepness: 1000,
});

/**
 * The three variants are settings of the same function (spec §6): Yuma2 (Yuma3On false; liquid
 * alpha is ignored), Yuma3 with a fixed alpha, Yuma3 with liquid alpha.
 */
export const YUMA_VARIANTS = Object.freeze({
  yuma2: Object.freeze({ ...DEFAULT_HYPERPARAMETERS, yuma3: false, liquid_alpha: false }),
  yuma3: Object.freeze({ ...DEFAULT_HYPERPARAMETERS, yuma3: true, liquid_alpha: false }),
  "yuma3-liquid": Object.freeze({ ...DEFAULT_HYPERPARAMETERS, yuma3: true, liquid_alpha: true }),
}) satisfies Record<string, Readonly<YumaHyperparameters>>;

export type YumaVariantName = keyof typeof YUMA_VARIANTS;
export const YUMA_VARIANT_NAMES = Object.keys(YUMA_VARIANTS) as YumaVariantName[];

/** Selects only the variant switches (`yuma3`, `liquid_alpha`), keeping the input's other values. */
export function withVariant<T extends Pick<EpochInput, "yuma3" | "liquid_alpha">>(
  input: T,
  variant: YumaVariantName,
): T {
  const v = YUMA_VARIANTS[variant];
  return { ...input, yuma3: v.yuma3, liquid_alpha: v.liquid_alpha };
}

/** Which implementation runs the epoch: exact fixed-point emulation or float64. */
export type EpochMode = "exact" | "fast";
