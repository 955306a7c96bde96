/**
 * The compact CSR form of sparse u16 matrices (`CompactSparseU16`, types.ts): conversion from pair
 * rows, and an exact output's new bonds in that form without building a million pair arrays (the
 * steady-state input of the next epoch).
 */
import { fixedProportionToU16 } from "../fixed/fixnum.ts";
import { YumaInputError } from "./errors.ts";
import type { Csr } from "./sparse.ts";
import type { CompactSparseU16, EpochOutputOf, SparseU16 } from "./types.ts";

/**
 * Pair rows → compact form, entries in the same order. Values must be u16 and columns u32 (the
 * typed arrays would otherwise wrap them silently); the epoch checks the rest (columns < n, no
 * duplicates) when it reads the matrix.
 */
export function compactSparseU16(rows: SparseU16, field = "matrix"): CompactSparseU16 {
  if (!Array.isArray(rows)) throw new YumaInputError(field, `got ${typeof rows}`, "an array of rows");
  const indptr = new Uint32Array(rows.length + 1);
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    if (!Array.isArray(rows[i]))
      throw new YumaInputError(`${field}[${i}]`, "not an array", "an array of pairs");
    total += rows[i].length;
  }
  const indices = new Uint32Array(total);
  const values = new Uint16Array(total);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let k = 0; k < row.length; k++) {
      const e = row[k];
      const j = Array.isArray(e) ? e[0] : undefined;
      const v = Array.isArray(e) ? e[1] : undefined;
      if (typeof j !== "number" || j >>> 0 !== j)
        throw new YumaInputError(`${field}[${i}][${k}][0]`, `got ${JSON.stringify(j)}`, "a uid in [0, 2^32)");
      if (typeof v !== "number" || (v & 0xffff) !== v)
        throw new YumaInputError(
          `${field}[${i}][${k}][1]`,
          `got ${JSON.stringify(v)}`,
          "u16: an integer in [0, 65535]",
        );
      indices[at] = j;
      values[at++] = v;
    }
    indptr[i + 1] = at;
  }
  return { indptr, indices, values };
}

/** Compact form → pair rows. */
export function pairsFromCompact(m: CompactSparseU16): SparseU16 {
  const rows: SparseU16 = new Array(m.indptr.length - 1);
  for (let i = 0; i < rows.length; i++) {
    const row: Array<[number, number]> = [];
    for (let k = m.indptr[i]; k < m.indptr[i + 1]; k++) row.push([m.indices[k], m.values[k]]);
    rows[i] = row;
  }
  return rows;
}

/** Exact outputs → their bond storage, registered by the epoch (`registerBondStorage`). */
const storageOf = new WeakMap<object, { ema: Csr; keep: readonly boolean[] }>();

/**
 * Records that `out.bonds` is `ema` quantised with `fixed_proportion_to_u16`, rows with
 * `keep[i]` false emptied (the epoch's step 14).
 */
export function registerBondStorage(out: object, ema: Csr, keep: readonly boolean[]): void {
  storageOf.set(out, { ema, keep });
}

/**
 * The new `Bonds` of an epoch output (`out.bonds`) in compact form. For an exact output it is
 * built from the epoch's internal matrix (the pair rows are never materialised); any other output
 * is converted from its `bonds`.
 */
export function compactBonds(out: Pick<EpochOutputOf<unknown, unknown>, "bonds">): CompactSparseU16 {
  const s = storageOf.get(out);
  if (s === undefined) return compactSparseU16(out.bonds, "bonds");
  const { ema, keep } = s;
  const indptr = new Uint32Array(ema.rows + 1);
  let total = 0;
  for (let i = 0; i < ema.rows; i++) if (keep[i]) total += ema.ptr[i + 1] - ema.ptr[i];
  const indices = new Uint32Array(total);
  const values = new Uint16Array(total);
  let at = 0;
  for (let i = 0; i < ema.rows; i++) {
    if (keep[i]) {
      for (let k = ema.ptr[i]; k < ema.ptr[i + 1]; k++) {
        indices[at] = ema.col[k];
        values[at++] = fixedProportionToU16(ema.val[k]);
      }
    }
    indptr[i + 1] = at;
  }
  return { indptr, indices, values };
}
