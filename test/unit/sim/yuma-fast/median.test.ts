import test from "ava";
import fc from "fast-check";
import { weightedMedian } from "../../../../sim/yuma/fast/median.ts";

/** Reference: the smallest score whose cumulative stake (scores ≤ it) exceeds the minority, else the largest. */
function quantile(stake: number[], score: number[], minority: number): number {
  const order = score.map((s, i) => [s, stake[i]] as const).sort((a, b) => a[0] - b[0]);
  let acc = 0;
  for (let k = 0; k < order.length; k++) {
    acc += order[k][1];
    const last = k + 1 === order.length || order[k + 1][0] !== order[k][0];
    if (last && acc > minority) return order[k][0];
  }
  return order[order.length - 1][0];
}

test("the weighted median is the stake-weighted lower quantile at the minority", (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 8 })), {
        minLength: 1,
        maxLength: 40,
      }),
      fc.integer({ min: 1, max: 15 }),
      (rows, k) => {
        // Dyadic stakes and scores keep every partial sum exact, so the comparison is exact too.
        const total = rows.reduce((s, [st]) => s + st, 0);
        const stake = rows.map(([st]) => st / 1024);
        const score = rows.map(([, s]) => s / 8);
        const sum = total / 1024;
        const minority = sum - (k / 16) * sum;
        const m = rows.length;
        const got = weightedMedian(
          Float64Array.from(stake),
          Float64Array.from(score),
          0,
          m,
          minority,
          sum,
          new Int32Array(m),
          new Int32Array(m),
          new Int32Array(m),
        );
        return got === quantile(stake, score, minority);
      },
    ),
  );
  t.pass();
});

test("the weighted median of no validators is 0", (t) => {
  const empty = new Int32Array(0);
  t.is(weightedMedian(new Float64Array(0), new Float64Array(0), 0, 0, 0.5, 0, empty, empty, empty), 0);
});
