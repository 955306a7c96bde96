import { NotImplementedError } from "../../sim/errors.ts";
import type { GroupEvaluator } from "./types.ts";

/** multi_block: needs the block stepper (sim/emission/step.ts), which is not written yet. */
export const multiBlock: GroupEvaluator = () => {
  throw new NotImplementedError("multi_block conformance");
};
