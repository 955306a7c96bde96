import { type DenseModelSpec, randomDenseSpec, referenceForward } from "../../node/runtime/dense.ts";
import { deriveKey, SeededStream } from "../common/random.ts";
import { CLASSES, INPUTS } from "./schema.ts";

/**
 * The teacher: a fixed MLP (16 → 64 tanh → 64 tanh → 4) whose weights come from a published seed,
 * so every validator labels points identically and miners can distil it. Its argmax is the label.
 * A miner may serve the teacher itself; a smaller student is cheaper to run, and latency counts.
 */
export const TEACHER_SEED = "plexus/distill/teacher/v1";

let cached: DenseModelSpec | undefined;

export function teacherSpec(): DenseModelSpec {
  if (cached === undefined) {
    const s = new SeededStream(deriveKey(TEACHER_SEED));
    cached = randomDenseSpec(
      INPUTS,
      [
        { units: 64, activation: "tanh" },
        { units: 64, activation: "tanh" },
        { units: CLASSES, activation: "linear" },
      ],
      () => s.float(),
    );
    // Larger first-layer weights make the class boundaries curved rather than nearly linear.
    for (let i = 0; i < cached.layers[0].kernel.length; i++) cached.layers[0].kernel[i] *= 3;
  }
  return cached;
}

/** Teacher labels (argmax) for `rows` points, computed in float64. Pure. */
export function teacherLabels(x: Float32Array, rows: number): number[] {
  return argmaxRows(referenceForward(teacherSpec(), x, rows), rows, CLASSES);
}

export function argmaxRows(y: ArrayLike<number>, rows: number, width: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (y[r * width + c] > y[r * width + best]) best = c;
    out.push(best);
  }
  return out;
}

/** A student: 16 → hidden relu → 4 softmax, with seeded initial weights. */
export function studentSpec(hidden: number, seed: string): DenseModelSpec {
  const s = new SeededStream(deriveKey("distill/student", seed, String(hidden)));
  return randomDenseSpec(
    INPUTS,
    [
      { units: hidden, activation: "relu" },
      { units: CLASSES, activation: "softmax" },
    ],
    () => s.float(),
  );
}

/** `rows` points uniform in [-1, 1]^16, rounded to float32 so JSON and tensors carry them exactly. */
export function samplePoints(key: string, rows: number): Float32Array {
  const s = new SeededStream(key);
  return Float32Array.from({ length: rows * INPUTS }, () => Math.fround(s.float() * 2 - 1));
}
