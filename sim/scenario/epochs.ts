import { epochExact } from "../yuma/epoch.ts";
import { fromFastOutput, toFastInput } from "../yuma/fast/convert.ts";
import { epochFastArrays } from "../yuma/fast/epoch.ts";
import { type EpochFn, summarize } from "./epoch.ts";

/** The chain-exact epoch (fixed-point emulation, bit-for-bit equal to subtensor). */
export const exactEpoch: EpochFn = (input) => summarize(epochExact(input));

/** The float64 epoch (same inputs and output shape as the exact one, not bit-exact, faster). */
export const fastEpoch: EpochFn = (input) => summarize(fromFastOutput(epochFastArrays(toFastInput(input))));

export function epochFor(mode: "fast" | "exact"): EpochFn {
  return mode === "exact" ? exactEpoch : fastEpoch;
}
