import test from "ava";
import fc from "fast-check";
import { inplaceNormalize, weightedMedian, weightedMedianColSparse } from "../../../../sim/yuma/math.ts";
import { csrFromPairs } from "../../../../sim/yuma/sparse.ts";

/** EM:1121 literally: per column, the chain's pivot-loop `weighted_median` over the positive-stake rows. */
function reference(
  stake: number[],
  rows: Array<Array<[number, number]>>,
  columns: number,
  majority: number,
): number[] {
  const useStake = stake.filter((s) => s > 0);
  inplaceNormalize(useStake);
  const stakeSum = useStake.reduce((a, b) => a + b, 0);
  const idx = useStake.map((_, i) => i);
  const scores = Array.from({ length: columns }, () => new Array<number>(useStake.length).fill(0));
  let k = 0;
  stake.forEach((s, i) => {
    if (s > 0) {
      for (const [c, v] of rows[i]) if (c < columns) scores[c][k] = v;
      k++;
    }
  });
  return scores.map((col) => weightedMedian(useStake, col, idx, stakeSum - majority, 0, stakeSum));
}

// Few distinct score values (ties), zero and tiny stakes, majorities from 0 to above 1.
const value = fc.oneof(fc.constantFrom(0, 1, 2 ** 31, 2 ** 32), fc.integer({ min: 0, max: 2 ** 32 }));
const input = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.record({
    stake: fc.array(fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 2 ** 33 })), {
      minLength: n,
      maxLength: n,
    }),
    rows: fc.array(
      fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), value), {
        maxLength: n,
        selector: ([j]) => j,
      }),
      { minLength: n, maxLength: n },
    ),
    columns: fc.constant(n),
    majority: fc.oneof(fc.constantFrom(0, 2 ** 31, 2 ** 32, 2 ** 33), fc.integer({ min: 0, max: 2 ** 33 })),
  }),
);

test("weighted_median_col_sparse is the pivot-loop weighted median of each column over the positive-stake rows", (t) => {
  fc.assert(
    fc.property(input, ({ stake, rows, columns, majority }) => {
      const got = weightedMedianColSparse(
        stake,
        csrFromPairs(rows, (v: number) => v),
        columns,
        majority,
      );
      return JSON.stringify(got) === JSON.stringify(reference(stake, rows, columns, majority));
    }),
    { numRuns: 5000 },
  );
  t.pass();
});

// Wide matrices: the columns are taken in chunks (several here), sorted rows through a per-row
// cursor, unsorted ones scattered in one chunk; stake rows past the matrix score 0; partitions
// long enough for the median-of-three pivot, with few or many distinct scores.
const wide = fc.record({
  stake: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 33 })), {
    minLength: 40,
    maxLength: 60,
  }),
  columns: fc.integer({ min: 1500, max: 3000 }),
  rowCount: fc.integer({ min: 30, max: 60 }),
  density: fc.double({ min: 0.05, max: 1, noNaN: true }),
  shuffle: fc.boolean(),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  majority: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }), fc.constantFrom(0, 2 ** 32, 2 ** 33)),
  levels: fc.boolean(),
});

test("weighted_median_col_sparse on wide matrices (chunked columns, sorted or unsorted rows) is the reference", (t) => {
  fc.assert(
    fc.property(wide, ({ stake, columns, rowCount, density, shuffle, seed, majority, levels }) => {
      let x = seed;
      const rnd = (): number => {
        x = (x * 48271) % 2147483647;
        return x / 2147483647;
      };
      const rows: Array<Array<[number, number]>> = Array.from({ length: rowCount }, () => {
        const row: Array<[number, number]> = [];
        for (let j = 0; j < columns; j++)
          if (rnd() < density)
            row.push([j, levels ? Math.floor(rnd() * 8) * 2 ** 29 : Math.floor(rnd() * 2 ** 32)]);
        if (shuffle) row.reverse();
        return row;
      });
      const got = weightedMedianColSparse(
        stake,
        csrFromPairs(rows, (v: number) => v),
        columns,
        majority,
      );
      const padded = stake.map((_, i) => rows[i] ?? []);
      return JSON.stringify(got) === JSON.stringify(reference(stake, padded, columns, majority));
    }),
    { numRuns: 60 },
  );
  t.pass();
});
