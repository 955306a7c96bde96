import { combine, type LatencyPolicy } from "../common/latency.ts";
import type { ScoreInput } from "../types.ts";
import { type Query, responseSchema } from "./schema.ts";

export const latency: LatencyPolicy = { targetMs: 100, timeoutMs: 2_000 };

/** Pure: 0 unless the response answers this nonce with the exact dot product; then speed counts. */
export function score(input: ScoreInput<Query>): number {
  const parsed = responseSchema.safeParse(input.response);
  if (!parsed.success || parsed.data.nonce !== input.challenge.nonce) return 0;
  const expected = input.challenge.x.reduce((s, v, i) => s + v * input.challenge.w[i], 0);
  return parsed.data.dot === expected ? combine(1, input.latencyMs, latency) : 0;
}
