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
 * Both also accept weights/bonds in the compact CSR form (`CompactEpochInput`,
 * `CompactMechanismsInput`). Both validate their input first and throw `YumaInputError` (sim/yuma/errors.ts, code
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

/**
 * Compact (CSR) form of a sparse u16 matrix, accepted by the exact epoch wherever a `SparseU16` is
 * (`CompactEpochInput`, `CompactMechanismsInput`): large inputs (a 4096-uid subnet holds a million
 * weights) then cost three typed arrays instead of a million `[uid, value]` arrays.
 * Row `i` is the entries `indptr[i] ≤ k < indptr[i + 1]`: column `indices[k]`, value `values[k]`,
 * in the same order a pair row would list them. Validated as strictly as the pair form:
 * `indptr.length = n + 1`, `indptr[0] = 0`, non-decreasing, `indptr[n] = indices.length =
 * values.length`, every column `< n` and at most once per row. Build one from pair rows with
 * `compactSparseU16` (sim/yuma/compact.ts); read an exact output's new bonds in this form with
 * `compactBonds`. The epoch never modifies it.
 */
export interface CompactSparseU16 {
  indptr: Uint32Array;
  indices: Uint32Array;
  values: Uint16Array;
}

/** A sparse u16 matrix in either accepted form. */
export type SparseU16Input = SparseU16 | CompactSparseU16;

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

/** An `EpochInput` whose weights and bonds may also be `CompactSparseU16` (exact mode only). */
export interface CompactEpochInput extends Omit<EpochInput, "weights" | "bonds"> {
  weights: SparseU16Input;
  bonds: SparseU16Input;
}

/** `MechanismData` whose weights and bonds may also be `CompactSparseU16`. */
export interface CompactMechanismData extends Omit<MechanismData, "weights" | "bonds"> {
  weights: SparseU16Input;
  bonds: SparseU16Input;
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

/** A `MechanismsInput` whose mechanisms may carry `CompactSparseU16` matrices (exact mode only). */
export interface CompactMechanismsInput extends Omit<MechanismsInput, "mechanisms"> {
  mechanisms: CompactMechanismData[];
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
