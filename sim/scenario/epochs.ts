import { fromFastOutput, toFastInput } from "../yuma/fast/convert.ts";
import { epochFastArrays } from "../yuma/fast/epoch.ts";
import { type EpochFn, summarize } from "./epoch.ts";

/** The float64 epoch (same inputs and output shape as the exact one, not bit-exact). */
export const fastEpoch: EpochFn = (input) => summarize(fromFastOutput(epochFastArrays(toFastInput(input))));
