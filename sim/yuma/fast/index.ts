/**
 * The float64 "fast" mode of the Yuma epoch: same inputs, outputs, step order and masks as the exact
 * engine, plain double arithmetic on typed arrays. Not bit-exact (see docs/yuma.md, "Fast mode").
 *
 * - `epochFast(input)`: vector-schema input → `EpochOutputFloat`.
 * - `epochFastArrays(input)`: the typed-array core, for sweeps that keep their state in typed arrays.
 * - `epochWithMechanismsFast(input)`: `epoch_with_mechanisms` on the fast epoch.
 */
import type { EpochInput, EpochOutputFloat } from "../types.ts";
import { fromFastOutput, toFastInput } from "./convert.ts";
import { epochFastArrays } from "./epoch.ts";

export { type Csr, csrToRows, csrU16FromRows } from "./csr.ts";
export { epochFastArrays, toU16 } from "./epoch.ts";
export { epochWithMechanismsFast } from "./mechanisms.ts";
export type { FastEpochInput, FastEpochOutput } from "./types.ts";
export { fromFastOutput, toFastInput };

/** One epoch in float64. The input must be valid (the exact engine's validator checks it). */
export function epochFast(input: EpochInput): EpochOutputFloat {
  return fromFastOutput(epochFastArrays(toFastInput(input)));
}
