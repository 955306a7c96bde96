import { deriveKey } from "../common/random.ts";
import { type DistillQuery, INPUTS, POINTS } from "./schema.ts";
import { samplePoints } from "./teacher.ts";

/** POINTS fresh points, a function of the validator's seed and the nonce only. */
export function generateChallenge(seed: string, nonce: string): DistillQuery {
  const x = samplePoints(deriveKey("distill/challenge", seed, nonce), POINTS);
  const inputs = Array.from({ length: POINTS }, (_, r) =>
    Array.from(x.subarray(r * INPUTS, (r + 1) * INPUTS)),
  );
  return { nonce, inputs };
}
