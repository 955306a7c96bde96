import { type DenseModelSpec, randomDenseSpec } from "../../../node/runtime/dense.ts";

/** A small seeded generator (Park–Miller) so every test builds the same weights and inputs. */
export function lcg(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

/** A 32-64-64-10 MLP with relu hidden layers and softmax output, seeded. */
export function testSpec(seed = 7): DenseModelSpec {
  return randomDenseSpec(
    32,
    [
      { units: 64, activation: "relu" },
      { units: 64, activation: "relu" },
      { units: 10, activation: "softmax" },
    ],
    lcg(seed),
  );
}

export function testInput(rows: number, width: number, seed = 11): Float32Array {
  const rand = lcg(seed);
  return Float32Array.from({ length: rows * width }, () => rand() * 4 - 2);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
