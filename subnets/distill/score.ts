import { combine, type LatencyPolicy } from "../common/latency.ts";
import type { ScoreInput } from "../types.ts";
import { CLASSES, type DistillQuery, INPUTS, POINTS, responseSchema } from "./schema.ts";
import { teacherLabels } from "./teacher.ts";

export const distillLatency: LatencyPolicy = { targetMs: 200, timeoutMs: 5_000 };

/**
 * Agreement with the teacher, corrected for chance (Cohen's kappa, floored at 0): answering one
 * class for every point, or guessing, earns 0 however the classes are balanced; matching the
 * teacher on every point earns 1.
 */
export function agreement(expected: number[], got: number[]): number {
  const n = expected.length;
  let same = 0;
  const pe = new Array<number>(CLASSES).fill(0);
  const pg = new Array<number>(CLASSES).fill(0);
  for (let i = 0; i < n; i++) {
    if (expected[i] === got[i]) same++;
    pe[expected[i]]++;
    pg[got[i]]++;
  }
  const po = same / n;
  const chance = pe.reduce((s, c, k) => s + (c / n) * (pg[k] / n), 0);
  if (chance >= 1) return po === 1 ? 1 : 0;
  return Math.max(0, (po - chance) / (1 - chance));
}

/**
 * Pure score of one distill response: 0 for a malformed answer, an answer to another nonce (a
 * replayed or copied answer) or one past the timeout; otherwise agreement with the teacher
 * weighted by speed (see common/latency.ts).
 */
export function score(input: ScoreInput<DistillQuery>): number {
  const parsed = responseSchema.safeParse(input.response);
  if (!parsed.success || parsed.data.nonce !== input.challenge.nonce) return 0;
  const x = Float32Array.from(input.challenge.inputs.flat());
  if (x.length !== POINTS * INPUTS) return 0;
  const expected = teacherLabels(x, POINTS);
  return combine(agreement(expected, parsed.data.labels), input.latencyMs, distillLatency);
}
