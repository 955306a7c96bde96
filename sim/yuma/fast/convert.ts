import { lazyProperty } from "../lazy.ts";
import type { EpochInput, EpochOutputFloat, SparseMatrix } from "../types.ts";
import { csrToRows, csrU16FromRows } from "./csr.ts";
import type { FastEpochInput, FastEpochOutput } from "./types.ts";

// u64::MAX as the nearest double (2^64); TaoWeight = u64::MAX means 1.0.
const U64_MAX = 2 ** 64;

const num = (v: number | bigint | string): number => (typeof v === "number" ? v : Number(BigInt(v)));
const f64 = (v: ReadonlyArray<number | bigint>): Float64Array => Float64Array.from(v, num);

/** The vector-schema input (already validated) as typed arrays for the fast epoch. */
export function toFastInput(x: EpochInput): FastEpochInput {
  const n = x.n;
  return {
    n,
    currentBlock: num(x.current_block),
    tempo: x.tempo,
    activityCutoff: num(x.activity_cutoff),
    lastMechanismStepBlock: num(x.last_mechanism_step_block),
    lastUpdate: f64(x.last_update),
    blockAtRegistration: f64(x.block_at_registration),
    alphaStake: f64(x.alpha_stake),
    taoStake: f64(x.tao_stake),
    taoWeight: num(x.tao_weight) / U64_MAX,
    stakeThreshold: num(x.stake_threshold),
    ownerUid: x.owner_uid ?? -1,
    validatorPermit: Uint8Array.from(x.validator_permit, (b) => (b ? 1 : 0)),
    maxAllowedValidators: x.max_allowed_validators,
    weights: csrU16FromRows(x.weights, n),
    bonds: csrU16FromRows(x.bonds, n),
    kappa: x.kappa,
    bondsPenalty: x.bonds_penalty,
    bondsMovingAverage: num(x.bonds_moving_average),
    yuma3: x.yuma3,
    liquidAlpha: x.liquid_alpha,
    alphaLow: x.alpha_low,
    alphaHigh: x.alpha_high,
    alphaSigmoidSteepness: x.alpha_sigmoid_steepness,
    commitRevealEnabled: x.commit_reveal_enabled,
    commitBlocks: Float64Array.from(x.commit_blocks, (c) => (c === null ? Number.POSITIVE_INFINITY : num(c))),
    raoEmission: num(x.rao_emission),
  };
}

const arr = (v: Float64Array | Uint16Array): number[] => Array.from(v);
const bools = (v: Uint8Array): boolean[] => Array.from(v, (b) => b === 1);

/**
 * The fast output in the shapes of the exact output (`EpochOutputOf<number, number>`): fixed
 * values as doubles (`stake_i64f64_bits` holds the total stake itself), u64 amounts as numbers.
 * `ema_bonds` and `bonds` are built on first read.
 */
export function fromFastOutput(o: FastEpochOutput): EpochOutputFloat {
  const out: EpochOutputFloat = {
    active: bools(o.active),
    stake_i64f64_bits: arr(o.totalStake),
    raw_stake: arr(o.rawStake),
    stake: arr(o.stake),
    stake_weight: arr(o.stakeWeight),
    validator_permit_used: bools(o.validatorPermitUsed),
    new_validator_permit: bools(o.newValidatorPermit),
    active_stake: arr(o.activeStake),
    consensus: arr(o.consensus),
    consensus_u16: arr(o.consensusU16),
    validator_trust: arr(o.validatorTrust),
    validator_trust_u16: arr(o.validatorTrustU16),
    incentive: arr(o.incentive),
    incentive_u16: arr(o.incentiveU16),
    dividends: arr(o.dividends),
    dividends_u16: arr(o.dividendsU16),
    ema_bonds: [],
    bonds: [],
    normalized_server_emission: arr(o.normalizedServerEmission),
    normalized_validator_emission: arr(o.normalizedValidatorEmission),
    normalized_combined_emission: arr(o.normalizedCombinedEmission),
    server_emission: arr(o.serverEmission),
    validator_emission: arr(o.validatorEmission),
    emission: arr(o.emission),
    liquid_alpha_used: o.liquidAlphaUsed,
  };
  // The matrices become rows of pairs on first read: a 4096-uid epoch holds a million entries
  // and most callers read only the vectors. Enumerable, memoised, assignable.
  lazyProperty(out, "ema_bonds", () => csrToRows(o.emaBonds, (v) => v) as SparseMatrix<number>);
  lazyProperty(out, "bonds", () => csrToRows(o.bonds, (v) => v));
  return out;
}
