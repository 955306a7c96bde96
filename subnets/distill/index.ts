import type { SubnetDefinition } from "../types.ts";
import { generateChallenge } from "./challenge.ts";
import { createMiner } from "./miner.ts";
import {
  CLASSES,
  type DistillQuery,
  type DistillResponse,
  INPUTS,
  querySchema,
  responseSchema,
} from "./schema.ts";
import { score } from "./score.ts";
import { studentSpec } from "./teacher.ts";
import { train } from "./train.ts";

/** Distillation: label points like a fixed teacher network; quality is chance-corrected agreement. */
export const subnet: SubnetDefinition<DistillQuery, DistillResponse> = {
  name: "distill",
  version: 1,
  description: "distil a fixed teacher MLP: classify 64 points in [-1,1]^16 into 4 classes, fast",
  querySchema,
  responseSchema,
  generateChallenge,
  createMiner,
  score,
  model: {
    kind: "dense",
    inputSize: INPUTS,
    outputSize: CLASSES,
    description: `student MLP ${INPUTS} → hidden (relu) → ${CLASSES} (softmax), trained on teacher labels`,
    student: studentSpec,
  },
  train,
};
