/**
 * Internal sparse-matrix layout of the exact epoch: compressed sparse rows in typed arrays (no
 * per-entry objects: the 4096-uid epochs hold a million entries). Row `i` holds the entries
 * `ptr[i] ≤ k < ptr[i + 1]` with column `col[k]` and I32F32 bits `val[k]` (integers below 2^53,
 * exact in a Float64Array). Entry order within a row is the chain's order (not necessarily sorted:
 * stored weight rows keep the caller's order).
 */
export interface Csr {
  rows: number;
  ptr: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

export const nnz = (m: Csr): number => m.ptr[m.rows];

/** Appends rows entry by entry; grows its arrays as needed. */
export class CsrBuilder {
  private col: Int32Array;
  private val: Float64Array;
  private readonly ptr: Int32Array;
  private n = 0;
  private row = 0;

  constructor(
    private readonly rows: number,
    capacity: number,
  ) {
    this.ptr = new Int32Array(rows + 1);
    this.col = new Int32Array(Math.max(capacity, 16));
    this.val = new Float64Array(Math.max(capacity, 16));
  }

  push(j: number, v: number): void {
    if (this.n === this.col.length) {
      const col = new Int32Array(this.n * 2);
      col.set(this.col);
      this.col = col;
      const val = new Float64Array(this.n * 2);
      val.set(this.val);
      this.val = val;
    }
    this.col[this.n] = j;
    this.val[this.n++] = v;
  }

  endRow(): void {
    this.ptr[++this.row] = this.n;
  }

  done(): Csr {
    while (this.row < this.rows) this.endRow();
    return { rows: this.rows, ptr: this.ptr, col: this.col, val: this.val };
  }
}

/** From `[j, value]` pair rows (the public / JSON form). */
export function csrFromPairs<V>(
  rows: ReadonlyArray<ReadonlyArray<readonly [number, V]>>,
  conv: (v: V) => number,
): Csr {
  let total = 0;
  for (let i = 0; i < rows.length; i++) total += rows[i].length;
  const ptr = new Int32Array(rows.length + 1);
  const col = new Int32Array(total);
  const val = new Float64Array(total);
  let w = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let k = 0; k < row.length; k++) {
      const e = row[k];
      col[w] = e[0];
      val[w++] = conv(e[1]);
    }
    ptr[i + 1] = w;
  }
  return { rows: rows.length, ptr, col, val };
}

/** To `[j, value]` pair rows. */
export function csrToPairs<V>(m: Csr, conv: (v: number) => V): Array<Array<[number, V]>> {
  const out: Array<Array<[number, V]>> = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    const row: Array<[number, V]> = new Array(m.ptr[i + 1] - m.ptr[i]);
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) row[k - m.ptr[i]] = [m.col[k], conv(m.val[k])];
    out[i] = row;
  }
  return out;
}

/**
 * Keeps the entries for which `keep(i, j, value)` holds, compacting the matrix in place (a mask
 * never adds entries, so writes never overtake reads). Returns the same matrix.
 */
export function filterInPlace(m: Csr, keep: (i: number, j: number, v: number) => boolean): Csr {
  let w = 0;
  let start = 0;
  for (let i = 0; i < m.rows; i++) {
    const end = m.ptr[i + 1];
    for (let k = start; k < end; k++) {
      if (keep(i, m.col[k], m.val[k])) {
        m.col[w] = m.col[k];
        m.val[w++] = m.val[k];
      }
    }
    start = end;
    m.ptr[i + 1] = w;
  }
  return m;
}
