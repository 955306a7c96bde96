import { InvalidInputError, PlexusError } from "../errors.ts";

/** A scenario or sweep file that does not validate. `field` is a path such as `subnets[1].tempo`. */
export class ScenarioInputError extends InvalidInputError {
  constructor(field: string, problem: string, allowed?: string) {
    super(field, problem, allowed);
    this.name = "ScenarioInputError";
  }
}

/** A checkpoint that does not belong to the scenario/seed being resumed. */
export class CheckpointMismatchError extends PlexusError {
  constructor(what: string) {
    super(
      "SCENARIO_CHECKPOINT_MISMATCH",
      `the checkpoint does not match this run (${what}); remove the output folder or drop --resume`,
      { meta: { what } },
    );
    this.name = "CheckpointMismatchError";
  }
}
