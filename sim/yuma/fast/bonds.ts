import { type Csr, CsrBuilder, nnz } from "./csr.ts";

/**
 * Step 11 of the epoch (shared spec §4): bonds and dividends, in float64. `wfb` are the weights for
 * bonds, `stored` the previous epoch's u16 bonds. Rows may come in any column order (the chain keeps
 * the stored order), so rows are combined through a dense accumulator of width n, as on chain.
 */
export interface BondsInput {
  n: number;
  wfb: Csr;
  stored: Csr<Uint16Array>;
  /** Per column: stored bonds to this uid survive (it registered before the last epoch). */
  keepCol: Uint8Array;
  activeStake: Float64Array;
  consensus: Float64Array;
  incentive: Float64Array;
  yuma3: boolean;
  liquidAlpha: boolean;
  bondsMovingAverage: number;
  alphaLow: number;
  alphaHigh: number;
  alphaSigmoidSteepness: number;
}

export interface BondsOutput {
  /** Dividends, normalised. */
  dividends: Float64Array;
  /** The matrix quantised for storage (Yuma2: column max-upscaled EMA; Yuma3: raw EMA). */
  ema: Csr;
  liquidAlphaUsed: boolean;
}

/**
 * The previous bonds as the epoch reads them, without copying: stored u16 entry `(i, j)` counts as
 * `val · scale[j]`, and entries with `scale[j] = 0` (bonds to uids registered since the last
 * epoch) or `j ≥ n` are absent.
 */
interface PrevBonds {
  m: Csr<Uint16Array>;
  scale: Float64Array;
}

/** Column scales: `unit` for kept columns, 0 for masked ones. */
function prevBonds(x: BondsInput, unit: number): PrevBonds {
  const scale = new Float64Array(x.n);
  for (let j = 0; j < x.n; j++) scale[j] = x.keepCol[j] === 1 ? unit : 0;
  return { m: x.stored, scale };
}

/** Yuma2: kept columns divided by their sums (EM:355; a zero column stays as it is). */
function prevBondsColNormalized(x: BondsInput): PrevBonds {
  const { n, stored, keepCol } = x;
  const sum = new Float64Array(n);
  for (let i = 0; i < n && i < stored.rows; i++) {
    for (let k = stored.rowPtr[i]; k < stored.rowPtr[i + 1]; k++) {
      const j = stored.col[k];
      if (j < n) sum[j] += stored.val[k];
    }
  }
  const scale = new Float64Array(n);
  for (let j = 0; j < n; j++) scale[j] = keepCol[j] === 1 ? (sum[j] > 0 ? 1 / sum[j] : 1) : 0;
  return { m: stored, scale };
}

/**
 * `mat_ema_sparse`: per row, `alpha·next + (1 − alpha)·prev` accumulated over a dense row, then the
 * values > 0 in column order. `next` entry `(i, j)` counts as `val · rowScale[i] · colScale[j]`
 * (Yuma2's column-normalised W_b ∘ S without materialising it). Leaves the result's column sums
 * in `sums`.
 */
function emaUnion(
  next: Csr,
  rowScale: Float64Array,
  colScale: Float64Array,
  prev: PrevBonds,
  alpha: number,
  n: number,
  sums: Float64Array,
): Csr {
  const { m: old, scale } = prev;
  const out = new CsrBuilder(n, nnz(next) + nnz(old), "ema");
  const acc = new Float64Array(n);
  const beta = 1 - alpha;
  sums.fill(0);
  for (let i = 0; i < n; i++) {
    const a0 = next.rowPtr[i];
    const a1 = next.rowPtr[i + 1];
    const b0 = i < old.rows ? old.rowPtr[i] : 0;
    const b1 = i < old.rows ? old.rowPtr[i + 1] : 0;
    if (a1 > a0 || b1 > b0) {
      const rs = rowScale[i];
      for (let k = a0; k < a1; k++) {
        const j = next.col[k];
        acc[j] += alpha * (next.val[k] * rs * colScale[j]);
      }
      for (let k = b0; k < b1; k++) {
        const j = old.col[k];
        if (j < n) acc[j] += beta * (old.val[k] * scale[j]);
      }
      for (let j = 0; j < n; j++) {
        const v = acc[j];
        if (v > 0) {
          out.push(j, v);
          sums[j] += v;
        }
        acc[j] = 0;
      }
    }
    out.endRow();
  }
  return out.copy();
}

/**
 * `mat_ema_alpha_sparse` with liquid alpha (RE:1435, RE:1505, EM:1464): one α per entry of the new
 * row from the sigmoid of the buy/sell gap, entries in the new row's order; old bonds whose column
 * is absent from the new row are dropped, not decayed. The α inputs come from the chain's ascending
 * walk over each row, which does not see an entry that follows a larger column (unsorted rows).
 */
function emaLiquid(x: BondsInput, prev: PrevBonds, sums: Float64Array): Csr {
  const { m: stored, scale } = prev;
  const { n, wfb, consensus } = x;
  const low = x.alphaLow / 65535;
  const high = x.alphaHigh / 65535;
  const slope = -x.alphaSigmoidSteepness / 100;
  const out = new CsrBuilder(n, nnz(wfb), "ema");
  const old = new Float64Array(n);
  const oldSeen = new Float64Array(n);
  const newSeen = new Float64Array(n);
  sums.fill(0);
  for (let i = 0; i < n; i++) {
    const p0 = i < stored.rows ? stored.rowPtr[i] : 0;
    const p1 = i < stored.rows ? stored.rowPtr[i + 1] : 0;
    const w0 = wfb.rowPtr[i];
    const w1 = wfb.rowPtr[i + 1];
    for (let k = p0; k < p1; k++) {
      const j = stored.col[k];
      if (j < n && scale[j] !== 0) old[j] = stored.val[k] * scale[j];
    }
    visible(stored, p0, p1, oldSeen, scale);
    visible(wfb, w0, w1, newSeen, null);
    for (let k = w0; k < w1; k++) {
      const j = wfb.col[k];
      const wSeen = newSeen[j];
      const bSeen = oldSeen[j];
      // Buy gap clamp(w − c) when w ≥ b, else sell gap clamp(b − w). Both differences lie in
      // [−1, 1], so clamping is keeping the positive part; arithmetic selects avoid branches
      // whose outcome is unpredictable (x·1 and x·0 are exact).
      const buy = wSeen - consensus[j];
      const sell = bSeen - wSeen;
      const up = +(wSeen >= bSeen);
      const gap = up * buy * +(buy > 0) + (1 - up) * sell * +(sell > 0);
      let z = slope * (gap - 0.5);
      z = z < -20 ? -20 : z > 20 ? 20 : z;
      const sig = 1 / (1 + Math.exp(z));
      let alpha = low + sig * (high - low);
      alpha = alpha < low ? low : alpha > high ? high : alpha;
      const add = alpha * wfb.val[k];
      let v = (1 - alpha) * old[j] + (add > 0 ? add : 0);
      if (v > 1) v = 1;
      if (v > 0) {
        out.push(j, v);
        sums[j] += v;
      }
    }
    for (let k = p0; k < p1; k++) if (stored.col[k] < n) old[stored.col[k]] = 0;
    clear(stored, p0, p1, oldSeen);
    clear(wfb, w0, w1, newSeen);
    out.endRow();
  }
  return out.copy();
}

/**
 * Writes in `dense` the entries of a row range that a walk over columns 0, 1, 2, … reports: an
 * entry whose column is below an earlier entry's is skipped. With `scale`, values are scaled per
 * column and entries with scale 0 (masked) or a column ≥ n are absent, as on chain.
 */
function visible(
  m: Csr<Float64Array | Uint16Array>,
  k0: number,
  k1: number,
  dense: Float64Array,
  scale: Float64Array | null,
): void {
  let next = 0;
  for (let k = k0; k < k1; k++) {
    const j = m.col[k];
    if (scale !== null && (j >= dense.length || scale[j] === 0)) continue;
    if (j >= next) {
      dense[j] = scale === null ? m.val[k] : m.val[k] * scale[j];
      next = j + 1;
    }
  }
}

/** Zeroes every column of a row range in `dense`. */
function clear(m: Csr<Float64Array | Uint16Array>, k0: number, k1: number, dense: Float64Array): void {
  for (let k = k0; k < k1; k++) if (m.col[k] < dense.length) dense[m.col[k]] = 0;
}

/** Divides every value by the sum where the sum is > 0 (in place); returns the vector. */
export function normalize(v: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i];
  if (sum > 0) for (let i = 0; i < v.length; i++) v[i] /= sum;
  return v;
}

export function bondsAndDividends(x: BondsInput): BondsOutput {
  const { n, wfb, incentive, activeStake } = x;
  const alpha = 1 - x.bondsMovingAverage / 1e6;
  const dividends = new Float64Array(n);
  const sums = new Float64Array(n);
  if (!x.yuma3) {
    // Yuma2: EMA of the column-normalised stake-scaled weights, dividends = B·I.
    const prev = prevBondsColNormalized(x);
    // ΔB = W_b ∘ S̃, column-normalised: column sums here, applied inside the EMA.
    const deltaScale = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = activeStake[i];
      for (let k = wfb.rowPtr[i]; k < wfb.rowPtr[i + 1]; k++) deltaScale[wfb.col[k]] += wfb.val[k] * s;
    }
    for (let j = 0; j < n; j++) deltaScale[j] = deltaScale[j] !== 0 ? 1 / deltaScale[j] : 1;
    const ema = emaUnion(wfb, activeStake, deltaScale, prev, alpha, n, sums);
    // Column-normalise, dividends and column maxima in one pass, then max-upscale for storage.
    const max = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let k = ema.rowPtr[i]; k < ema.rowPtr[i + 1]; k++) {
        const j = ema.col[k];
        const v = ema.val[k] / sums[j];
        ema.val[k] = v;
        d += incentive[j] * v;
        if (v > max[j]) max[j] = v;
      }
      dividends[i] = d;
    }
    normalize(dividends);
    const len = nnz(ema);
    for (let k = 0; k < len; k++) ema.val[k] /= max[ema.col[k]];
    return { dividends, ema, liquidAlphaUsed: false };
  }
  // Yuma3: per-bond EMA toward the weights themselves; bonds are stored as proportions.
  const prev = prevBonds(x, 1 / 65535);
  const useLiquid = x.liquidAlpha && x.consensus.some((c) => c !== 0);
  const ones = new Float64Array(n).fill(1);
  const ema = useLiquid ? emaLiquid(x, prev, sums) : emaUnion(wfb, ones, ones, prev, alpha, n, sums);
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let k = ema.rowPtr[i]; k < ema.rowPtr[i + 1]; k++) {
      const j = ema.col[k];
      t += (ema.val[k] / sums[j]) * incentive[j];
    }
    dividends[i] = t * activeStake[i];
  }
  normalize(dividends);
  return { dividends, ema, liquidAlphaUsed: useLiquid };
}
