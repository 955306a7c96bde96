import type { SubnetDefinition } from "../types.ts";
import { generateChallenge } from "./challenge.ts";
import { createMiner } from "./miner.ts";
import { type Query, querySchema, type Response, responseSchema } from "./schema.ts";
import { score } from "./score.ts";

/** `plexus subnet new NAME` copies this folder and sets the name below. */
const NAME = "template";

export const subnet: SubnetDefinition<Query, Response> = {
  name: NAME,
  version: 1,
  description: "template: return the dot product of two integer vectors",
  querySchema,
  responseSchema,
  generateChallenge,
  createMiner,
  score,
  model: { kind: "compute", description: "a 1×8 by 8×1 matmul on the runtime" },
};
