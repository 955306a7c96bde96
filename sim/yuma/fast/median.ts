/**
 * Float64 version of subtensor's stake-weighted median (EM:975, "mid pivot" search): the same
 * partition walk and the same asymmetric comparisons, on doubles. `stake` and `score` hold `m`
 * entries (`score` from `scoreOffset`); `a`, `b`, `c` are scratch buffers of at least `m` entries,
 * reused across calls (the partition and its lower/upper parts rotate through them).
 */
export function weightedMedian(
  stake: Float64Array,
  score: Float64Array,
  scoreOffset: number,
  m: number,
  minority: number,
  hiStart: number,
  a: Int32Array,
  b: Int32Array,
  c: Int32Array,
): number {
  let part = a;
  let lower = b;
  let upper = c;
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
    // Branch-free partition (the comparisons are unpredictable): every index is written to both
    // parts and kept where its flag is 1; adding 0·stake leaves the sums unchanged.
    for (let p = 0; p < len; p++) {
      const idx = part[p];
      const s = score[scoreOffset + idx];
      const st = stake[idx];
      const l = +(s < pivot);
      const u = +(s > pivot);
      lower[nl] = idx;
      nl += l;
      loStake += l * st;
      upper[nu] = idx;
      nu += u;
      hiStake += u * st;
    }
    const old = part;
    if (minority < lo + loStake && nl > 0) {
      hi = lo + loStake;
      part = lower;
      lower = old;
      len = nl;
    } else if (hi - hiStake <= minority && nu > 0) {
      lo = hi - hiStake;
      part = upper;
      upper = old;
      len = nu;
    } else {
      return pivot;
    }
  }
  return 0;
}
