import { base64ToInt32 } from "../common/base64.ts";
import { combine, type LatencyPolicy } from "../common/latency.ts";
import { deriveKey, SeededStream } from "../common/random.ts";
import type { ScoreInput } from "../types.ts";
import { freivalds } from "./freivalds.ts";
import { expandMatrices } from "./matrices.ts";
import { type MatmulQuery, responseSchema } from "./schema.ts";

export const matmulLatency: LatencyPolicy = { targetMs: 500, timeoutMs: 10_000 };

/**
 * Pure score of one matmul response. 0 unless the product passes Freivalds' check (so a wrong,
 * partial or lazy product scores 0), 0 for an answer to another nonce (a replayed or copied
 * answer); a verified product earns 1 when fast, down to 0.5 near the timeout. The check's random
 * vectors come from the validator's secret seed, so a miner cannot aim a wrong answer at them.
 */
export function score(input: ScoreInput<MatmulQuery>): number {
  const parsed = responseSchema.safeParse(input.response);
  if (!parsed.success || parsed.data.nonce !== input.challenge.nonce) return 0;
  const { n, matrixSeed, nonce } = input.challenge;
  const c = base64ToInt32(parsed.data.c);
  if (c === undefined || c.length !== n * n) return 0;
  const { a, b } = expandMatrices(matrixSeed, n);
  const rng = new SeededStream(deriveKey("matmul/freivalds", input.seed, nonce));
  return freivalds(a, b, c, n, rng) ? combine(1, input.latencyMs, matmulLatency) : 0;
}
