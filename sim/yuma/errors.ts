import { InvalidInputError } from "../errors.ts";

/**
 * Invalid epoch input. `field` is the path of the offending value (`weights[3][1]`,
 * `alpha_stake[2]`, `n`); the code is `INPUT_INVALID` (the CLI exits 2).
 */
export class YumaInputError extends InvalidInputError {
  constructor(field: string, problem: string, allowed?: string) {
    super(field, problem, allowed);
    this.name = "YumaInputError";
  }
}
