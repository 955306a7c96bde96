/**
 * Rendering of `plexus sim epoch` results: JSON in the vector schema of `expected` (shared spec
 * §0.2/§0.3: fixed-point values as exact decimal strings, u16 and u64 as JSON integers), or a
 * per-uid table. Exact results are printed from their raw bits; fast results are doubles and are
 * printed at the nearest I32F32 value (I64F64 for the total stake), so both modes share one schema.
 */
import { I32F32, toDecimal } from "../../sim/fixed/fixed.ts";
import type { EpochOutputOf, MechanismsOutputOf } from "../../sim/yuma/types.ts";

type Fixed = bigint | number;
type Rao = bigint | number;
export type AnyEpochOutput = EpochOutputOf<Fixed, Rao>;
export type AnyMechanismsOutput = MechanismsOutputOf<Fixed, Rao>;

/** A JSON integer literal of any size. */
class RawInt {
  constructor(readonly digits: string) {}
}

const fixedText = (v: Fixed): string =>
  typeof v === "bigint" ? toDecimal(I32F32, v) : toDecimal(I32F32, BigInt(Math.round(v * 2 ** 32)));
const i64f64Bits = (v: Fixed): string =>
  typeof v === "bigint" ? v.toString() : BigInt(Math.floor(v * 2 ** 64)).toString();
const u64 = (v: Rao): RawInt => new RawInt(BigInt(v).toString());

const FIXED_KEYS = [
  "stake",
  "active_stake",
  "consensus",
  "validator_trust",
  "incentive",
  "dividends",
  "normalized_server_emission",
  "normalized_validator_emission",
  "normalized_combined_emission",
] as const;
const RAO_KEYS = ["raw_stake", "server_emission", "validator_emission", "emission"] as const;
/** The order of the keys of `expected` in the vector files (shared spec §0.2). */
const KEY_ORDER: Array<keyof AnyEpochOutput> = [
  "active",
  "stake_i64f64_bits",
  "raw_stake",
  "stake",
  "stake_weight",
  "validator_permit_used",
  "new_validator_permit",
  "active_stake",
  "consensus",
  "consensus_u16",
  "validator_trust",
  "validator_trust_u16",
  "incentive",
  "incentive_u16",
  "dividends",
  "dividends_u16",
  "ema_bonds",
  "bonds",
  "normalized_server_emission",
  "normalized_validator_emission",
  "normalized_combined_emission",
  "server_emission",
  "validator_emission",
  "emission",
  "liquid_alpha_used",
];

/**
 * One epoch output as the vector schema's `expected` object. As in the vectors, `ema_bonds` is
 * left out of per-mechanism results and `liquid_alpha_used` only appears with Yuma3.
 */
export function epochJson(
  o: AnyEpochOutput,
  opts: { emaBonds: boolean; yuma3: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) {
    const value = o[key];
    if (key === "liquid_alpha_used") {
      if (opts.yuma3) out[key] = value;
    } else if (key === "ema_bonds") {
      if (opts.emaBonds) out[key] = o.ema_bonds.map((row) => row.map(([j, v]) => [j, fixedText(v)]));
    } else if (key === "stake_i64f64_bits") {
      out[key] = o.stake_i64f64_bits.map(i64f64Bits);
    } else if ((FIXED_KEYS as readonly string[]).includes(key)) {
      out[key] = (value as Fixed[]).map(fixedText);
    } else if ((RAO_KEYS as readonly string[]).includes(key)) {
      out[key] = (value as Rao[]).map(u64);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** An `epoch_with_mechanisms` output as the vector schema's `expected` object. */
export function mechanismsJson(o: AnyMechanismsOutput, yuma3: boolean): Record<string, unknown> {
  const agg: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o.aggregated)) {
    agg[key] = ["server_emission", "validator_emission", "emission", "raw_stake"].includes(key)
      ? (value as Rao[]).map(u64)
      : value;
  }
  return {
    split: o.split.map(u64),
    per_mechanism: o.per_mechanism.map((m) => epochJson(m, { emaBonds: false, yuma3 })),
    aggregated: agg,
  };
}

/** JSON text with one top-level key per line and big integers written exactly. */
export function stringify(value: Record<string, unknown>): string {
  const lines = Object.entries(value).map(([k, v]) => `  ${JSON.stringify(k)}: ${compact(v)}`);
  return `{\n${lines.join(",\n")}\n}`;
}

function compact(v: unknown): string {
  if (v instanceof RawInt) return v.digits;
  if (Array.isArray(v)) return `[${v.map(compact).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${compact(x)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(v);
}

const num = (v: Fixed, bits = 32): number => (typeof v === "bigint" ? Number(v) / 2 ** bits : v);

/** A readable per-uid table of one epoch. */
export function epochTable(o: AnyEpochOutput): string {
  const head = [
    "uid",
    "active",
    "permit",
    "stake",
    "consensus",
    "vtrust",
    "incentive",
    "dividends",
    "emission",
  ];
  const rows = o.active.map((a, i) => [
    String(i),
    a ? "yes" : "no",
    o.new_validator_permit[i] ? "yes" : "no",
    num(o.stake[i]).toFixed(6),
    num(o.consensus[i]).toFixed(6),
    num(o.validator_trust[i]).toFixed(6),
    num(o.incentive[i]).toFixed(6),
    num(o.dividends[i]).toFixed(6),
    BigInt(o.emission[i]).toString(),
  ]);
  const total = o.emission.reduce<bigint>((s, e) => s + BigInt(e), 0n);
  return `${table(head, rows)}\nemission total ${total} rao${
    o.liquid_alpha_used ? " (liquid alpha used)" : ""
  }`;
}

/** A per-uid table of the aggregated terms, after one line per mechanism's split. */
export function mechanismsTable(o: AnyMechanismsOutput): string {
  const a = o.aggregated;
  const head = [
    "uid",
    "active",
    "permit",
    "consensus_u16",
    "incentive_u16",
    "dividends_u16",
    "server",
    "validator",
    "emission",
  ];
  const rows = a.active.map((act, i) => [
    String(i),
    act ? "yes" : "no",
    a.new_validator_permit[i] ? "yes" : "no",
    String(a.consensus_u16[i]),
    String(a.incentive_u16[i]),
    String(a.dividends_u16[i]),
    BigInt(a.server_emission[i]).toString(),
    BigInt(a.validator_emission[i]).toString(),
    BigInt(a.emission[i]).toString(),
  ]);
  const split = o.split.map((s, k) => `mechanism ${k}: ${BigInt(s)} rao`).join("\n");
  return `${split}\n${table(head, rows)}`;
}

/** Columns right-aligned to their widest cell. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((x, c) => x.padStart(widths[c])).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
