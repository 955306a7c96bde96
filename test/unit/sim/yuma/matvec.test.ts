import test from "ava";
import fc from "fast-check";
import { mul } from "../../../../sim/fixed/fixnum.ts";
import {
  colClipRowSumMatmul,
  colClipSparse,
  colNormalizedMatVecRowSum,
  inplaceColNormalizeSparse,
  matmulSparse,
  rowSumSparse,
} from "../../../../sim/yuma/math.ts";
import { csrFromPairs, csrToPairs } from "../../../../sim/yuma/sparse.ts";

test("the fused column-normalised mat-vec equals col-normalise, mat_vec_mul_sparse, row_sum_sparse", (t) => {
  const input = fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.tuple(
      fc.array(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 2 ** 32 })), {
          maxLength: n,
          selector: ([j]) => j,
        }),
        { minLength: n, maxLength: n },
      ),
      fc.array(fc.integer({ min: 0, max: 2 ** 32 }), { minLength: 0, maxLength: n }),
      fc.constant(n),
    ),
  );
  fc.assert(
    fc.property(input, ([rows, v, n]) => {
      const normalised = csrFromPairs(rows, (x: number) => x);
      inplaceColNormalizeSparse(normalised, n);
      // EM:1332 drops products where v has no entry; row_sum_sparse adds the rest in order.
      const expected = csrToPairs(normalised, (x) => x).map((row) =>
        row.reduce((acc, [j, x]) => (j < v.length ? acc + mul(x, v[j]) : acc), 0),
      );
      const got = colNormalizedMatVecRowSum(
        csrFromPairs(rows, (x: number) => x),
        n,
        v,
      );
      return JSON.stringify(got) === JSON.stringify(expected);
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

test("the fused clip equals col_clip_sparse, then row_sum_sparse and matmul_sparse of the clipped matrix", (t) => {
  const value = fc.oneof(fc.constantFrom(0, 1, 2 ** 32), fc.integer({ min: 0, max: 2 ** 34 }));
  const input = fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.record({
      // Unsorted rows, columns past the product's width, thresholds ≤ 0 and vectors shorter than
      // the matrix or with entries outside the split range.
      rows: fc.array(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), value), {
          maxLength: n,
          selector: ([j]) => j,
        }),
        { minLength: n, maxLength: n },
      ),
      threshold: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 2 ** 33 })), { maxLength: n }),
      v: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: -(2 ** 34), max: 2 ** 35 })), { maxLength: n }),
      columns: fc.integer({ min: 0, max: n }),
    }),
  );
  fc.assert(
    fc.property(input, ({ rows, threshold, v, columns }) => {
      const m = csrFromPairs(rows, (x: number) => x);
      const clipped = colClipSparse(m, threshold);
      const fused = colClipRowSumMatmul(m, threshold, v, columns);
      return (
        JSON.stringify(csrToPairs(fused.clipped, (x) => x)) ===
          JSON.stringify(csrToPairs(clipped, (x) => x)) &&
        JSON.stringify(fused.rowSums) === JSON.stringify(rowSumSparse(clipped)) &&
        JSON.stringify(fused.product) === JSON.stringify(matmulSparse(clipped, v, columns))
      );
    }),
    { numRuns: 3000 },
  );
  t.pass();
});
