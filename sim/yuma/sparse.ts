/**
 * Internal sparse-matrix layout of the exact epoch: one row per uid, columns and I32F32 bits in two
 * parallel plain arrays (no per-entry tuple objects: the 4096-uid epochs hold a million entries).
 * Entry order is the chain's order (sorted by column for every matrix the epoch builds).
 */
export interface Row {
  j: number[];
  v: number[];
}
export type Sparse = Row[];

export const emptyRow = (): Row => ({ j: [], v: [] });
export const emptySparse = (rows: number): Sparse => Array.from({ length: rows }, emptyRow);

export const cloneSparse = (m: Sparse): Sparse => m.map((r) => ({ j: r.j.slice(), v: r.v.slice() }));

/** From `[j, value]` pair rows (the public / JSON form). */
export function sparseFromPairs<V>(
  rows: ReadonlyArray<ReadonlyArray<readonly [number, V]>>,
  conv: (v: V) => number,
): Sparse {
  return rows.map((row) => {
    const r = emptyRow();
    for (const [j, v] of row) {
      r.j.push(j);
      r.v.push(conv(v));
    }
    return r;
  });
}

/** To `[j, value]` pair rows. */
export function sparseToPairs<V>(m: Sparse, conv: (v: number) => V): Array<Array<[number, V]>> {
  return m.map((r) => r.j.map((j, k) => [j, conv(r.v[k])] as [number, V]));
}
