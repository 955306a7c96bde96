import { SeededStream } from "../common/random.ts";
import { ENTRY_MIN } from "./schema.ts";

/**
 * A and B of a challenge, expanded from its seed: n² bytes each, mapped to [-128, 127].
 * Float32Array because that is what the runtime multiplies; every entry is an exact integer.
 */
export function expandMatrices(matrixSeed: string, n: number): { a: Float32Array; b: Float32Array } {
  const s = new SeededStream(matrixSeed);
  const a = Float32Array.from({ length: n * n }, () => s.byte() + ENTRY_MIN);
  const b = Float32Array.from({ length: n * n }, () => s.byte() + ENTRY_MIN);
  return { a, b };
}

/**
 * The largest |entry| of A·B: n·128². For n ≤ 512 that is 2^23 < 2^24, so float32 arithmetic
 * on any backend computes every partial sum exactly, whatever the summation order (GPUs included;
 * TF32 tensor cores too, since 8-bit inputs fit TF32's 11-bit significand and sums stay in fp32).
 */
export function maxProductEntry(n: number): number {
  return n * 128 * 128;
}
