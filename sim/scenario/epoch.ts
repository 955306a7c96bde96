import type { EpochInput, EpochOutputOf, SparseU16 } from "../yuma/types.ts";

/**
 * What the scenario layer reads from one epoch, in one shape for both epoch modes: normalised
 * terms as floats (for charts), bonds as stored u16 rows and emissions in rao (for balances).
 */
export interface EpochSummary {
  incentive: number[];
  dividends: number[];
  consensus: number[];
  validatorTrust: number[];
  /** The new stored `Bonds` rows (u16). */
  bonds: SparseU16;
  newValidatorPermit: boolean[];
  serverEmission: bigint[];
  validatorEmission: bigint[];
}

/** An epoch implementation as the scenario layer uses it. */
export type EpochFn = (input: EpochInput) => EpochSummary;

const TWO_32 = 4294967296;

/** Converts an epoch output (exact: bigint bits and rao; fast: floats) to an `EpochSummary`. */
export function summarize<F extends bigint | number, R extends bigint | number>(
  out: EpochOutputOf<F, R>,
): EpochSummary {
  const fx = (v: F): number => (typeof v === "bigint" ? Number(v) / TWO_32 : (v as number));
  const rao = (v: R): bigint => (typeof v === "bigint" ? v : BigInt(Math.floor(v as number)));
  return {
    incentive: out.incentive.map(fx),
    dividends: out.dividends.map(fx),
    consensus: out.consensus.map(fx),
    validatorTrust: out.validator_trust.map(fx),
    bonds: out.bonds,
    newValidatorPermit: out.new_validator_permit,
    serverEmission: out.server_emission.map(rao),
    validatorEmission: out.validator_emission.map(rao),
  };
}
