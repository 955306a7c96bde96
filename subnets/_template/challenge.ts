import { deriveKey, SeededStream } from "../common/random.ts";
import { LENGTH, type Query } from "./schema.ts";

/** Deterministic in (seed, nonce): integers in [-100, 100]. */
export function generateChallenge(seed: string, nonce: string): Query {
  const s = new SeededStream(deriveKey("template/challenge", seed, nonce));
  const vec = () => Array.from({ length: LENGTH }, () => s.below(201) - 100);
  return { nonce, x: vec(), w: vec() };
}
