import { scratchF64, scratchI32 } from "./scratch.ts";

/**
 * Compressed sparse rows for the float64 fast epoch. Row `i` holds the entries
 * `col[rowPtr[i] .. rowPtr[i+1])` with their values, in the order the chain keeps them (stored rows
 * in their stored order, rebuilt rows in column order). Entries with value 0 may be present: in
 * Yuma3 with liquid alpha an explicit zero weight keeps a bond alive, so presence is data.
 */
export interface Csr<V extends Float64Array | Uint16Array = Float64Array> {
  readonly rows: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly val: V;
}

/** Number of stored entries. */
export const nnz = (m: Csr<Float64Array | Uint16Array>): number => m.rowPtr[m.rows];

/** Builds a u16 matrix from the vector schema's rows of `[j, value]` pairs (already validated). */
export function csrU16FromRows(
  rows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
  n: number,
): Csr<Uint16Array> {
  let total = 0;
  for (let i = 0; i < n && i < rows.length; i++) total += rows[i].length;
  const rowPtr = new Int32Array(n + 1);
  const col = new Int32Array(total);
  const val = new Uint16Array(total);
  let k = 0;
  for (let i = 0; i < n; i++) {
    rowPtr[i] = k;
    if (i >= rows.length) continue;
    const row = rows[i];
    for (let e = 0; e < row.length; e++) {
      const pair = row[e];
      col[k] = pair[0];
      val[k] = pair[1];
      k++;
    }
  }
  rowPtr[n] = k;
  return { rows: n, rowPtr, col: col.subarray(0, k), val: val.subarray(0, k) };
}

/** Rows of `[j, f(value)]` pairs, the vector schema's sparse form. */
export function csrToRows<V extends Float64Array | Uint16Array, T>(
  m: Csr<V>,
  f: (v: number) => T,
): Array<Array<[number, T]>> {
  const out: Array<Array<[number, T]>> = [];
  for (let i = 0; i < m.rows; i++) {
    const row: Array<[number, T]> = [];
    for (let k = m.rowPtr[i]; k < m.rowPtr[i + 1]; k++) row.push([m.col[k], f(m.val[k])]);
    out.push(row);
  }
  return out;
}

/**
 * A row-by-row builder: `push` entries of row `i` in column order, then `endRow()`. With a `slot`
 * the entries are written into reusable scratch buffers (see scratch.ts) and `done()` returns views
 * of them, valid until the slot is used again; `copy()` returns an independent, trimmed matrix.
 */
export class CsrBuilder {
  private readonly rowPtr: Int32Array;
  private readonly col: Int32Array;
  private readonly val: Float64Array;
  private row = 0;
  private k = 0;

  constructor(
    private readonly rows: number,
    capacity: number,
    slot?: string,
  ) {
    if (slot === undefined) {
      this.rowPtr = new Int32Array(rows + 1);
      this.col = new Int32Array(capacity);
      this.val = new Float64Array(capacity);
    } else {
      this.rowPtr = scratchI32(`${slot}.rowPtr`, rows + 1).subarray(0, rows + 1);
      this.col = scratchI32(`${slot}.col`, capacity);
      this.val = scratchF64(`${slot}.val`, capacity);
    }
    this.rowPtr[0] = 0;
  }

  push(j: number, v: number): void {
    this.col[this.k] = j;
    this.val[this.k] = v;
    this.k++;
  }

  /** Entries pushed so far. */
  get size(): number {
    return this.k;
  }

  /** Divides the entries pushed since index `from` by `d`. */
  divideSince(from: number, d: number): void {
    for (let k = from; k < this.k; k++) this.val[k] /= d;
  }

  endRow(): void {
    this.row++;
    this.rowPtr[this.row] = this.k;
  }

  done(): Csr {
    while (this.row < this.rows) this.endRow();
    return {
      rows: this.rows,
      rowPtr: this.rowPtr,
      col: this.col.subarray(0, this.k),
      val: this.val.subarray(0, this.k),
    };
  }

  copy(): Csr {
    const m = this.done();
    return { rows: m.rows, rowPtr: m.rowPtr.slice(), col: m.col.slice(), val: m.val.slice() };
  }
}
