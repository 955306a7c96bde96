import { deriveKey, SeededStream } from "../common/random.ts";
import { type MatmulQuery, SIZES } from "./schema.ts";

/** A size from SIZES and a matrix seed, both functions of the validator's seed and the nonce. */
export function generateChallenge(seed: string, nonce: string): MatmulQuery {
  const s = new SeededStream(deriveKey("matmul/size", seed, nonce));
  return { nonce, n: SIZES[s.below(SIZES.length)], matrixSeed: deriveKey("matmul/matrices", seed, nonce) };
}
