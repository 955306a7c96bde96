/**
 * Conformance groups of the Yuma area (shared/vectors/yuma/public.json and math.json, spec
 * shared/spec/yuma.md §0): `epoch`, `mechanisms` and the 23 math primitives. Fixed-point values are
 * compared as exact raw bits (expected decimals parsed with `fromDecimal`), u64 amounts as bigint.
 * Every expected key must have a comparison rule: an unknown key is a mismatch, never skipped.
 */

import { expSafe } from "../../sim/fixed/exp.ts";
import { fromDecimal, I32F32, I64F64, toDecimal } from "../../sim/fixed/fixed.ts";
import { fromBits } from "../../sim/fixed/fixnum.ts";
import { epochExact } from "../../sim/yuma/epoch.ts";
import { alphaSigmoid } from "../../sim/yuma/liquid-alpha.ts";
import {
  colClipSparse,
  fixedProportionToU16,
  fixedToFixedU16Proportion,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceMaskVector,
  inplaceNormalize,
  inplaceRowNormalizeSparse,
  interpolateSparse,
  isTopkNonzero,
  matEmaAlphaSparse,
  matEmaSparse,
  matmulSparse,
  matmulTransposeSparse,
  rowHadamardSparse,
  u16ProportionToFixed,
  weightedMedian,
  weightedMedianColSparse,
} from "../../sim/yuma/math.ts";
import { epochWithMechanismsExact, splitEmissions } from "../../sim/yuma/mechanisms.ts";
import { type Csr, csrFromPairs, csrToPairs } from "../../sim/yuma/sparse.ts";
import { fixed64ToFixed32, inplaceNormalize64 } from "../../sim/yuma/stake.ts";
import { vecU16MaxUpscaleToU16 } from "../../sim/yuma/upscale.ts";
import type { GroupEvaluator, Mismatch } from "./types.ts";
import { fastEpochMetrics, fastMechanismsMetrics } from "./yuma-fast.ts";

// ---- comparison rules -------------------------------------------------------------------------

/** Compares one expected JSON value with a computed one, appending mismatches. */
type Rule = (expected: unknown, got: unknown, field: string, out: Mismatch[]) => void;

const show = (got: unknown): unknown =>
  typeof got === "bigint" ? got.toString() : Array.isArray(got) ? `[${got.length} items]` : got;

/** I32F32 (or I64F64) decimal vs raw bits. */
const fixedRule =
  (format = I32F32): Rule =>
  (e, g, field, out) => {
    const bits = fromDecimal(format, e as string);
    if (g !== bits) {
      out.push({ field, expected: e, got: typeof g === "bigint" ? toDecimal(format, g) : show(g) });
    }
  };
const fixed = fixedRule();
/** A decimal-string bit pattern vs bigint bits. */
const bits: Rule = (e, g, field, out) => {
  if (BigInt(e as string) !== g) out.push({ field, expected: e, got: show(g) });
};
/** A JSON integer u64 vs bigint. */
const u64: Rule = (e, g, field, out) => {
  if (typeof g !== "bigint" || BigInt(e as number) !== g) out.push({ field, expected: e, got: show(g) });
};
/** Identical JSON scalars (u16, bool). */
const same: Rule = (e, g, field, out) => {
  if (!Object.is(e, g)) out.push({ field, expected: e, got: show(g) });
};

const list =
  (item: Rule): Rule =>
  (e, g, field, out) => {
    if (!Array.isArray(e) || !Array.isArray(g)) {
      out.push({ field, expected: e, got: show(g) });
      return;
    }
    if (e.length !== g.length) {
      out.push({ field: `${field}.length`, expected: e.length, got: g.length });
      return;
    }
    for (let i = 0; i < e.length; i++) item(e[i], g[i], `${field}[${i}]`, out);
  };

/** A `[j, value]` pair. */
const pair =
  (value: Rule): Rule =>
  (e, g, field, out) => {
    const [ej, ev] = e as [number, unknown];
    const gp = g as [number, unknown];
    same(ej, gp?.[0], `${field}[0]`, out);
    value(ev, gp?.[1], `${field}[1]`, out);
  };
const sparse = (value: Rule): Rule => list(list(pair(value)));

const record =
  (rules: Record<string, Rule>): Rule =>
  (e, g, field, out) => {
    const got = (g ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(e as Record<string, unknown>)) {
      const path = field === "" ? key : `${field}.${key}`;
      const rule = rules[key];
      if (rule === undefined)
        out.push({ field: path, expected: value, got: "(no comparison rule for this key)" });
      else rule(value, got[key], path, out);
    }
  };

const check = (rule: Rule, expected: unknown, got: unknown): { mismatches: Mismatch[] } => {
  const out: Mismatch[] = [];
  rule(expected, got, "", out);
  return { mismatches: out };
};

// ---- epoch and mechanisms ---------------------------------------------------------------------

const epochTerms: Record<string, Rule> = {
  active: list(same),
  stake_i64f64_bits: list(bits),
  raw_stake: list(u64),
  stake: list(fixed),
  stake_weight: list(same),
  validator_permit_used: list(same),
  new_validator_permit: list(same),
  active_stake: list(fixed),
  consensus: list(fixed),
  consensus_u16: list(same),
  validator_trust: list(fixed),
  validator_trust_u16: list(same),
  incentive: list(fixed),
  incentive_u16: list(same),
  dividends: list(fixed),
  dividends_u16: list(same),
  ema_bonds: sparse(fixed),
  bonds: sparse(same),
  normalized_server_emission: list(fixed),
  normalized_validator_emission: list(fixed),
  normalized_combined_emission: list(fixed),
  server_emission: list(u64),
  validator_emission: list(u64),
  emission: list(u64),
  liquid_alpha_used: same,
};

const aggregatedTerms: Record<string, Rule> = {
  server_emission: list(u64),
  validator_emission: list(u64),
  dividends_u16: list(same),
  incentive_u16: list(same),
  stake_weight: list(same),
  consensus_u16: list(same),
  validator_trust_u16: list(same),
  emission: list(u64),
  active: list(same),
  new_validator_permit: list(same),
  raw_stake: list(u64),
};

const mechanismsRule = record({
  split: list(u64),
  per_mechanism: list(record(epochTerms)),
  aggregated: record(aggregatedTerms),
});

// ---- math primitives --------------------------------------------------------------------------

const fx = (s: string): number => fromBits(fromDecimal(I32F32, s));
const fxv = (v: string[]): number[] => v.map(fx);
const fxm = (m: Array<Array<[number, string]>>): Csr => csrFromPairs(m, fx);
const big = (v: readonly number[]): bigint[] => v.map(BigInt);
const bigm = (m: Csr): Array<Array<[number, bigint]>> => csrToPairs(m, BigInt);

type MathGroup = {
  run: (input: Record<string, never>) => Record<string, unknown>;
  rules: Record<string, Rule>;
};

const mathGroups: Record<string, MathGroup> = {
  weighted_median: {
    run: (x) => {
      const stake = fxv(x.stake);
      const idx = stake.map((_, i) => i);
      return {
        median: BigInt(
          weightedMedian(stake, fxv(x.score), idx, fx(x.minority), fx(x.partition_lo), fx(x.partition_hi)),
        ),
      };
    },
    rules: { median: fixed },
  },
  weighted_median_col_sparse: {
    run: (x) => ({
      median: big(weightedMedianColSparse(fxv(x.stake), fxm(x.score), x.columns, fx(x.majority))),
    }),
    rules: { median: list(fixed) },
  },
  inplace_normalize: {
    run: (x) => {
      const v = fxv(x.x);
      inplaceNormalize(v);
      return { x: big(v) };
    },
    rules: { x: list(fixed) },
  },
  stake_normalize_64: {
    run: (x) => {
      const s = (x.stake_rao as number[]).map((r) => BigInt(r) << 64n);
      inplaceNormalize64(s);
      return { stake_i64f64: s, stake: big(fixed64ToFixed32(s)) };
    },
    rules: { stake_i64f64: list(fixedRule(I64F64)), stake: list(fixed) },
  },
  inplace_row_normalize_sparse: {
    run: (x) => {
      const m = fxm(x.m);
      inplaceRowNormalizeSparse(m);
      return { m: bigm(m) };
    },
    rules: { m: sparse(fixed) },
  },
  inplace_col_normalize_sparse: {
    run: (x) => {
      const m = fxm(x.m);
      inplaceColNormalizeSparse(m, x.columns);
      return { m: bigm(m) };
    },
    rules: { m: sparse(fixed) },
  },
  inplace_col_max_upscale_sparse: {
    run: (x) => {
      const m = fxm(x.m);
      inplaceColMaxUpscaleSparse(m, x.columns);
      return { m: bigm(m) };
    },
    rules: { m: sparse(fixed) },
  },
  mat_ema_sparse: {
    run: (x) => {
      // alpha = 1 − I32F32(I64F64(bma) / 1e6) (spec §4 step 11a.3)
      const q = (BigInt(x.bonds_moving_average) << 64n) / 1_000_000n;
      const alpha = fromBits(I32F32.one - (q >> 32n));
      return { alpha: BigInt(alpha), result: bigm(matEmaSparse(fxm(x.new), fxm(x.old), alpha)) };
    },
    rules: { alpha: fixed, result: sparse(fixed) },
  },
  mat_ema_alpha_sparse: {
    run: (x) => ({
      result: bigm(matEmaAlphaSparse(fxm(x.new), fxm(x.old), (x.alpha as string[][]).map(fxv))),
    }),
    rules: { result: sparse(fixed) },
  },
  row_hadamard_sparse: {
    run: (x) => ({ m: bigm(rowHadamardSparse(fxm(x.m), fxv(x.v))) }),
    rules: { m: sparse(fixed) },
  },
  matmul_sparse: {
    run: (x) => ({ r: big(matmulSparse(fxm(x.m), fxv(x.v), x.columns)) }),
    rules: { r: list(fixed) },
  },
  matmul_transpose_sparse: {
    run: (x) => ({ d: big(matmulTransposeSparse(fxm(x.m), fxv(x.v))) }),
    rules: { d: list(fixed) },
  },
  col_clip_sparse: {
    run: (x) => ({ m: bigm(colClipSparse(fxm(x.m), fxv(x.threshold))) }),
    rules: { m: sparse(fixed) },
  },
  interpolate_sparse: {
    run: (x) => {
      const ratio = u16ProportionToFixed(x.bonds_penalty_u16);
      return { ratio: BigInt(ratio), result: bigm(interpolateSparse(fxm(x.a), fxm(x.b), x.columns, ratio)) };
    },
    rules: { ratio: fixed, result: sparse(fixed) },
  },
  inplace_mask_vector: {
    run: (x) => {
      const v = fxv(x.v);
      inplaceMaskVector(x.mask, v);
      return { v: big(v) };
    },
    rules: { v: list(fixed) },
  },
  exp_safe: {
    run: (x) => ({ y: expSafe(fromDecimal(I32F32, x.x)) }),
    rules: { y: fixed },
  },
  alpha_sigmoid: {
    run: (x) => {
      const f = (s: string): bigint => fromDecimal(I32F32, s);
      return {
        alpha: alphaSigmoid(
          f(x.consensus),
          f(x.weight),
          f(x.bond),
          f(x.alpha_low),
          f(x.alpha_high),
          BigInt(x.steepness as number) << 32n,
        ),
      };
    },
    rules: { alpha: fixed },
  },
  fixed_proportion_to_u16: {
    run: (x) => ({ u16: fxv(x.x).map(fixedProportionToU16) }),
    rules: { u16: list(same) },
  },
  u16_proportion_to_fixed: {
    run: (x) => ({ x: big((x.u16 as number[]).map(u16ProportionToFixed)) }),
    rules: { x: list(fixed) },
  },
  fixed_to_fixed_u16_proportion: {
    run: (x) => ({ x: big((x.u16 as number[]).map((u) => fixedToFixedU16Proportion(u * 2 ** 32))) }),
    rules: { x: list(fixed) },
  },
  vec_u16_max_upscale_to_u16: {
    run: (x) => ({ u16: vecU16MaxUpscaleToU16(x.values) }),
    rules: { u16: list(same) },
  },
  is_topk_nonzero: {
    run: (x) => ({ mask: isTopkNonzero(fxv(x.v), x.k) }),
    rules: { mask: list(same) },
  },
  split_emissions: {
    run: (x) => ({ result: splitEmissions(BigInt(x.alpha as number), x.mechanism_count, x.split) }),
    rules: { result: list(u64) },
  },
};

export const groups: Record<string, GroupEvaluator> = {
  epoch: (input, expected) => ({
    ...check(record(epochTerms), expected, epochExact(input)),
    metrics: fastEpochMetrics(input, expected),
  }),
  mechanisms: (input, expected) => ({
    ...check(mechanismsRule, expected, epochWithMechanismsExact(input)),
    metrics: fastMechanismsMetrics(input, expected),
  }),
  ...Object.fromEntries(
    Object.entries(mathGroups).map(([name, g]): [string, GroupEvaluator] => [
      name,
      (input, expected) => check(record(g.rules), expected, g.run(input)),
    ]),
  ),
};
