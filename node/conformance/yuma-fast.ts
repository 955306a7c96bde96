/**
 * Deviation of the float64 fast epoch (sim/yuma/fast) from the exact one on the vector cases. The
 * Yuma conformance groups call these with a case's input and expected output (which the exact
 * engine reproduces bit for bit) and report the numbers as CaseOutcome `metrics`; the runner keeps
 * the maximum per group (`metric epoch.fast_max_abs_dev_dividends = …`).
 */
import { epochFast, epochWithMechanismsFast } from "../../sim/yuma/fast/index.ts";
import type { EpochInput, EpochOutputFloat, MechanismsInput } from "../../sim/yuma/types.ts";

interface ExpectedEpoch {
  [key: string]: unknown;
}

/** Fixed-point outputs compared as absolute deviations of the values (1.0 = the whole). */
const FIXED_KEYS = ["dividends", "incentive", "consensus", "validator_trust"] as const;
/** Every u16 output, compared as an absolute deviation in u16 units. */
const U16_KEYS = [
  "dividends_u16",
  "incentive_u16",
  "consensus_u16",
  "validator_trust_u16",
  "stake_weight",
] as const;
/** Rao outputs, compared relative to the rao the epoch distributes. */
const RAO_KEYS = ["emission", "server_emission", "validator_emission"] as const;
/** Boolean masks: any difference counts as one structural mismatch. */
const MASK_KEYS = ["active", "new_validator_permit", "validator_permit_used"] as const;

const maxAbs = (e: readonly number[], g: readonly number[]): number =>
  e.reduce((m, v, i) => Math.max(m, Math.abs(v - g[i])), 0);

function deviation(expected: ExpectedEpoch, got: EpochOutputFloat, rao: number): Record<string, number> {
  const m: Record<string, number> = {};
  for (const k of FIXED_KEYS) {
    m[`fast_max_abs_dev_${k}`] = maxAbs((expected[k] as string[]).map(Number), got[k]);
  }
  let u16 = 0;
  for (const k of U16_KEYS) u16 = Math.max(u16, maxAbs(expected[k] as number[], got[k]));
  let structure = 0;
  for (const k of MASK_KEYS) if (JSON.stringify(expected[k]) !== JSON.stringify(got[k])) structure++;
  (expected.bonds as Array<Array<[number, number]>>).forEach((row, i) => {
    const g = got.bonds[i];
    if (row.length !== g.length || row.some(([j], q) => g[q][0] !== j)) structure++;
    else
      u16 = Math.max(
        u16,
        maxAbs(
          row.map(([, v]) => v),
          g.map(([, v]) => v),
        ),
      );
  });
  m.fast_max_abs_dev_u16 = u16;
  let rel = 0;
  for (const k of RAO_KEYS) rel = Math.max(rel, maxAbs(expected[k] as number[], got[k]) / Math.max(rao, 1));
  m.fast_max_rel_dev_emission = rel;
  m.fast_structure_mismatches = structure;
  return m;
}

/**
 * Measurement never decides a case: if the fast mode cannot run a case the exact engine accepted,
 * that is reported as `fast_errors = 1` instead of an exception.
 */
function guarded(measure: () => Record<string, number>): Record<string, number> {
  try {
    return { ...measure(), fast_errors: 0 };
  } catch {
    return { fast_errors: 1 };
  }
}

/** Runs the fast epoch on an `epoch` case and measures its deviation from `expected`. */
export function fastEpochMetrics(input: EpochInput, expected: ExpectedEpoch): Record<string, number> {
  return guarded(() => deviation(expected, epochFast(input), Number(input.rao_emission)));
}

const worst = (all: Array<Record<string, number>>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const m of all) for (const [k, v] of Object.entries(m)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
};

/** Runs the fast `epoch_with_mechanisms` on a `mechanisms` case; the worst mechanism counts. */
export function fastMechanismsMetrics(
  input: MechanismsInput,
  expected: { split: number[]; per_mechanism: ExpectedEpoch[] },
): Record<string, number> {
  return guarded(() => {
    const got = epochWithMechanismsFast(input);
    return worst(got.per_mechanism.map((g, k) => deviation(expected.per_mechanism[k], g, expected.split[k])));
  });
}
