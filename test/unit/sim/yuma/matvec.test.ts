import test from "ava";
import fc from "fast-check";
import { mul } from "../../../../sim/fixed/fixnum.ts";
import { colNormalizedMatVecRowSum, inplaceColNormalizeSparse } from "../../../../sim/yuma/math.ts";
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
