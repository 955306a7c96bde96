import type { SubnetDefinition } from "../types.ts";
import { generateChallenge } from "./challenge.ts";
import { createMiner } from "./miner.ts";
import { type MatmulQuery, type MatmulResponse, querySchema, responseSchema } from "./schema.ts";
import { score } from "./score.ts";

/** Verifiable compute: multiply integer matrices; checked with Freivalds' algorithm in O(n²). */
export const subnet: SubnetDefinition<MatmulQuery, MatmulResponse> = {
  name: "matmul",
  version: 1,
  description:
    "verifiable compute: return C = A·B for seeded n×n integer matrices (n ≤ 512), checked by Freivalds",
  querySchema,
  responseSchema,
  generateChallenge,
  createMiner,
  score,
  model: {
    kind: "compute",
    description: "one matmul on the runtime (float32, exact for these integer inputs)",
  },
};
