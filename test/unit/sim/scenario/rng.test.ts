import test from "ava";
import { createRng } from "../../../../sim/scenario/rng.ts";

test("the same seed gives the same stream, different seeds differ", (t) => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const xs = Array.from({ length: 5 }, () => a.next());
  t.deepEqual(
    xs,
    Array.from({ length: 5 }, () => b.next()),
  );
  t.notDeepEqual(
    xs,
    Array.from({ length: 5 }, () => c.next()),
  );
});

test("a generator restored from its state continues the same stream", (t) => {
  const a = createRng("seed");
  a.next();
  const b = createRng(a.state());
  t.deepEqual([a.next(), a.int(100), a.normal()], [b.next(), b.int(100), b.normal()]);
});

test("uniform draws stay in [0, 1) and normals have mean near 0 and sd near 1", (t) => {
  const r = createRng(1);
  let sum = 0;
  let sq = 0;
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const u = r.next();
    t.true(u >= 0 && u < 1);
    const z = r.normal();
    sum += z;
    sq += z * z;
  }
  t.true(Math.abs(sum / n) < 0.05);
  t.true(Math.abs(Math.sqrt(sq / n) - 1) < 0.05);
});

test("forked streams are independent of each other but reproducible", (t) => {
  const x = createRng(9).fork("a");
  const y = createRng(9).fork("b");
  const z = createRng(9).fork("a");
  const v = x.next();
  t.not(v, y.next());
  t.is(v, z.next());
});
