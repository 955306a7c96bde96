/**
 * Float64 version of subtensor's stake-weighted median (EM:975, "mid pivot" search): the same
 * partition walk and the same asymmetric comparisons, on doubles. `stake` and `score` hold `m`
 * entries; `lower`/`upper` are scratch buffers of at least `m` entries, reused across calls.
 */
export function weightedMedian(
  stake: Float64Array,
  score: Float64Array,
  scoreOffset: number,
  m: number,
  minority: number,
  hiStart: number,
  part: Int32Array,
  lower: Int32Array,
  upper: Int32Array,
): number {
  let len = m;
  for (let i = 0; i < m; i++) part[i] = i;
  let lo = 0;
  let hi = hiStart;
  // The chain gives up (returns 0) after more iterations than the initial partition size.
  for (let iter = 0; iter <= m; iter++) {
    if (len === 0) return 0;
    if (len === 1) return score[scoreOffset + part[0]];
    const pivot = score[scoreOffset + part[len >> 1]];
    let nl = 0;
    let nu = 0;
    let loStake = 0;
    let hiStake = 0;
    for (let p = 0; p < len; p++) {
      const idx = part[p];
      const s = score[scoreOffset + idx];
      if (s < pivot) {
        lower[nl++] = idx;
        loStake += stake[idx];
      } else if (s > pivot) {
        upper[nu++] = idx;
        hiStake += stake[idx];
      }
    }
    if (minority < lo + loStake && nl > 0) {
      hi = lo + loStake;
      part.set(lower.subarray(0, nl));
      len = nl;
    } else if (hi - hiStake <= minority && nu > 0) {
      lo = hi - hiStake;
      part.set(upper.subarray(0, nu));
      len = nu;
    } else {
      return pivot;
    }
  }
  return 0;
}
