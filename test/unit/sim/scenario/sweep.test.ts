import test from "ava";
import { bands, quantile } from "../../../../sim/scenario/aggregate.ts";
import { expandGrid, parseShard, parseSweep, setPath, shardPoints } from "../../../../sim/scenario/sweep.ts";

test("a grid expands to every combination in a fixed order", (t) => {
  const pts = expandGrid({ a: [1, 2], b: ["x", "y", "z"] });
  t.is(pts.length, 6);
  t.deepEqual(pts[0].values, { a: 1, b: "x" });
  t.deepEqual(pts[5].values, { a: 2, b: "z" });
  t.deepEqual(
    pts.map((p) => p.index),
    [0, 1, 2, 3, 4, 5],
  );
});

test("shards partition the grid without overlap", (t) => {
  const pts = expandGrid({ a: [1, 2, 3, 4, 5] });
  const parts = [0, 1, 2].map((i) => shardPoints(pts, parseShard(`${i}/3`)).map((p) => p.index));
  t.deepEqual(parts.flat().sort(), [0, 1, 2, 3, 4]);
  t.throws(() => parseShard("3/3"), { message: /--shard/ });
});

test("setPath writes into a copy, creating missing objects", (t) => {
  const doc = { subnets: [{ netuid: 1 }] };
  const out = setPath(doc, "subnets[0].hyperparameters.kappa", 100) as {
    subnets: Array<Record<string, unknown>>;
  };
  t.deepEqual(out.subnets[0].hyperparameters, { kappa: 100 });
  t.is((doc.subnets[0] as Record<string, unknown>).hyperparameters, undefined);
});

test("a sweep file with a malformed grid path is rejected", (t) => {
  t.throws(() => parseSweep({ name: "s", scenario: "a.yaml", grid: { "subnets[x]": [1] } }), {
    message: /grid/,
  });
});

test("bands give the median and the p10/p90 across runs per x", (t) => {
  const runs = Array.from({ length: 11 }, (_, k) => [{ x: 1, y: k }]);
  t.deepEqual(bands(runs), [{ x: 1, p10: 1, median: 5, p90: 9 }]);
  t.is(quantile([0, 10], 0.5), 5);
});
