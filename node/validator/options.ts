/** Validator defaults (the CLI reads them from here). */
export interface ValidatorOptions {
  netuid: number;
  /** Secret seed for challenges and score checks; random per process when not given. */
  seed?: string;
  /** Per-query deadline sent to miners. */
  queryTimeoutMs: number;
  /** Time between query rounds. */
  stepIntervalMs: number;
  /** Weight of the newest round in the moving average. */
  scoreAlpha: number;
  /** Where the moving average is saved after every round (atomic write). */
  statePath?: string;
  /** Miners queried at once per round (bounds fan-out memory). */
  maxConcurrentQueries: number;
}

export const defaultValidatorOptions: Omit<ValidatorOptions, "netuid"> = {
  queryTimeoutMs: 12_000,
  stepIntervalMs: 12_000,
  scoreAlpha: 0.1,
  maxConcurrentQueries: 256,
};
