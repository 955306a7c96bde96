/**
 * subtensor's epoch math primitives (`pallets/subtensor/src/epoch/math.rs`, "EM:<line>" at
 * @14bc6f9), exact on I32F32 bits held in numbers (sim/fixed/fixnum.ts). Sparse variants only: the
 * production epoch is the sparse one (shared spec/yuma.md §4). Each function keeps the chain's
 * loop order, its `get(..).unwrap_or(..)` defaults and its plain (wrapping) vs saturating sums;
 * sums of normalised values stay far below 2^53, so plain number addition is exact.
 */
import { checkedMulOrZero, div, fixedProportionToU16, mul, ONE, U16_PROPORTION } from "../fixed/fixnum.ts";
import { emptyRow, type Row, type Sparse } from "./sparse.ts";

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
export function inplaceRowNormalizeSparse(m: Sparse): void {
  for (const row of m) {
    const s = sum(row.v);
    if (s > 0) for (let k = 0; k < row.v.length; k++) row.v[k] = div(row.v[k], s);
  }
}

/** EM:347 `row_sum_sparse` (plain sums). */
export const rowSumSparse = (m: Sparse): number[] => m.map((r) => sum(r.v));

/** EM:355 `inplace_col_normalize_sparse`: saturating column sums, divide where the sum ≠ 0. */
export function inplaceColNormalizeSparse(m: Sparse, columns: number): void {
  const colSum = new Float64Array(columns);
  for (const row of m)
    for (let k = 0; k < row.j.length; k++) if (row.j[k] < columns) colSum[row.j[k]] += row.v[k];
  for (const row of m) {
    for (let k = 0; k < row.j.length; k++) {
      const d = row.j[k] < columns ? colSum[row.j[k]] : 0;
      if (d !== 0) row.v[k] = div(row.v[k], d);
    }
  }
}

/** EM:420 `inplace_col_max_upscale_sparse`: divide by the column maximum where it is ≠ 0. */
export function inplaceColMaxUpscaleSparse(m: Sparse, columns: number): void {
  const colMax = new Float64Array(columns);
  for (const row of m) {
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      if (j < columns && colMax[j] < row.v[k]) colMax[j] = row.v[k];
    }
  }
  for (const row of m) {
    for (let k = 0; k < row.j.length; k++) {
      const c = row.j[k] < columns ? colMax[row.j[k]] : 0;
      if (c !== 0) row.v[k] = div(row.v[k], c);
    }
  }
}

/** EM:667 `mask_rows_sparse`: rows whose mask entry is true (or missing) become empty. */
export const maskRowsSparse = (mask: readonly boolean[], m: Sparse): Sparse =>
  m.map((row, i) => ((mask[i] ?? true) ? emptyRow() : row));

function filterRow(row: Row, keep: (j: number) => boolean): Row {
  const out = emptyRow();
  for (let k = 0; k < row.j.length; k++) {
    if (keep(row.j[k])) {
      out.j.push(row.j[k]);
      out.v.push(row.v[k]);
    }
  }
  return out;
}

/** EM:683 / EM:699 `mask_diag_sparse[_except_index]`: drop i == j, except the given index's own entry. */
export const maskDiagSparse = (m: Sparse, exceptIndex: number | null): Sparse =>
  m.map((row, i) => filterRow(row, (j) => j !== i || (exceptIndex !== null && i === exceptIndex)));

/** EM:720 `vec_mask_sparse_matrix`: drop (i, j) where `maskFn(first[i] ?? 0, second[j] ?? 0)`. */
export function vecMaskSparseMatrix<T>(
  m: Sparse,
  first: readonly T[],
  second: readonly T[],
  zero: T,
  maskFn: (a: T, b: T) => boolean,
): Sparse {
  return m.map((row, i) => {
    const a = first[i] ?? zero;
    return filterRow(row, (j) => !maskFn(a, second[j] ?? zero));
  });
}

/** EM:612 `scalar_vec_mask_sparse_matrix`: drop (i, j) where `maskFn(scalar, vector[j] ?? 0)`. */
export const scalarVecMaskSparseMatrix = <T>(
  m: Sparse,
  scalar: T,
  vector: readonly T[],
  zero: T,
  maskFn: (a: T, b: T) => boolean,
): Sparse => m.map((row) => filterRow(row, (j) => !maskFn(scalar, vector[j] ?? zero)));

/** EM:767 `row_hadamard_sparse`: `m_ij · v_i`; stops at the shorter of rows / vector. */
export function rowHadamardSparse(m: Sparse, v: readonly number[]): Sparse {
  const out: Sparse = [];
  for (let i = 0; i < m.length && i < v.length; i++) {
    const s = v[i];
    const row = m[i];
    out.push({ j: row.j.slice(), v: row.v.map((x) => mul(x, s)) });
  }
  return out;
}

/** EM:861 `matmul_sparse`: `r_j = Σ_i v_i · m_ij` (saturating), rows in order; missing v = 0. */
export function matmulSparse(m: Sparse, v: readonly number[], columns: number): number[] {
  const r = new Array<number>(columns).fill(0);
  for (let i = 0; i < m.length; i++) {
    const s = v[i] ?? 0;
    const row = m[i];
    for (let k = 0; k < row.j.length; k++) if (row.j[k] < columns) r[row.j[k]] += mul(s, row.v[k]);
  }
  return r;
}

/** EM:883 `matmul_transpose_sparse`: `d_i = Σ_j v_j · m_ij` (saturating); missing v = 0. */
export function matmulTransposeSparse(m: Sparse, v: readonly number[]): number[] {
  return m.map((row) => {
    let acc = 0;
    for (let k = 0; k < row.j.length; k++) acc += mul(v[row.j[k]] ?? 0, row.v[k]);
    return acc;
  });
}

/** EM:921 `col_clip_sparse`: keep w ≤ t_j; above it, replace by t_j when t_j > 0, else drop. */
export function colClipSparse(m: Sparse, threshold: readonly number[]): Sparse {
  return m.map((row) => {
    const out = emptyRow();
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k];
      const w = row.v[k];
      const t = threshold[j] ?? 0;
      if (t < w) {
        if (t > 0) {
          out.j.push(j);
          out.v.push(t);
        }
      } else {
        out.j.push(j);
        out.v.push(w);
      }
    }
    return out;
  });
}

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
  const limit = partition.length;
  let cur = Int32Array.from(partition);
  let len = cur.length;
  let lower = new Int32Array(len);
  let upper = new Int32Array(len);
  let lo = partitionLo;
  let hi = partitionHi;
  for (let iteration = 0; ; ) {
    if (len === 0) return 0;
    if (len === 1) return score[cur[0]] ?? 0;
    const pivot = score[cur[len >>> 1]] ?? 0;
    let loStake = 0;
    let hiStake = 0;
    let nl = 0;
    let nu = 0;
    for (let t = 0; t < len; t++) {
      const idx = cur[t];
      const s = score[idx];
      if (s === pivot) continue;
      if (s < pivot) {
        loStake += stake[idx];
        lower[nl++] = idx;
      } else {
        hiStake += stake[idx];
        upper[nu++] = idx;
      }
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
 */
export function weightedMedianColSparse(
  stake: readonly number[],
  score: Sparse,
  columns: number,
  majority: number,
): number[] {
  const useStake = stake.filter((s) => s > 0);
  inplaceNormalize(useStake);
  const k = useStake.length;
  const stakeSum = sum(useStake);
  const minority = stakeSum - majority; // saturating_sub; both operands are small
  const stakeIdx = Int32Array.from({ length: k }, (_, i) => i);
  // Column-major dense score block: column c occupies [c·k, (c+1)·k).
  const useScore = new Float64Array(columns * k);
  let r = 0;
  for (let i = 0; i < stake.length && i < score.length; i++) {
    if (stake[i] > 0) {
      const row = score[i];
      for (let t = 0; t < row.j.length; t++) if (row.j[t] < columns) useScore[row.j[t] * k + r] = row.v[t];
      r++;
    }
  }
  const median = new Array<number>(columns);
  for (let c = 0; c < columns; c++) {
    median[c] = weightedMedian(
      useStake,
      useScore.subarray(c * k, (c + 1) * k),
      stakeIdx,
      minority,
      0,
      stakeSum,
    );
  }
  return median;
}

/**
 * EM:1247 `interpolate_sparse`: ratio 0 → a, ratio 1 → b (same objects' structure), otherwise for
 * every row and every column `a + ratio·(b − a)` (saturating), kept when > 0.
 */
export function interpolateSparse(a: Sparse, b: Sparse, columns: number, ratio: number): Sparse {
  if (ratio === 0) return a;
  if (ratio === ONE) return b;
  if (a.length !== b.length) return b;
  const row1 = new Float64Array(columns);
  const row2 = new Float64Array(columns);
  return a.map((ra, i) => {
    row1.fill(0);
    row2.fill(0);
    for (let k = 0; k < ra.j.length; k++) if (ra.j[k] < columns) row1[ra.j[k]] = ra.v[k];
    const rb = b[i];
    for (let k = 0; k < rb.j.length; k++) if (rb.j[k] < columns) row2[rb.j[k]] = rb.v[k];
    const out = emptyRow();
    for (let j = 0; j < columns; j++) {
      const v1 = row1[j];
      const x = v1 + mul(ratio, row2[j] - v1);
      if (x > 0) {
        out.j.push(j);
        out.v.push(x);
      }
    }
    return out;
  });
}

/** EM:1303 `vec_mul`: element-wise `checked_mul`, 0 on overflow. */
export const vecMul = (a: readonly number[], b: readonly number[]): number[] => {
  const n = Math.min(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = checkedMulOrZero(a[i], b[i]);
  return out;
};

/**
 * EM:1406 `mat_ema_sparse`: per row a dense accumulator as wide as the number of rows,
 * `acc_j += alpha·new_ij` then `acc_j += (1 − alpha)·old_ij` (saturating); entries > 0 in column order.
 */
export function matEmaSparse(next: Sparse, old: Sparse, alpha: number): Sparse {
  const n = next.length;
  if (n === 0) return [];
  const oneMinusAlpha = ONE - alpha;
  const acc = new Float64Array(n);
  const result: Sparse = [];
  for (let i = 0; i < n; i++) {
    acc.fill(0);
    const nr = next[i];
    for (let k = 0; k < nr.j.length; k++) if (nr.j[k] < n) acc[nr.j[k]] += mul(alpha, nr.v[k]);
    const or = old[i];
    if (or !== undefined) {
      for (let k = 0; k < or.j.length; k++) if (or.j[k] < n) acc[or.j[k]] += mul(oneMinusAlpha, or.v[k]);
    }
    const out = emptyRow();
    for (let j = 0; j < n; j++) {
      if (acc[j] > 0) {
        out.j.push(j);
        out.v.push(acc[j]);
      }
    }
    result.push(out);
  }
  return result;
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
  next: Sparse,
  old: Sparse,
  width: number,
  alphaAt: (i: number, j: number) => number,
): Sparse {
  const oldVal = new Float64Array(width);
  const hasOld = new Uint8Array(width);
  const result: Sparse = [];
  for (let i = 0; i < next.length && i < old.length; i++) {
    const nr = next[i];
    const or = old[i];
    const out = emptyRow();
    if (nr.j.length > 0) {
      for (let k = 0; k < or.j.length; k++) {
        if (or.j[k] < width) {
          oldVal[or.j[k]] = or.v[k];
          hasOld[or.j[k]] = 1;
        }
      }
      for (let k = 0; k < nr.j.length; k++) {
        const j = nr.j[k];
        if (j >= width) continue;
        const a = alphaAt(i, j);
        const decayed = hasOld[j] === 1 ? mul(ONE - a, oldVal[j]) : 0;
        const inc = Math.max(mul(a, nr.v[k]), 0);
        const val = Math.min(decayed + inc, ONE);
        if (val > 0) {
          out.j.push(j);
          out.v.push(val);
        }
      }
      for (let k = 0; k < or.j.length; k++) if (or.j[k] < width) hasOld[or.j[k]] = 0;
    }
    result.push(out);
  }
  return result;
}

/** EM:1464 `mat_ema_alpha_sparse` with a dense alpha matrix (rows of I32F32 bits, equal widths). */
export function matEmaAlphaSparse(next: Sparse, old: Sparse, alpha: readonly number[][]): Sparse {
  if (next.length !== old.length || next.length !== alpha.length) return next;
  const width = alpha.length === 0 ? 0 : alpha[0].length;
  return matEmaAlphaSparseWith(next, old, width, (i, j) => alpha[i][j]);
}

/**
 * The entries the chain's peekable walk over a sparse row reports while it scans columns
 * 0, 1, 2, … (RE:1462–1488): entries whose column is below the scan position are skipped, so in
 * an unsorted row (legal chain state) an entry that follows a larger column is never seen.
 * Sorted rows report every entry. Calls `visit(j, value)` for each reported entry.
 */
export function walkVisible(row: Row, visit: (j: number, v: number) => void): void {
  let next = 0;
  for (let k = 0; k < row.j.length; k++) {
    const j = row.j[k];
    if (j >= next) {
      visit(j, row.v[k]);
      next = j + 1;
    }
  }
}

/** EM:1332 `mat_vec_mul_sparse` followed by `row_sum_sparse`: `Σ_j m_ij · v_j` per row. */
export function matVecMulRowSum(m: Sparse, v: readonly number[]): number[] {
  return m.map((row) => {
    let acc = 0;
    for (let k = 0; k < row.j.length; k++) {
      const x = v[row.j[k]];
      if (x !== undefined) acc += mul(row.v[k], x);
    }
    return acc;
  });
}
