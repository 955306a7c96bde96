/**
 * subtensor's epoch math primitives (`pallets/subtensor/src/epoch/math.rs`, "EM:<line>" at
 * @14bc6f9), exact on I32F32 bits held in numbers (sim/fixed/fixnum.ts) over CSR matrices
 * (sim/yuma/sparse.ts). Sparse variants only: the production epoch is the sparse one (shared
 * spec/yuma.md §4). Each function keeps the chain's loop order, its `get(..).unwrap_or(..)`
 * defaults and its plain (wrapping) vs saturating sums; sums of the values involved stay far
 * below 2^53 (and below I32F32::MAX), so plain number addition is exact and never saturates.
 * Functions named `inplace*` / `mask*` modify their matrix argument like the chain's `&mut`
 * versions; the others return new matrices.
 */
import {
  checkedMulOrZero,
  div,
  fixedProportionToU16,
  MUL_SPLIT_MAX,
  mul,
  mulSplit,
  ONE,
  splitFactor,
  U16_PROPORTION,
} from "../fixed/fixnum.ts";
import { divRecip, reciprocal } from "./recip.ts";
import type { Scratch } from "./scratch.ts";
import { type Csr, CsrBuilder, filterInPlace, nnz } from "./sparse.ts";

export { fixedProportionToU16 };

/** EM:43 `u16_proportion_to_fixed`: bits trunc(x·2^32 / 65535). */
export const u16ProportionToFixed = (x: number): number => U16_PROPORTION[x];

/** EM:49 `fixed_to_fixed_u16_proportion`: `x.safe_div(65535)`. */
export const fixedToFixedU16Proportion = (x: number): number => div(x, 65535 * ONE);

const sum = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
};

/** EM:254 `inplace_normalize`: plain sum; unchanged when it is 0, else `safe_div` each. */
export function inplaceNormalize(x: number[]): void {
  const s = sum(x);
  if (s === 0) return;
  for (let i = 0; i < x.length; i++) x[i] = div(x[i], s);
}

/** EM:264 `inplace_normalize_using_sum`. */
export function inplaceNormalizeUsingSum(x: number[], s: number): void {
  if (s === 0) return;
  for (let i = 0; i < x.length; i++) x[i] = div(x[i], s);
}

/** EM:487 `inplace_mask_vector`: an empty mask masks nothing; entries past the mask are masked. */
export function inplaceMaskVector(mask: readonly boolean[], v: number[]): void {
  if (mask.length === 0) return;
  for (let i = 0; i < v.length; i++) if (mask[i] ?? true) v[i] = 0;
}

/** EM:227 `is_topk_nonzero`: non-zero entries, then the n − k smallest (stable ascending sort) cleared. */
export function isTopkNonzero(v: readonly number[], k: number): boolean[] {
  const n = v.length;
  const result = v.map((x) => x !== 0);
  if (n < k) return result;
  const idxs = Array.from({ length: n }, (_, i) => i);
  idxs.sort((a, b) => v[a] - v[b] || a - b); // stable: ties keep uid order
  for (let t = 0; t < n - k; t++) result[idxs[t]] = false;
  return result;
}

/** EM:325 `inplace_row_normalize_sparse`: rows with plain sum > 0 divided by it. */
export function inplaceRowNormalizeSparse(m: Csr): void {
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) s += m.val[k];
    if (s > 0) for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) m.val[k] = div(m.val[k], s);
  }
}

/** EM:347 `row_sum_sparse` (plain sums). */
export function rowSumSparse(m: Csr): number[] {
  const out = new Array<number>(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) s += m.val[k];
    out[i] = s;
  }
  return out;
}

/** Column sums (`columns` wide; entries beyond are ignored like `col_sum.get_mut(j)` = None). */
function columnSums(m: Csr, columns: number): Float64Array {
  const s = new Float64Array(columns);
  const end = nnz(m);
  for (let k = 0; k < end; k++) if (m.col[k] < columns) s[m.col[k]] += m.val[k];
  return s;
}

/** EM:355 `inplace_col_normalize_sparse`: saturating column sums, divide where the sum ≠ 0. */
export function inplaceColNormalizeSparse(m: Csr, columns: number): void {
  divideColumns(m, columnSums(m, columns));
}

/** `m_ij = safe_div(m_ij, d_j)` where `d_j` ≠ 0 (columns past `d` are left alone). */
function divideColumns(m: Csr, d: Float64Array): void {
  const inv = new Float64Array(d.length);
  for (let j = 0; j < d.length; j++) inv[j] = reciprocal(d[j]);
  const end = nnz(m);
  for (let k = 0; k < end; k++) {
    const j = m.col[k];
    if (j < d.length && d[j] !== 0) m.val[k] = divRecip(m.val[k], d[j], inv[j]);
  }
}

/** EM:420 `inplace_col_max_upscale_sparse`: divide by the column maximum where it is ≠ 0. */
export function inplaceColMaxUpscaleSparse(m: Csr, columns: number): void {
  const colMax = new Float64Array(columns);
  const end = nnz(m);
  for (let k = 0; k < end; k++) {
    const j = m.col[k];
    if (j < columns && colMax[j] < m.val[k]) colMax[j] = m.val[k];
  }
  divideColumns(m, colMax);
}

/** EM:612 `scalar_vec_mask_sparse_matrix`: drop (i, j) where `maskFn(scalar, vector[j] ?? 0)`. */
export function scalarVecMaskSparseMatrix(
  m: Csr,
  scalar: number,
  vector: readonly number[],
  maskFn: (a: number, b: number) => boolean,
): Csr {
  const keep = vector.map((v) => !maskFn(scalar, v));
  const keepMissing = !maskFn(scalar, 0);
  return filterInPlace(m, (_i, j) => keep[j] ?? keepMissing);
}

/**
 * EM:767 `row_hadamard_sparse`: `m_ij · v_i`; rows past the vector are cut (`break`). With
 * `scratch`, the result shares `m`'s structure arrays and keeps its values in scratch memory.
 */
export function rowHadamardSparse(m: Csr, v: readonly number[], scratch?: Scratch): Csr {
  const rows = Math.min(m.rows, v.length);
  const val = scratch?.float64("hadamard.val", nnz(m)) ?? new Float64Array(nnz(m));
  for (let i = 0; i < rows; i++) {
    const s = v[i];
    if (s >= 0 && s <= 2 * ONE) {
      const [sh, sl] = splitFactor(s);
      for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
        const x = m.val[k];
        val[k] = x >= 0 && x <= MUL_SPLIT_MAX ? mulSplit(sh, sl, x) : mul(x, s);
      }
    } else {
      for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) val[k] = mul(m.val[k], s);
    }
  }
  const ptr = m.ptr.slice(0, rows + 1);
  return { rows, ptr, col: scratch === undefined ? m.col.slice(0, ptr[rows]) : m.col, val };
}

/** EM:861 `matmul_sparse`: `r_j = Σ_i v_i · m_ij` (saturating), rows in order; missing v = 0. */
export function matmulSparse(m: Csr, v: readonly number[], columns: number): number[] {
  const r = new Array<number>(columns).fill(0);
  for (let i = 0; i < m.rows; i++) {
    const s = v[i] ?? 0;
    if (s === 0) continue; // 0 · x = 0 adds nothing
    if (s > 0 && s <= 2 * ONE) {
      const [sh, sl] = splitFactor(s);
      for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
        const x = m.val[k];
        if (m.col[k] < columns) r[m.col[k]] += x >= 0 && x <= MUL_SPLIT_MAX ? mulSplit(sh, sl, x) : mul(s, x);
      }
    } else {
      for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) if (m.col[k] < columns) r[m.col[k]] += mul(s, m.val[k]);
    }
  }
  return r;
}

/** EM:883 `matmul_transpose_sparse`: `d_i = Σ_j v_j · m_ij` (saturating); missing v = 0. */
export function matmulTransposeSparse(m: Csr, v: readonly number[]): number[] {
  const { high, low, splittable } = splitVector(v);
  const out = new Array<number>(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let acc = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
      const j = m.col[k];
      const x = m.val[k];
      acc +=
        splittable[j] === 1 && x >= 0 && x <= MUL_SPLIT_MAX
          ? mulSplit(high[j], low[j], x)
          : mul(v[j] ?? 0, x);
    }
    out[i] = acc;
  }
  return out;
}

/** Per-entry `splitFactor` of a vector of factors (entries outside [0, 2^33] are marked unsplittable). */
function splitVector(v: readonly number[]): {
  high: Float64Array;
  low: Float64Array;
  splittable: Uint8Array;
} {
  const high = new Float64Array(v.length);
  const low = new Float64Array(v.length);
  const splittable = new Uint8Array(v.length);
  for (let j = 0; j < v.length; j++) {
    if (v[j] >= 0 && v[j] <= 2 * ONE) {
      [high[j], low[j]] = splitFactor(v[j]);
      splittable[j] = 1;
    }
  }
  return { high, low, splittable };
}

/** EM:921 `col_clip_sparse`: keep w ≤ t_j; above it, replace by t_j when t_j > 0, else drop. */
export function colClipSparse(m: Csr, threshold: readonly number[], scratch?: Scratch): Csr {
  // Clipping never adds entries: the input's size bounds the output.
  const ptr = new Int32Array(m.rows + 1);
  const col = scratch?.int32("clip.col", nnz(m)) ?? new Int32Array(nnz(m));
  const val = scratch?.float64("clip.val", nnz(m)) ?? new Float64Array(nnz(m));
  let w = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
      const j = m.col[k];
      const x = m.val[k];
      const t = threshold[j] ?? 0;
      if (t < x) {
        if (t > 0) {
          col[w] = j;
          val[w++] = t;
        }
      } else {
        col[w] = j;
        val[w++] = x;
      }
    }
    ptr[i + 1] = w;
  }
  return { rows: m.rows, ptr, col, val };
}

/**
 * `col_clip_sparse(m, threshold)` (EM:921) together with `row_sum_sparse` (EM:347) and
 * `matmul_sparse(·, v, columns)` (EM:861) of the clipped matrix, in one pass: each entry is
 * added to the same sums in the same order as the three separate functions add it.
 */
export function colClipRowSumMatmul(
  m: Csr,
  threshold: readonly number[],
  v: readonly number[],
  columns: number,
  scratch?: Scratch,
): { clipped: Csr; rowSums: number[]; product: number[] } {
  const ptr = new Int32Array(m.rows + 1);
  const col = scratch?.int32("clip.col", nnz(m)) ?? new Int32Array(nnz(m));
  const val = scratch?.float64("clip.val", nnz(m)) ?? new Float64Array(nnz(m));
  const rowSums = new Array<number>(m.rows);
  const product = new Array<number>(columns).fill(0);
  let w = 0;
  for (let i = 0; i < m.rows; i++) {
    const s = v[i] ?? 0;
    const split = s > 0 && s <= 2 * ONE;
    const [sh, sl] = split ? splitFactor(s) : [0, 0];
    let sum = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
      const j = m.col[k];
      const t = threshold[j] ?? 0;
      let x = m.val[k];
      if (t < x) {
        if (t <= 0) continue; // dropped
        x = t;
      }
      col[w] = j;
      val[w++] = x;
      sum += x;
      if (s !== 0 && j < columns) {
        product[j] += split && x >= 0 && x <= MUL_SPLIT_MAX ? mulSplit(sh, sl, x) : mul(s, x);
      }
    }
    rowSums[i] = sum;
    ptr[i + 1] = w;
  }
  return { clipped: { rows: m.rows, ptr, col, val }, rowSums, product };
}

/** Reusable index buffers of `weightedMedian` (three of at least the partition's length). */
export interface MedianScratch {
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
}
export const medianScratch = (len: number): MedianScratch => ({
  a: new Int32Array(len),
  b: new Int32Array(len),
  c: new Int32Array(len),
});

/**
 * EM:975 `weighted_median` over the indices `partition` (deterministic mid pivot). Note the
 * asymmetric comparisons (`<` for the lower side, `<=` for the upper side) and the iteration limit.
 */
export function weightedMedian(
  stake: ArrayLike<number>,
  score: ArrayLike<number>,
  partition: ArrayLike<number>,
  minority: number,
  partitionLo: number,
  partitionHi: number,
): number {
  if (stake.length !== score.length) return 0;
  return weightedMedianAt(
    stake,
    score,
    0,
    partition,
    minority,
    partitionLo,
    partitionHi,
    medianScratch(partition.length),
  );
}

/** `weightedMedian` on `score[offset + idx]` (a column of a column-major block) with reusable buffers. */
function weightedMedianAt(
  stake: ArrayLike<number>,
  score: ArrayLike<number>,
  offset: number,
  partition: ArrayLike<number>,
  minority: number,
  partitionLo: number,
  partitionHi: number,
  scratch: MedianScratch,
  medianOfThree = false,
): number {
  const limit = partition.length;
  let cur = scratch.a;
  let lower = scratch.b;
  let upper = scratch.c;
  for (let t = 0; t < limit; t++) cur[t] = partition[t];
  let len = limit;
  let lo = partitionLo;
  let hi = partitionHi;
  for (let iteration = 0; ; ) {
    if (len === 0) return 0;
    if (len === 1) return score[offset + cur[0]] ?? 0;
    let pivot = score[offset + cur[len >>> 1]] ?? 0;
    if (medianOfThree && len > 16) {
      // Any value of the partition gives the same result (proof at weightedMedianColSparse);
      // the median of three splits closer to the middle, so fewer passes follow.
      const x = score[offset + cur[0]];
      const y = score[offset + cur[len - 1]];
      const lo = x < y ? x : y;
      const hi = x < y ? y : x;
      pivot = pivot < lo ? lo : pivot > hi ? hi : pivot;
    }
    let loStake = 0;
    let hiStake = 0;
    let nl = 0;
    let nu = 0;
    // Branch-free partition (the comparisons are unpredictable): every index is written to both
    // sides and only the matching side's count advances; equal-to-pivot entries advance neither.
    // `flag · stake` is exact (flag 0 or 1), so the sums are the chain's saturating sums.
    for (let t = 0; t < len; t++) {
      const idx = cur[t];
      const s = score[offset + idx];
      const st = stake[idx];
      const l = +(s < pivot);
      const u = +(s > pivot);
      lower[nl] = idx;
      upper[nu] = idx;
      nl += l;
      nu += u;
      loStake += l * st;
      hiStake += u * st;
    }
    if (minority < lo + loStake && nl > 0) {
      hi = lo + loStake;
      const t = cur;
      cur = lower;
      lower = t;
      len = nl;
    } else if (hi - hiStake <= minority && nu > 0) {
      lo = hi - hiStake;
      const t = cur;
      cur = upper;
      upper = t;
      len = nu;
    } else {
      return pivot;
    }
    iteration++;
    if (iteration > limit) return 0;
  }
}

/**
 * EM:1121 `weighted_median_col_sparse`: the positive stakes (uid order) renormalised; for each
 * column the stake-weighted median of the scores of those rows (missing entry = 0).
 *
 * The pivot loop's result does not depend on which partition value is the pivot, so the columns
 * use a median-of-three pivot (fewer passes). Why: with W(<v), W(≤v) the stake of scores below /
 * up to v, the loop keeps `lo` = stake below the partition ≤ minority and `hi` = lo + its stake;
 * it goes lower iff minority < W(<p), upper iff W(≤p) ≤ minority (and the side is not empty),
 * and otherwise returns p; each step drops the pivot's value, so the iteration limit is never
 * reached. It therefore returns the smallest score v with W(≤v) > minority, or the largest score
 * when there is none (minority ≥ the total), or 0 without rows, whatever the pivots. (A negative
 * minority, majority above the stake sum, only ever goes lower: the smallest score, the same
 * formula.) Sums are of integers below 2^53, so exact.
 */
export function weightedMedianColSparse(
  stake: readonly number[],
  score: Csr,
  columns: number,
  majority: number,
  scratch?: Scratch,
): number[] {
  const positive = stake.filter((s) => s > 0);
  inplaceNormalize(positive);
  const useStake = Float64Array.from(positive);
  const k = useStake.length;
  const stakeSum = sum(useStake);
  const minority = stakeSum - majority; // saturating_sub; both operands are small
  // Rows of positive stake (the median's rows, r = 0..k−1) and whether all are sorted by column.
  const rowOf = new Int32Array(k);
  let sorted = true;
  for (let i = 0, r = 0; i < stake.length; i++) {
    if (stake[i] > 0) {
      rowOf[r++] = i;
      if (i >= score.rows) continue; // no row: every score 0 (the block is cleared)
      for (let t = score.ptr[i] + 1; t < score.ptr[i + 1]; t++)
        if (score.col[t] <= score.col[t - 1]) sorted = false;
    }
  }
  // The scores go to a column-major dense block (column c at [(c − c0)·k, (c − c0 + 1)·k)), one
  // chunk of columns at a time: with sorted rows, a per-row cursor fills a chunk that stays in
  // cache while its medians are taken. Unsorted rows are scattered in a single chunk.
  const chunk = sorted ? Math.max(1, Math.floor(65536 / Math.max(k, 1))) : Math.max(columns, 1);
  const width = Math.min(chunk, columns);
  const block = scratch?.float64("median.score", width * k) ?? new Float64Array(width * k);
  const cursor = new Int32Array(k);
  for (let r = 0; r < k && rowOf[r] < score.rows; r++) cursor[r] = score.ptr[rowOf[r]];
  const stakeIdx = Int32Array.from({ length: k }, (_, i) => i);
  const buffers = medianScratch(k);
  const median = new Array<number>(columns);
  for (let c0 = 0; c0 < columns; c0 += chunk) {
    const c1 = Math.min(columns, c0 + chunk);
    block.fill(0, 0, (c1 - c0) * k);
    for (let r = 0; r < k; r++) {
      const i = rowOf[r];
      if (i >= score.rows) break;
      const end = score.ptr[i + 1];
      let t = cursor[r];
      if (sorted) {
        for (; t < end && score.col[t] < c1; t++) block[(score.col[t] - c0) * k + r] = score.val[t];
      } else {
        for (; t < end; t++) if (score.col[t] < columns) block[score.col[t] * k + r] = score.val[t];
      }
      cursor[r] = t;
    }
    for (let c = c0; c < c1; c++) {
      median[c] = weightedMedianAt(
        useStake,
        block,
        (c - c0) * k,
        stakeIdx,
        minority,
        0,
        stakeSum,
        buffers,
        true,
      );
    }
  }
  return median;
}

/**
 * EM:1247 `interpolate_sparse`: ratio 0 → a, ratio 1 → b (returned as is), otherwise for every row
 * and every column `a + ratio·(b − a)` (saturating), kept when > 0, in column order.
 */
export function interpolateSparse(a: Csr, b: Csr, columns: number, ratio: number): Csr {
  if (ratio === 0) return a;
  if (ratio === ONE) return b;
  if (a.rows !== b.rows) return b;
  const row1 = new Float64Array(columns);
  const row2 = new Float64Array(columns);
  const out = new CsrBuilder(a.rows, nnz(a) + nnz(b));
  for (let i = 0; i < a.rows; i++) {
    const empty = a.ptr[i] === a.ptr[i + 1] && b.ptr[i] === b.ptr[i + 1];
    if (!empty) {
      // Missing entries are 0 and 0 + ratio·(0 − 0) = 0 is never kept, so only touched columns
      // can produce output; a dense scan keeps the chain's column order.
      for (let k = a.ptr[i]; k < a.ptr[i + 1]; k++) if (a.col[k] < columns) row1[a.col[k]] = a.val[k];
      for (let k = b.ptr[i]; k < b.ptr[i + 1]; k++) if (b.col[k] < columns) row2[b.col[k]] = b.val[k];
      for (let j = 0; j < columns; j++) {
        const v1 = row1[j];
        const x = v1 + mul(ratio, row2[j] - v1);
        if (x > 0) out.push(j, x);
        row1[j] = 0;
        row2[j] = 0;
      }
    }
    out.endRow();
  }
  return out.done();
}

/** EM:1303 `vec_mul`: element-wise `checked_mul`, 0 on overflow. */
export const vecMul = (a: readonly number[], b: readonly number[]): number[] => {
  const n = Math.min(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = checkedMulOrZero(a[i], b[i]);
  return out;
};

/** Whether row i's columns strictly increase (sorted, no duplicates). */
function isSortedRow(m: Csr, i: number): boolean {
  for (let k = m.ptr[i] + 1; k < m.ptr[i + 1]; k++) if (m.col[k] <= m.col[k - 1]) return false;
  return true;
}

/** `mul(c, v)`, through `mulSplit` (h, l = `splitFactor(c)`) where both are in its envelope. */
const scaleBy = (split: boolean, h: number, l: number, c: number, v: number): number =>
  split && v >= 0 && v <= MUL_SPLIT_MAX ? mulSplit(h, l, v) : mul(c, v);

/** The EMA's two constant factors, `alpha` and `rest = 1 − alpha`, with their split halves. */
interface EmaFactors {
  split: boolean;
  ah: number;
  al: number;
  alpha: number;
  bh: number;
  bl: number;
  rest: number;
}

/**
 * One row of `matEmaSparse` when both rows are sorted: a merge by column that writes the entries
 * > 0 at `col/val[w..]` and returns the new end. Columns ≥ n (skipped by the chain's
 * `acc.get_mut(j)` = None) can only sit at the end of a sorted row, so they are cut first.
 */
function emaMergeRow(
  next: Csr,
  old: Csr,
  i: number,
  hasOld: boolean,
  f: EmaFactors,
  col: Int32Array,
  val: Float64Array,
  w: number,
): number {
  const n = next.rows;
  const { split, ah, al, alpha, bh, bl, rest } = f;
  const nc = next.col;
  const nv = next.val;
  const oc = old.col;
  const ov = old.val;
  let a = next.ptr[i];
  let aEnd = next.ptr[i + 1];
  let b = hasOld ? old.ptr[i] : 0;
  let bEnd = hasOld ? old.ptr[i + 1] : 0;
  while (aEnd > a && nc[aEnd - 1] >= n) aEnd--;
  while (bEnd > b && oc[bEnd - 1] >= n) bEnd--;
  while (a < aEnd && b < bEnd) {
    const ja = nc[a];
    const jb = oc[b];
    let j: number;
    let x: number;
    if (ja === jb) {
      j = ja;
      x = scaleBy(split, ah, al, alpha, nv[a++]) + scaleBy(split, bh, bl, rest, ov[b++]);
    } else if (ja < jb) {
      j = ja;
      x = scaleBy(split, ah, al, alpha, nv[a++]);
    } else {
      j = jb;
      x = scaleBy(split, bh, bl, rest, ov[b++]);
    }
    if (x > 0) {
      col[w] = j;
      val[w++] = x;
    }
  }
  for (; a < aEnd; a++) {
    const x = scaleBy(split, ah, al, alpha, nv[a]);
    if (x > 0) {
      col[w] = nc[a];
      val[w++] = x;
    }
  }
  for (; b < bEnd; b++) {
    const x = scaleBy(split, bh, bl, rest, ov[b]);
    if (x > 0) {
      col[w] = oc[b];
      val[w++] = x;
    }
  }
  return w;
}

/**
 * EM:1406 `mat_ema_sparse`: per row a dense accumulator as wide as the number of rows,
 * `acc_j += alpha·new_ij` then `acc_j += (1 − alpha)·old_ij` (saturating); entries > 0 in column order.
 */
export function matEmaSparse(next: Csr, old: Csr, alpha: number): Csr {
  const n = next.rows;
  const oneMinusAlpha = ONE - alpha;
  // The two factors are constant: split once for mulSplit (only valid for factors in [0, 2^33]).
  const split = alpha >= 0 && alpha <= ONE;
  const [ah, al] = split ? splitFactor(alpha) : [0, 0];
  const [bh, bl] = split ? splitFactor(oneMinusAlpha) : [0, 0];
  const factors: EmaFactors = { split, ah, al, alpha, bh, bl, rest: oneMinusAlpha };
  const acc = new Float64Array(n);
  // Only touched columns can be > 0, at most n per row: the output is allocated once at that
  // bound (for dense rows it is the exact size), so it needs no copy when it escapes the epoch.
  let cap = 0;
  for (let i = 0; i < n; i++) {
    const len = next.ptr[i + 1] - next.ptr[i] + (i < old.rows ? old.ptr[i + 1] - old.ptr[i] : 0);
    cap += len < n ? len : n;
  }
  const ptr = new Int32Array(n + 1);
  const col = new Int32Array(cap);
  const val = new Float64Array(cap);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const hasOld = i < old.rows && old.ptr[i] < old.ptr[i + 1];
    if (isSortedRow(next, i) && (!hasOld || isSortedRow(old, i))) {
      // Both rows strictly increasing: a merge visits the same (column, sum) pairs in the same
      // column order as the dense accumulator scan, without touching the n − nnz empty columns.
      w = emaMergeRow(next, old, i, hasOld, factors, col, val, w);
    } else {
      for (let k = next.ptr[i]; k < next.ptr[i + 1]; k++)
        if (next.col[k] < n) acc[next.col[k]] += scaleBy(split, ah, al, alpha, next.val[k]);
      if (hasOld) {
        for (let k = old.ptr[i]; k < old.ptr[i + 1]; k++)
          if (old.col[k] < n) acc[old.col[k]] += scaleBy(split, bh, bl, oneMinusAlpha, old.val[k]);
      }
      for (let j = 0; j < n; j++) {
        const x = acc[j];
        if (x !== 0) {
          if (x > 0) {
            col[w] = j;
            val[w++] = x;
          }
          acc[j] = 0;
        }
      }
    }
    ptr[i + 1] = w;
  }
  return w === cap
    ? { rows: n, ptr, col, val }
    : { rows: n, ptr, col: col.subarray(0, w), val: val.subarray(0, w) };
}

/** `mul(c, v)` for a factor used once: split on the spot where `mulSplit` applies (cheaper than TwoProduct). */
function mulAny(c: number, v: number): number {
  if (c >= 0 && c <= 2 * ONE && v >= 0 && v <= MUL_SPLIT_MAX) {
    const high = Math.floor(c / 65536);
    return mulSplit(high, c - high * 65536, v);
  }
  return mul(c, v);
}

/**
 * EM:1464 `mat_ema_alpha_sparse` with the alpha matrix given as a function `alphaAt(i, j)` for
 * 0 ≤ j < `width` (the alpha rows' length). The epoch computes liquid alphas lazily, only where
 * they are read, calling rows in order. Old entries are decayed `(1 − α_ij)·old_ij` into a dense
 * row (a later duplicate overwrites); then **in the new row's order** (which need not be sorted)
 * each entry gives `min(decayed_j + max(α_ij·new_ij, 0), 1)`, kept when > 0. Old bonds whose
 * column is absent from the new row are dropped, not decayed (spec §4 step 11b.3).
 */
export function matEmaAlphaSparseWith(
  next: Csr,
  old: Csr,
  width: number,
  alphaAt: (i: number, j: number) => number,
): Csr {
  const oldVal = new Float64Array(width);
  const hasOld = new Uint8Array(width);
  const rows = Math.min(next.rows, old.rows);
  const out = new CsrBuilder(rows, nnz(next));
  for (let i = 0; i < rows; i++) {
    if (next.ptr[i] < next.ptr[i + 1]) {
      for (let k = old.ptr[i]; k < old.ptr[i + 1]; k++) {
        if (old.col[k] < width) {
          oldVal[old.col[k]] = old.val[k];
          hasOld[old.col[k]] = 1;
        }
      }
      for (let k = next.ptr[i]; k < next.ptr[i + 1]; k++) {
        const j = next.col[k];
        if (j >= width) continue;
        const a = alphaAt(i, j);
        const decayed = hasOld[j] === 1 ? mulAny(ONE - a, oldVal[j]) : 0;
        const inc = Math.max(mulAny(a, next.val[k]), 0);
        const val = Math.min(decayed + inc, ONE);
        if (val > 0) out.push(j, val);
      }
      for (let k = old.ptr[i]; k < old.ptr[i + 1]; k++) if (old.col[k] < width) hasOld[old.col[k]] = 0;
    }
    out.endRow();
  }
  return out.done();
}

/** EM:1464 `mat_ema_alpha_sparse` with a dense alpha matrix (rows of I32F32 bits, equal widths). */
export function matEmaAlphaSparse(next: Csr, old: Csr, alpha: readonly number[][]): Csr {
  if (next.rows !== old.rows || next.rows !== alpha.length) return next;
  const width = alpha.length === 0 ? 0 : alpha[0].length;
  return matEmaAlphaSparseWith(next, old, width, (i, j) => alpha[i][j]);
}

/**
 * The entries the chain's peekable walk over row `i` reports while it scans columns 0, 1, 2, …
 * (RE:1462–1488): entries whose column is below the scan position are skipped, so in an unsorted
 * row (legal chain state) an entry that follows a larger column is never seen. Sorted rows report
 * every entry. Calls `visit(j, value)` for each reported entry.
 */
export function walkVisible(m: Csr, i: number, visit: (j: number, v: number) => void): void {
  let next = 0;
  for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
    const j = m.col[k];
    if (j >= next) {
      visit(j, m.val[k]);
      next = j + 1;
    }
  }
}

/**
 * `row_sum_sparse(mat_vec_mul_sparse(M', v))` where M' is `m` column-normalised as by
 * `inplace_col_normalize_sparse(M', columns)` (EM:355), without building M'.
 */
export function colNormalizedMatVecRowSum(m: Csr, columns: number, v: readonly number[]): number[] {
  const colSum = columnSums(m, columns);
  const inv = colSum.map(reciprocal);
  // v's entries are per-column constants: split them once for mulSplit where they allow it.
  const { high, low, splittable } = splitVector(v);
  const out = new Array<number>(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let acc = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
      const j = m.col[k];
      if (j >= v.length) continue; // `vector.get(j)` = None: no product
      const d = j < columns ? colSum[j] : 0;
      const e = d !== 0 ? divRecip(m.val[k], d, inv[j]) : m.val[k];
      acc +=
        splittable[j] === 1 && e >= 0 && e <= MUL_SPLIT_MAX ? mulSplit(high[j], low[j], e) : mul(e, v[j]);
    }
    out[i] = acc;
  }
  return out;
}
