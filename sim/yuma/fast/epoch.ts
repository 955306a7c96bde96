import { bondsAndDividends, normalize } from "./bonds.ts";
import { type Csr, CsrBuilder, nnz } from "./csr.ts";
import { weightedMedian } from "./median.ts";
import { scratchF64 } from "./scratch.ts";
import type { FastEpochInput, FastEpochOutput } from "./types.ts";

/** `fixed_proportion_to_u16`: floor(x·65535) clamped to [0, 65535]. */
export const toU16 = (x: number): number => (x <= 0 ? 0 : x >= 1 ? 65535 : Math.floor(x * 65535));

function u16Of(v: Float64Array): Uint16Array {
  const out = new Uint16Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = toU16(v[i]);
  return out;
}

/**
 * One `epoch_mechanism` run in float64 (the "fast" mode): the steps, masks and sparse structure of
 * the chain's epoch (shared spec §4) with plain double arithmetic on typed arrays. It is not
 * bit-exact: fixed-point truncation, the Taylor-series `exp` and saturation are replaced by IEEE
 * doubles, so fixed-point outputs differ from the exact engine by rounding noise and u16/rao
 * outputs can differ by one unit where a value sits on a rounding boundary.
 */
export function epochFastArrays(x: FastEpochInput): FastEpochOutput {
  const n = x.n;
  const owner = x.ownerUid >= 0 && x.ownerUid < n ? x.ownerUid : -1;

  // 1. Activity: last update + cutoff >= current block (equality is active).
  const active = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const lu = i < x.lastUpdate.length ? x.lastUpdate[i] : 0;
    active[i] = lu + x.activityCutoff < x.currentBlock ? 0 : 1;
  }

  // 2. Stake: alpha + tao·TaoWeight, threshold filter (never the owner), normalised.
  const totalStake = new Float64Array(n);
  const rawStake = new Float64Array(n);
  const stake = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const total = x.alphaStake[i] + x.taoStake[i] * x.taoWeight;
    totalStake[i] = total;
    rawStake[i] = Math.floor(total);
    stake[i] = i !== owner && rawStake[i] < x.stakeThreshold ? 0 : total;
  }
  normalize(stake);

  // 3. Permits: the previous epoch's (owner forced) gate this epoch; top-k by stake for the next.
  const validatorPermitUsed = Uint8Array.from(x.validatorPermit);
  if (owner >= 0 && owner < validatorPermitUsed.length) validatorPermitUsed[owner] = 1;
  const permitted = (i: number): boolean => i < validatorPermitUsed.length && validatorPermitUsed[i] === 1;
  const newValidatorPermit = topKNonzero(stake, x.maxAllowedValidators);
  if (owner >= 0) newValidatorPermit[owner] = 1;

  // 4. Active stake: zero where inactive or not permitted, renormalised.
  const activeStake = new Float64Array(n);
  for (let i = 0; i < n; i++) activeStake[i] = active[i] === 1 && permitted(i) ? stake[i] : 0;
  normalize(activeStake);

  // 5–6. Weights: load (u16 as integers), mask rows, diagonal, outdated, commit-reveal; row-normalise.
  const [w, sorted] = maskWeights(x, owner, permitted);

  // 7. Consensus: stake-weighted median per column over validators with positive active stake.
  const consensus = columnConsensus(w, sorted, activeStake, n, x.kappa / 65535);

  // 8–9. Clip to consensus (entries above a zero consensus are dropped), validator trust, ranks.
  const len = nnz(w);
  const clip = new CsrBuilder(n, len, "clip");
  const validatorTrust = new Float64Array(n);
  const incentive = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = activeStake[i];
    let trust = 0;
    for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) {
      const j = w.col[k];
      const c = consensus[j];
      const wv = w.val[k];
      // min(wv, c) as an arithmetic select: the comparison with consensus is unpredictable, and
      // a mispredicted branch costs more than the two multiplications (x·1 and x·0 are exact).
      const below = +(wv < c);
      const v = below * wv + (1 - below) * c;
      if (c <= 0 && wv > c) continue;
      clip.push(j, v);
      trust += v;
      incentive[j] += s * v;
    }
    validatorTrust[i] = trust;
    clip.endRow();
  }
  const clipped = clip.done();
  normalize(incentive);

  // 10. Weights for bonds: W (penalty 0), clipped W (penalty 65535), else an interpolation.
  const wfb =
    x.bondsPenalty === 0
      ? w
      : x.bondsPenalty === 65535
        ? clipped
        : interpolate(w, clipped, x.bondsPenalty / 65535);

  // 11. Bonds and dividends; stored bonds to uids registered since the last epoch are dropped.
  const lastTempo =
    x.lastMechanismStepBlock === 0 ? Math.max(0, x.currentBlock - x.tempo) : x.lastMechanismStepBlock + 1;
  const keepCol = new Uint8Array(n);
  for (let j = 0; j < n; j++) keepCol[j] = lastTempo <= x.blockAtRegistration[j] ? 0 : 1;
  const { dividends, ema, liquidAlphaUsed } = bondsAndDividends({
    n,
    wfb,
    stored: x.bonds,
    keepCol,
    activeStake,
    consensus,
    incentive,
    yuma3: x.yuma3,
    liquidAlpha: x.liquidAlpha,
    bondsMovingAverage: x.bondsMovingAverage,
    alphaLow: x.alphaLow,
    alphaHigh: x.alphaHigh,
    alphaSigmoidSteepness: x.alphaSigmoidSteepness,
  });

  // 12. Normalised emissions; with no incentive at all, validators by (active) stake.
  const nSE = new Float64Array(n);
  const nVE = new Float64Array(n);
  let nCE = new Float64Array(n);
  let esum = 0;
  for (let i = 0; i < n; i++) {
    nCE[i] = incentive[i] + dividends[i];
    esum += nCE[i];
  }
  if (esum !== 0) {
    for (let i = 0; i < n; i++) {
      nSE[i] = incentive[i] / esum;
      nVE[i] = dividends[i] / esum;
    }
    normalize(nCE);
  } else {
    let activeSum = 0;
    for (let i = 0; i < n; i++) activeSum += activeStake[i];
    const by = activeSum === 0 ? stake : activeStake;
    nVE.set(by);
    nCE = Float64Array.from(by);
  }

  // 13. Rao: floor(x · rao).
  const rao = (v: Float64Array): Float64Array => v.map((e) => Math.floor(e * x.raoEmission));

  // 14. Stored bonds: rows of uids with a new permit, every entry quantised (zeros written).
  const bonds = storedBonds(ema, newValidatorPermit);

  return {
    active,
    totalStake,
    rawStake,
    stake,
    stakeWeight: u16Of(stake),
    validatorPermitUsed,
    newValidatorPermit,
    activeStake,
    consensus,
    consensusU16: u16Of(consensus),
    validatorTrust,
    validatorTrustU16: u16Of(validatorTrust),
    incentive,
    incentiveU16: u16Of(incentive),
    dividends,
    dividendsU16: u16Of(dividends),
    emaBonds: ema,
    bonds,
    normalizedServerEmission: nSE,
    normalizedValidatorEmission: nVE,
    normalizedCombinedEmission: nCE,
    serverEmission: rao(nSE),
    validatorEmission: rao(nVE),
    emission: rao(nCE),
    liquidAlphaUsed,
  };
}

/** `is_topk_nonzero`: nonzero entries, then (if n ≥ k) the n − k smallest by a stable sort cleared. */
function topKNonzero(v: Float64Array, k: number): Uint8Array {
  const n = v.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = v[i] !== 0 ? 1 : 0;
  if (n < k) return out;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => v[a] - v[b] || a - b);
  for (let r = 0; r < n - k; r++) out[order[r]] = 0;
  return out;
}

/**
 * `interpolate_sparse`: `W + bp·(clipped − W)` for every column in order (missing = 0), keeping
 * values > 0. The result rows are in column order whatever the order of the stored weights.
 */
function interpolate(w: Csr, clipped: Csr, bp: number): Csr {
  const n = w.rows;
  const out = new CsrBuilder(n, nnz(w), "wfb");
  const raw = new Float64Array(n);
  const clip = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (w.rowPtr[i + 1] > w.rowPtr[i]) {
      for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) raw[w.col[k]] = w.val[k];
      for (let k = clipped.rowPtr[i]; k < clipped.rowPtr[i + 1]; k++) clip[clipped.col[k]] = clipped.val[k];
      for (let j = 0; j < n; j++) {
        const v = raw[j] + bp * (clip[j] - raw[j]);
        if (v > 0) out.push(j, v);
        raw[j] = 0;
        clip[j] = 0;
      }
    }
    out.endRow();
  }
  return out.done();
}

/** Steps 5–6: load, mask and row-normalise the weights; also says whether every row is sorted. */
function maskWeights(x: FastEpochInput, owner: number, permitted: (i: number) => boolean): [Csr, boolean] {
  const n = x.n;
  const src = x.weights;
  const bar = x.blockAtRegistration;
  const out = new CsrBuilder(n, nnz(src), "w");
  let sorted = true;
  for (let i = 0; i < n; i++) {
    if (i < src.rows && permitted(i)) {
      const lu = i < x.lastUpdate.length ? x.lastUpdate[i] : 0;
      const commit = x.commitRevealEnabled ? x.commitBlocks[i] : Number.POSITIVE_INFINITY;
      let sum = 0;
      let last = -1;
      const k0 = out.size;
      for (let k = src.rowPtr[i]; k < src.rowPtr[i + 1]; k++) {
        const j = src.col[k];
        if (j >= n || (j === i && i !== owner) || lu <= bar[j] || commit < bar[j]) continue;
        const v = src.val[k];
        out.push(j, v);
        sum += v;
        if (j < last) sorted = false;
        last = j;
      }
      // Row-normalise while the row is still in cache.
      if (sum > 0) out.divideSince(k0, sum);
    }
    out.endRow();
  }
  return [out.done(), sorted];
}

/** `weighted_median_col_sparse` with majority `kappa`, on a column-major copy of the validator rows. */
function columnConsensus(
  w: Csr,
  sorted: boolean,
  activeStake: Float64Array,
  n: number,
  kappa: number,
): Float64Array {
  const consensus = new Float64Array(n);
  const rowOf = new Int32Array(n).fill(-1);
  const rowsUsed: number[] = [];
  for (let i = 0; i < n; i++) {
    if (activeStake[i] > 0) {
      rowOf[i] = rowsUsed.length;
      rowsUsed.push(i);
    }
  }
  const m = rowsUsed.length;
  if (m === 0) return consensus;
  const useStake = new Float64Array(m);
  for (let r = 0; r < m; r++) useStake[r] = activeStake[rowsUsed[r]];
  normalize(useStake);
  let stakeSum = 0;
  for (let r = 0; r < m; r++) stakeSum += useStake[r];
  const minority = stakeSum - kappa;
  // Column-major copy (missing = 0). Each column starts on a cache line and spans an odd number
  // of lines, so consecutive columns fall into different cache sets while the scatter runs.
  const lines = (m + 7) >> 3;
  const stride = 8 * (lines % 2 === 0 ? lines + 1 : lines);
  const scores = scratchF64("scores", stride * n);
  scores.fill(0, 0, stride * n);
  if (sorted) {
    // Sorted rows: scatter one tile of columns at a time so the written lines stay in cache.
    const cursor = new Int32Array(m);
    for (let r = 0; r < m; r++) cursor[r] = w.rowPtr[rowsUsed[r]];
    for (let c0 = 0; c0 < n; c0 += TILE) {
      const c1 = c0 + TILE;
      for (let r = 0; r < m; r++) {
        const end = w.rowPtr[rowsUsed[r] + 1];
        let k = cursor[r];
        for (; k < end && w.col[k] < c1; k++) scores[w.col[k] * stride + r] = w.val[k];
        cursor[r] = k;
      }
    }
  } else {
    for (let r = 0; r < m; r++) {
      const i = rowsUsed[r];
      for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) scores[w.col[k] * stride + r] = w.val[k];
    }
  }
  const a = new Int32Array(m);
  const b = new Int32Array(m);
  const c = new Int32Array(m);
  for (let col = 0; col < n; col++) {
    consensus[col] = weightedMedian(useStake, scores, col * stride, m, minority, stakeSum, a, b, c);
  }
  return consensus;
}

/** Columns per tile of the consensus scatter (a tile of one row's writes fits in L1). */
const TILE = 256;

function storedBonds(ema: Csr, permit: Uint8Array): Csr<Uint16Array> {
  const rows = ema.rows;
  const rowPtr = new Int32Array(rows + 1);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    if (permit[i] === 1) total += ema.rowPtr[i + 1] - ema.rowPtr[i];
    rowPtr[i + 1] = total;
  }
  const col = new Int32Array(total);
  const val = new Uint16Array(total);
  for (let i = 0; i < rows; i++) {
    if (permit[i] !== 1) continue;
    let o = rowPtr[i];
    for (let k = ema.rowPtr[i]; k < ema.rowPtr[i + 1]; k++, o++) {
      col[o] = ema.col[k];
      val[o] = toU16(ema.val[k]);
    }
  }
  return { rows, rowPtr, col, val };
}
