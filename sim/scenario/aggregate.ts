/**
 * Monte Carlo summaries: the same series from several runs (different seeds) reduced to a median
 * and a p10–p90 band per x, as cadCAD/radCAD users are used to reading them.
 */
export interface Band {
  x: number;
  p10: number;
  median: number;
  p90: number;
}

/** Linear-interpolated quantile of sorted values (q in [0, 1]). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Per x, the p10/median/p90 of y over the runs that have a value at that x. */
export function bands(runs: ReadonlyArray<ReadonlyArray<{ x: number; y: number }>>): Band[] {
  const byX = new Map<number, number[]>();
  for (const run of runs)
    for (const { x, y } of run) {
      const list = byX.get(x);
      if (list === undefined) byX.set(x, [y]);
      else list.push(y);
    }
  return [...byX.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([x, ys]) => {
      const s = ys.slice().sort((a, b) => a - b);
      return { x, p10: quantile(s, 0.1), median: quantile(s, 0.5), p90: quantile(s, 0.9) };
    });
}
