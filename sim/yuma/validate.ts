/**
 * Input validation of the epoch: every value is checked against its chain type (u16, i16, u64,
 * bool), lengths against `n`, sparse rows for shape, range and order. The first problem found is
 * thrown as a `YumaInputError` naming the field. The result is the normalised internal form
 * (u64 as bigint) that the epoch runs on.
 */
import { I64F64, U64_MAX } from "../fixed/fixed.ts";
import { YumaInputError } from "./errors.ts";
import type { Scratch } from "./scratch.ts";
import type { Csr } from "./sparse.ts";
import { totalStake } from "./stake.ts";
import type { CompactEpochInput, CompactMechanismData, CompactMechanismsInput } from "./types.ts";

/** Per-subnet inputs shared by every mechanism. */
export interface SubnetParams {
  n: number;
  currentBlock: bigint;
  tempo: bigint;
  activityCutoff: bigint;
  lastMechanismStepBlock: bigint;
  blockAtRegistration: bigint[];
  alphaStake: bigint[];
  taoStake: bigint[];
  taoWeight: bigint;
  stakeThreshold: bigint;
  ownerUid: number | null;
  validatorPermit: boolean[];
  maxAllowedValidators: number;
  kappa: number;
  bondsPenalty: number;
  bondsMovingAverage: bigint;
  yuma3: boolean;
  liquidAlpha: boolean;
  alphaLow: number;
  alphaHigh: number;
  alphaSigmoidSteepness: number;
  commitRevealEnabled: boolean;
  /** null = no unexpired commit (`u64::MAX`). */
  commitBlocks: Array<bigint | null>;
}

/** Per-mechanism storage; weights and bonds as CSR with the u16 values (not yet shifted). */
export interface MechanismState {
  weights: Csr;
  bonds: Csr;
  lastUpdate: bigint[];
}

const fail = (field: string, problem: string, allowed?: string): never => {
  throw new YumaInputError(field, problem, allowed);
};

const describe = (v: unknown): string =>
  typeof v === "bigint" ? `${v}n` : typeof v === "string" ? JSON.stringify(v) : String(v);

function intIn(field: string, v: unknown, lo: number, hi: number, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) {
    fail(field, `got ${describe(v)}`, `${what}: an integer in [${lo}, ${hi}]`);
  }
  return v as number;
}

const u16 = (field: string, v: unknown): number => intIn(field, v, 0, 65535, "u16");

function u64(field: string, v: unknown): bigint {
  if (typeof v === "bigint") {
    if (v < 0n || v > U64_MAX) fail(field, `got ${describe(v)}`, "u64: 0 ≤ x ≤ 2^64 − 1");
    return v;
  }
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    fail(field, `got ${describe(v)}`, "u64: a non-negative safe integer number or a bigint");
  }
  return BigInt(v as number);
}

function bool(field: string, v: unknown): boolean {
  if (typeof v !== "boolean") fail(field, `got ${describe(v)}`, "true or false");
  return v as boolean;
}

function array(field: string, v: unknown, length?: number, maxLength?: number): unknown[] {
  if (!Array.isArray(v)) return fail(field, `got ${describe(v)}`, "an array");
  if (length !== undefined && v.length !== length)
    fail(`${field}.length`, `got ${v.length}`, `exactly ${length}`);
  if (maxLength !== undefined && v.length > maxLength)
    fail(`${field}.length`, `got ${v.length}`, `at most n = ${maxLength}`);
  return v;
}

const u64Array = (field: string, v: unknown, n: number): bigint[] =>
  array(field, v, n).map((x, i) => u64(`${field}[${i}]`, x));

/**
 * A sparse u16 matrix (or its compact CSR form, `compactU16`): n rows of `[j, u16]` pairs with 0 ≤ j < n and no uid twice in a row.
 * (The chain drops stored weights to j ≥ n when loading (RE:1112) and skips such bond columns in
 * its dense accumulators; such state cannot arise from its extrinsics, so it is rejected here.)
 * Rows need not be sorted: the chain stores `set_weights` rows in the caller's order and Yuma3
 * liquid-alpha bonds in that order too (the vectors contain such rows), and the epoch reproduces
 * what the chain does with them. Checked and loaded in one pass (plain loops: the large epochs
 * hold a million entries) into CSR form with the u16 values.
 */
function sparseU16(field: string, v: unknown, n: number, scratch?: Scratch): Csr {
  if (!Array.isArray(v) && v !== null && typeof v === "object" && "indptr" in v) {
    return compactU16(field, v as Record<string, unknown>, n, scratch);
  }
  const rows = array(field, v, n);
  const seen = new Int32Array(n).fill(-1); // row index that last used each uid
  let total = 0;
  for (let i = 0; i < rows.length; i++) total += array(`${field}[${i}]`, rows[i]).length;
  const ptr = new Int32Array(n + 1);
  const col = scratch?.int32(`${field}.col`, total) ?? new Int32Array(total);
  const val = scratch?.float64(`${field}.val`, total) ?? new Float64Array(total);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as unknown[];
    for (let k = 0; k < row.length; k++) {
      const e = row[k] as unknown[];
      if (!Array.isArray(e) || e.length !== 2) {
        fail(`${field}[${i}][${k}]`, `got ${JSON.stringify(e)}`, "a [uid, u16] pair");
      }
      const j = e[0];
      const w = e[1];
      // (x >>> 0) === x: an integer in [0, 2^32) (NaN, fractions, negatives and -0 fail or are 0).
      if (typeof j !== "number" || j >>> 0 !== j || j >= n) {
        intIn(`${field}[${i}][${k}][0]`, j, 0, n - 1, "uid < n");
      }
      if (seen[j as number] === i) {
        fail(`${field}[${i}][${k}][0]`, `uid ${j} appears twice in the row`, "each uid once per row");
      }
      seen[j as number] = i;
      // (x & 0xffff) === x: an integer in [0, 65535] (fractions, NaN, ±Infinity and others fail).
      if (typeof w !== "number" || (w & 0xffff) !== w) u16(`${field}[${i}][${k}][1]`, w);
      col[at] = j as number;
      val[at++] = w as number;
    }
    ptr[i + 1] = at;
  }
  return { rows: n, ptr, col, val };
}

function typedArray<T>(field: string, v: unknown, type: { new (n: number): T; name: string }): T {
  if (!(v instanceof type)) fail(field, `got ${describe(v)}`, `a ${type.name}`);
  return v as T;
}

/**
 * A `CompactSparseU16` (types.ts): the same rules as the pair form (columns < n, once per row),
 * plus the CSR shape (indptr of n + 1 non-decreasing offsets from 0 to the entry count). The
 * typed arrays' element types bound the values (u16) and columns (u32); loaded into CSR form
 * (copied: the epoch masks its matrices in place).
 */
function compactU16(field: string, v: Record<string, unknown>, n: number, scratch?: Scratch): Csr {
  const indptr = typedArray(`${field}.indptr`, v.indptr, Uint32Array);
  const indices = typedArray(`${field}.indices`, v.indices, Uint32Array);
  const values = typedArray(`${field}.values`, v.values, Uint16Array);
  if (indptr.length !== n + 1)
    fail(`${field}.indptr.length`, `got ${indptr.length}`, `exactly n + 1 = ${n + 1}`);
  if (indptr[0] !== 0) fail(`${field}.indptr[0]`, `got ${indptr[0]}`, "0");
  const total = indptr[n];
  if (indices.length !== total)
    fail(`${field}.indices.length`, `got ${indices.length}`, `indptr[n] = ${total}`);
  if (values.length !== total) fail(`${field}.values.length`, `got ${values.length}`, `indptr[n] = ${total}`);
  const ptr = new Int32Array(n + 1);
  let seen: Int32Array | undefined; // row index that last used each uid (for unsorted rows only)
  for (let i = 0; i < n; i++) {
    const start = indptr[i];
    const end = indptr[i + 1];
    if (end < start || end > total) {
      fail(`${field}.indptr[${i + 1}]`, `got ${end}`, `non-decreasing offsets in [${start}, ${total}]`);
    }
    // A strictly increasing row holds each uid once; then only its last column needs the bound.
    let k = start + 1;
    while (k < end && indices[k] > indices[k - 1]) k++;
    if (k < end || (end > start && indices[end - 1] >= n)) {
      seen ??= new Int32Array(n).fill(-1);
      for (let t = start; t < end; t++) {
        const j = indices[t];
        if (j >= n) fail(`${field}.indices[${t}]`, `got ${j} (row ${i})`, `uid < n = ${n}`);
        if (seen[j] === i) {
          fail(`${field}.indices[${t}]`, `uid ${j} appears twice in row ${i}`, "each uid once per row");
        }
        seen[j] = i;
      }
    }
    ptr[i + 1] = end;
  }
  const col = scratch?.int32(`${field}.col`, total) ?? new Int32Array(total);
  const val = scratch?.float64(`${field}.val`, total) ?? new Float64Array(total);
  col.set(indices); // every index < n ≤ 65535: the same value as an int32
  val.set(values);
  return { rows: n, ptr, col, val };
}

/**
 * `BondsMovingAverage` (1e6 = 1.0). Above 1e6 the EMA alpha `1 − bma/1e6` turns negative; only
 * root can set such values (the owner setter caps at 975 000), and this engine does not model them.
 */
function bondsMovingAverage(v: unknown): bigint {
  const bma = u64("bonds_moving_average", v);
  if (bma > 1_000_000n) {
    fail("bonds_moving_average", `got ${bma}`, "0 ≤ x ≤ 1 000 000 (an EMA alpha in [0, 1])");
  }
  return bma;
}

function taoWeight(v: unknown): bigint {
  if (typeof v === "string") {
    if (!/^\d+$/.test(v))
      fail("tao_weight", `got ${describe(v)}`, "u64 as a decimal string, number or bigint");
    return u64("tao_weight", BigInt(v));
  }
  return u64("tao_weight", v);
}

function object(field: string, v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) fail(field, `got ${describe(v)}`, "an object");
  return v as Record<string, unknown>;
}

/** Validates the per-subnet part of an epoch or mechanisms input. */
export function validateSubnetParams(raw: unknown): SubnetParams {
  const x = object("input", raw);
  const n = intIn("n", x.n, 0, 65535, "u16 subnet size");
  const ownerUid =
    x.owner_uid === null ? null : intIn("owner_uid", x.owner_uid, 0, n - 1, "a registered uid (< n) or null");
  const params: SubnetParams = {
    n,
    currentBlock: u64("current_block", x.current_block),
    tempo: BigInt(u16("tempo", x.tempo)),
    activityCutoff: u64("activity_cutoff", x.activity_cutoff),
    lastMechanismStepBlock: u64("last_mechanism_step_block", x.last_mechanism_step_block),
    blockAtRegistration: u64Array("block_at_registration", x.block_at_registration, n),
    alphaStake: u64Array("alpha_stake", x.alpha_stake, n),
    taoStake: u64Array("tao_stake", x.tao_stake, n),
    taoWeight: taoWeight(x.tao_weight),
    stakeThreshold: u64("stake_threshold", x.stake_threshold),
    ownerUid,
    validatorPermit: array("validator_permit", x.validator_permit, undefined, n).map((b, i) =>
      bool(`validator_permit[${i}]`, b),
    ),
    maxAllowedValidators: u16("max_allowed_validators", x.max_allowed_validators),
    kappa: u16("kappa", x.kappa),
    bondsPenalty: u16("bonds_penalty", x.bonds_penalty),
    bondsMovingAverage: bondsMovingAverage(x.bonds_moving_average),
    yuma3: bool("yuma3", x.yuma3),
    liquidAlpha: bool("liquid_alpha", x.liquid_alpha),
    alphaLow: u16("alpha_low", x.alpha_low),
    alphaHigh: u16("alpha_high", x.alpha_high),
    alphaSigmoidSteepness: intIn("alpha_sigmoid_steepness", x.alpha_sigmoid_steepness, -32768, 32767, "i16"),
    commitRevealEnabled: bool("commit_reveal_enabled", x.commit_reveal_enabled),
    commitBlocks: array("commit_blocks", x.commit_blocks, n).map((c, i) =>
      c === null ? null : u64(`commit_blocks[${i}]`, c),
    ),
  };
  // The chain sums the I64F64 stakes with a wrapping `+` (EM:273). A sum of 2^63 rao or more
  // (beyond any real alpha supply) would wrap and make the normalised stake meaningless.
  let total = 0n;
  for (const s of totalStake(params.alphaStake, params.taoStake, params.taoWeight)) total += s;
  if (total > I64F64.max) {
    fail(
      "alpha_stake",
      "the total stake (alpha + tao · tao_weight over all uids) reaches 2^63 rao",
      "a total below 2^63 rao",
    );
  }
  return params;
}

/**
 * Validates one mechanism's weights, bonds and last_update. With `scratch`, the CSR matrices live
 * in its buffers (slots named after the fields, so several mechanisms can coexist) and are only
 * valid until the next validation with the same scratch.
 */
export function validateMechanismState(
  raw: unknown,
  n: number,
  prefix = "",
  scratch?: Scratch,
): MechanismState {
  const x = object(prefix === "" ? "input" : prefix.slice(0, -1), raw);
  return {
    weights: sparseU16(`${prefix}weights`, x.weights, n, scratch),
    bonds: sparseU16(`${prefix}bonds`, x.bonds, n, scratch),
    lastUpdate: u64Array(`${prefix}last_update`, x.last_update, n),
  };
}

/** Validates a full `EpochInput`. */
export function validateEpochInput(
  raw: CompactEpochInput | unknown,
  scratch?: Scratch,
): {
  params: SubnetParams;
  mechanism: MechanismState;
  raoEmission: bigint;
} {
  const params = validateSubnetParams(raw);
  const x = raw as Record<string, unknown>;
  return {
    params,
    mechanism: validateMechanismState(raw, params.n, "", scratch),
    raoEmission: u64("rao_emission", x.rao_emission),
  };
}

/** Validates a `MechanismsInput` (spec §0.3). */
export function validateMechanismsInput(
  raw: CompactMechanismsInput | unknown,
  scratch?: Scratch,
): {
  params: SubnetParams;
  mechanisms: MechanismState[];
  raoEmission: bigint;
  split: number[] | null;
} {
  const params = validateSubnetParams(raw);
  const x = raw as Record<string, unknown>;
  const count = intIn("mechanism_count", x.mechanism_count, 1, 255, "u8 mechanism count ≥ 1");
  const split =
    x.emission_split === null
      ? null
      : array("emission_split", x.emission_split).map((s, i) => u16(`emission_split[${i}]`, s));
  const mechs = array("mechanisms", x.mechanisms, count) as Array<CompactMechanismData | unknown>;
  return {
    params,
    mechanisms: mechs.map((m, k) => validateMechanismState(m, params.n, `mechanisms[${k}].`, scratch)),
    raoEmission: u64("rao_emission", x.rao_emission),
    split,
  };
}
