/**
 * `epoch_with_mechanisms` (sub-subnets; `pallets/subtensor/src/subnets/mechanism.rs` MECH:230–405
 * @14bc6f9, shared spec/yuma.md §7): the subnet's emission is split between mechanisms, each runs
 * its own epoch on its own weights/bonds/last_update with the shared stake and hyperparameters, and
 * the per-hotkey terms are aggregated with U64F64 weights `split_k / rao`.
 */
import { U64_MAX } from "../fixed/fixed.ts";
import { runEpoch } from "./epoch.ts";
import { epochScratch } from "./scratch.ts";
import type { AggregatedTermsOf, CompactMechanismsInput, EpochOutput, MechanismsOutput } from "./types.ts";
import { validateMechanismsInput } from "./validate.ts";

const U16_MAX = 65535n;
const satAddU64 = (a: bigint, b: bigint): bigint => (a + b > U64_MAX ? U64_MAX : a + b);

/**
 * MECH:230 `split_emissions`: with a split, `floor(rao·s_k / 65535)` per entry, resized (truncated
 * or zero-padded) to `mechanismCount`; without, `floor(rao / count)` each. The remainder
 * `rao − Σ` (saturating) goes to mechanism 0.
 */
export function splitEmissions(
  rao: bigint,
  mechanismCount: number,
  split: readonly number[] | null,
): bigint[] {
  const count = BigInt(mechanismCount);
  let result =
    split === null
      ? Array.from({ length: mechanismCount }, () => (count === 0n ? 0n : rao / count))
      : split.map((s) => (rao * BigInt(s)) / U16_MAX);
  if (result.length !== mechanismCount) {
    result = Array.from({ length: mechanismCount }, (_, k) => result[k] ?? 0n);
  }
  // The chain sums u64 values with `+` (wrapping in a release runtime).
  const total = BigInt.asUintN(
    64,
    result.reduce((a, b) => a + b, 0n),
  );
  const rounding = rao > total ? rao - total : 0n;
  if (result.length > 0) result[0] = satAddU64(result[0], rounding);
  return result;
}

/** `U64F64(split_k).safe_div_or(U64F64(rao), k == 0 ? 1 : 0)` as U64F64 bits (MECH:305). */
function mechanismWeight(split: bigint, rao: bigint, k: number): bigint {
  if (rao === 0n) return k === 0 ? 1n << 64n : 0n;
  return (split << 64n) / rao;
}

/** MECH:262 `weighted_acc_u16` / `weighted_acc_alpha`: floor(existing + added·w), saturated. */
const weightedAcc = (existing: bigint, added: bigint, w: bigint, max: bigint): bigint => {
  const r = ((existing << 64n) + added * w) >> 64n;
  return r > max ? max : r;
};
const accU16 = (existing: number, added: number, w: bigint): number =>
  Number(weightedAcc(BigInt(existing), BigInt(added), w, U16_MAX));

/** Runs every mechanism and aggregates per uid (spec §7); matrices in either form. Throws `YumaInputError` on bad input. */
export function epochWithMechanismsExact(input: CompactMechanismsInput): MechanismsOutput {
  const { params, mechanisms, raoEmission, split } = validateMechanismsInput(input, epochScratch);
  const shares = splitEmissions(raoEmission, mechanisms.length, split);
  const perMechanism: EpochOutput[] = mechanisms.map((m, k) => runEpoch(params, m, shares[k]));
  const n = params.n;
  const agg: AggregatedTermsOf<bigint> = {
    server_emission: new Array(n).fill(0n),
    validator_emission: new Array(n).fill(0n),
    dividends_u16: new Array(n).fill(0),
    incentive_u16: new Array(n).fill(0),
    stake_weight: new Array(n).fill(0),
    consensus_u16: new Array(n).fill(0),
    validator_trust_u16: new Array(n).fill(0),
    emission: new Array(n).fill(0n),
    active: new Array(n).fill(false),
    new_validator_permit: new Array(n).fill(false),
    raw_stake: new Array(n).fill(0n),
  };
  perMechanism.forEach((e, k) => {
    const w = mechanismWeight(shares[k], raoEmission, k);
    for (let uid = 0; uid < n; uid++) {
      agg.server_emission[uid] = satAddU64(agg.server_emission[uid], e.server_emission[uid]);
      agg.validator_emission[uid] = satAddU64(agg.validator_emission[uid], e.validator_emission[uid]);
      agg.dividends_u16[uid] = accU16(agg.dividends_u16[uid], e.dividends_u16[uid], w);
      agg.stake_weight[uid] = accU16(agg.stake_weight[uid], e.stake_weight[uid], w);
      agg.consensus_u16[uid] = accU16(agg.consensus_u16[uid], e.consensus_u16[uid], w);
      agg.validator_trust_u16[uid] = accU16(agg.validator_trust_u16[uid], e.validator_trust_u16[uid], w);
      agg.emission[uid] = weightedAcc(agg.emission[uid], e.emission[uid], w, U64_MAX);
      agg.active[uid] ||= e.active[uid];
      agg.new_validator_permit[uid] ||= e.new_validator_permit[uid];
      agg.raw_stake[uid] = satAddU64(agg.raw_stake[uid], e.raw_stake[uid]);
      // Only the insert branch (first mechanism) sets incentive, as `weighted_acc_u16(0, inc, w_0)`;
      // the update branch leaves it (MECH:330). Spec §7 says "set from the first mechanism": same thing.
      if (k === 0) agg.incentive_u16[uid] = accU16(0, e.incentive_u16[uid], w);
    }
  });
  return { split: shares, per_mechanism: perMechanism, aggregated: agg };
}
