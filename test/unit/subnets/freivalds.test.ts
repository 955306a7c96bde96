import test from "ava";
import { deriveKey, SeededStream } from "../../../subnets/common/random.ts";
import { FREIVALDS, freivalds, missProbabilityBound } from "../../../subnets/matmul/freivalds.ts";
import { expandMatrices } from "../../../subnets/matmul/matrices.ts";

function product(a: Float32Array, b: Float32Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  return c;
}

/** Instance `i`: seeded A, B, the true product, and a copy with one element changed by a nonzero delta. */
function corruptedInstance(i: number, n: number) {
  const { a, b } = expandMatrices(deriveKey("test/instance", String(i)), n);
  const c = product(a, b, n);
  const pick = new SeededStream(deriveKey("test/corrupt", String(i)));
  const bad = Float64Array.from(c);
  const at = pick.below(n * n);
  const delta = (pick.below(2000) + 1) * (pick.below(2) === 0 ? 1 : -1);
  bad[at] += delta;
  return { a, b, c, bad };
}

test("the production parameters bound a miss by 2^-32, within the required 2^-20", (t) => {
  t.true(missProbabilityBound(FREIVALDS) <= 2 ** -20);
  t.is(missProbabilityBound(FREIVALDS), 2 ** -32);
});

test("a correct product always passes", (t) => {
  for (let i = 0; i < 200; i++) {
    const { a, b, c } = corruptedInstance(i, 12);
    t.true(freivalds(a, b, c, 12, new SeededStream(`v${i}`)), `instance ${i}`);
  }
});

test("no product with a single corrupted element slips through (3000 instances)", (t) => {
  let slipped = 0;
  for (let i = 0; i < 3000; i++) {
    const { a, b, bad } = corruptedInstance(i, 10);
    if (freivalds(a, b, bad, 10, new SeededStream(`validator-${i}`))) slipped++;
  }
  t.is(slipped, 0);
});

test("the per-round miss bound 1/|S| is attained: with S = {0,1} a single corruption slips half the time", (t) => {
  // Weakened on purpose: r_j ∈ {0, 1}. A single corrupted element (i, j) is missed iff r_j = 0.
  const trials = 4000;
  let oneRound = 0;
  let twoRounds = 0;
  for (let i = 0; i < trials; i++) {
    const { a, b, bad } = corruptedInstance(i, 6);
    if (freivalds(a, b, bad, 6, new SeededStream(`w1-${i}`), { rounds: 1, bits: 1 })) oneRound++;
    if (freivalds(a, b, bad, 6, new SeededStream(`w2-${i}`), { rounds: 2, bits: 1 })) twoRounds++;
  }
  // Binomial(4000, 1/2) and (4000, 1/4): ±5 standard deviations.
  t.true(Math.abs(oneRound / trials - 0.5) < 5 * Math.sqrt(0.25 / trials), `one round: ${oneRound}`);
  t.true(Math.abs(twoRounds / trials - 0.25) < 5 * Math.sqrt(0.1875 / trials), `two rounds: ${twoRounds}`);
});

test("entries no product can have, and non-integers, are rejected before any arithmetic", (t) => {
  const n = 4;
  const { a, b } = expandMatrices(deriveKey("bounds"), n);
  const c = product(a, b, n);
  const huge = Float64Array.from(c);
  huge[0] = n * 128 * 128 + 1;
  t.false(freivalds(a, b, huge, n, new SeededStream("x")));
  const frac = Float64Array.from(c);
  frac[3] += 0.5;
  t.false(freivalds(a, b, frac, n, new SeededStream("x")));
  t.false(freivalds(a, b, c.subarray(1), n, new SeededStream("x")));
});

test("sizes whose sums would not be exact in float64 are refused", (t) => {
  t.throws(() => freivalds([], [], [], 1 << 14, new SeededStream("x")), { instanceOf: RangeError });
});
