import { splitEmissions } from "../mechanisms.ts";
import type {
  AggregatedTermsOf,
  EpochOutputFloat,
  MechanismsInput,
  MechanismsOutputFloat,
} from "../types.ts";
import { fromFastOutput, toFastInput } from "./convert.ts";
import { epochFastArrays } from "./epoch.ts";

/**
 * `epoch_with_mechanisms` in the fast mode: one fast epoch per mechanism with its own weights,
 * bonds and last updates, then the chain's per-hotkey aggregation (spec §7) on doubles.
 */
export function epochWithMechanismsFast(x: MechanismsInput): MechanismsOutputFloat {
  const { mechanisms, mechanism_count, emission_split, ...shared } = x;
  const rao = BigInt(x.rao_emission);
  const split = splitEmissions(rao, mechanism_count, emission_split);
  const perMechanism = mechanisms.map((m, k) =>
    fromFastOutput(epochFastArrays(toFastInput({ ...shared, ...m, rao_emission: split[k] }))),
  );
  return {
    split: split.map(Number),
    per_mechanism: perMechanism,
    aggregated: aggregate(perMechanism, split.map(Number), Number(rao), x.n),
  };
}

function aggregate(
  per: EpochOutputFloat[],
  split: number[],
  rao: number,
  n: number,
): AggregatedTermsOf<number> {
  const zeros = (): number[] => new Array<number>(n).fill(0);
  const agg: AggregatedTermsOf<number> = {
    server_emission: zeros(),
    validator_emission: zeros(),
    dividends_u16: zeros(),
    incentive_u16: per.length > 0 ? per[0].incentive_u16.slice() : zeros(),
    stake_weight: zeros(),
    consensus_u16: zeros(),
    validator_trust_u16: zeros(),
    emission: zeros(),
    active: new Array<boolean>(n).fill(false),
    new_validator_permit: new Array<boolean>(n).fill(false),
    raw_stake: zeros(),
  };
  per.forEach((o, k) => {
    // Mechanism weight split_k / rao; with nothing to split, mechanism 0 carries everything.
    const wk = rao === 0 ? (k === 0 ? 1 : 0) : split[k] / rao;
    for (let i = 0; i < n; i++) {
      agg.server_emission[i] += o.server_emission[i];
      agg.validator_emission[i] += o.validator_emission[i];
      agg.dividends_u16[i] = Math.floor(agg.dividends_u16[i] + o.dividends_u16[i] * wk);
      agg.stake_weight[i] = Math.floor(agg.stake_weight[i] + o.stake_weight[i] * wk);
      agg.consensus_u16[i] = Math.floor(agg.consensus_u16[i] + o.consensus_u16[i] * wk);
      agg.validator_trust_u16[i] = Math.floor(agg.validator_trust_u16[i] + o.validator_trust_u16[i] * wk);
      agg.emission[i] = Math.floor(agg.emission[i] + o.emission[i] * wk);
      agg.active[i] ||= o.active[i];
      agg.new_validator_permit[i] ||= o.new_validator_permit[i];
      agg.raw_stake[i] += o.raw_stake[i];
    }
  });
  return agg;
}
