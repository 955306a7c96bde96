import test from "ava";
import fc from "fast-check";
import { mul } from "../../../../sim/fixed/fixnum.ts";
import { matEmaSparse } from "../../../../sim/yuma/math.ts";
import { type Csr, csrFromPairs, csrToPairs } from "../../../../sim/yuma/sparse.ts";

/** EM:1406 literally: a dense accumulator as wide as the number of rows, then entries > 0 in column order. */
function reference(next: Csr, old: Csr, alpha: number): Array<Array<[number, number]>> {
  const n = next.rows;
  return csrToPairs(next, (v) => v).map((row, i) => {
    const acc = new Array<number>(n).fill(0);
    for (const [j, v] of row) if (j < n) acc[j] += mul(alpha, v);
    for (const [j, v] of csrToPairs(old, (x) => x)[i] ?? []) if (j < n) acc[j] += mul(2 ** 32 - alpha, v);
    return acc.flatMap((v, j) => (v > 0 ? [[j, v] as [number, number]] : []));
  });
}

const matrix = (n: number, sorted: boolean) =>
  fc.array(
    fc
      .uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 2 ** 32 })), {
        maxLength: n,
        selector: ([j]) => j,
      })
      .map((row) => (sorted ? row.sort((a, b) => a[0] - b[0]) : row)),
    { minLength: n, maxLength: n },
  );

test("mat_ema_sparse's merge of sorted rows and its dense fallback both match the chain's accumulator", (t) => {
  const input = fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.tuple(
      matrix(n, true),
      fc.boolean().chain((s) => matrix(n, s)),
      fc.integer({ min: 0, max: 2 ** 32 }),
    ),
  );
  fc.assert(
    fc.property(input, ([a, b, alpha]) => {
      const next = csrFromPairs(a, (v: number) => v);
      const old = csrFromPairs(b, (v: number) => v);
      const got = csrToPairs(matEmaSparse(next, old, alpha), (v) => v);
      return JSON.stringify(got) === JSON.stringify(reference(next, old, alpha));
    }),
    { numRuns: 3000 },
  );
  t.pass();
});
