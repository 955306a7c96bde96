import type { z } from "zod";
import type { Logger } from "../node/log/index.ts";
import type { DenseModelSpec } from "../node/runtime/dense.ts";
import type { AbortOptions, ModelFormat, ModelRuntime } from "../node/runtime/types.ts";

/**
 * The subnet plugin API. A subnet is a folder `subnets/<name>/` whose `index.ts` exports
 * `subnet: SubnetDefinition`. The node discovers it by folder (see registry.ts); nothing in node/
 * changes when a subnet is added. Contract:
 *  - schemas validate everything that crosses the wire (the validator never trusts a response);
 *  - `generateChallenge` is deterministic in (seed, nonce);
 *  - `score` is a pure function: no clock, no I/O, no unseeded randomness. The validator measures
 *    latency and passes it in, together with its secret seed for any private randomness.
 */
export interface SubnetDefinition<Q = unknown, R = unknown> {
  /** Folder name and wire identifier: lowercase letters, digits and dashes. */
  readonly name: string;
  /** Bumped when the query/response format or the scoring rule changes. */
  readonly version: number;
  readonly description: string;
  readonly querySchema: z.ZodType<Q>;
  readonly responseSchema: z.ZodType<R>;
  /** The challenge a validator sends: a function of its secret seed and a fresh nonce only. */
  generateChallenge(seed: string, nonce: string): Q;
  /** The miner's side: answers queries with the node's ModelRuntime. */
  createMiner(context: MinerContext): Promise<MinerHandler<Q, R>>;
  /** Pure scoring in [0, 1]; a missing or malformed response scores 0. */
  score(input: ScoreInput<Q>): number;
  /** What the miner runs. */
  readonly model: ModelDefinition;
  /** Trains a miner model (`plexus subnet train`); absent when the subnet has nothing to learn. */
  train?(options: TrainOptions, context: TrainContext): Promise<TrainReport>;
}

export interface MinerContext {
  runtime: ModelRuntime;
  /** Folder holding the miner's model (model.json + weights.bin, or model.onnx), if it has one. */
  modelDir?: string;
  logger?: Logger;
}

export interface MinerHandler<Q, R> {
  handle(query: Q, options?: AbortOptions): Promise<R>;
  close(): Promise<void>;
}

export interface ScoreInput<Q> {
  challenge: Q;
  /** The raw response as received (validated by the scorer), or undefined on timeout/error. */
  response: unknown;
  /** Measured by the validator from send to receipt. */
  latencyMs: number;
  /** The validator's secret seed: the source of any randomness the check needs. */
  seed: string;
}

/** The model a subnet's miners run: learned dense weights, or a fixed computation on the runtime. */
export type ModelDefinition =
  | {
      kind: "dense";
      inputSize: number;
      outputSize: number;
      description: string;
      /** The architecture a miner trains, with seeded initial weights. */
      student(hidden: number, seed: string): DenseModelSpec;
    }
  | { kind: "compute"; description: string };

export interface TrainOptions {
  epochs: number;
  hidden: number;
  /** Output folder for the trained model. */
  out: string;
  format: ModelFormat;
  seed: string;
  /** Training examples generated for the run. */
  samples: number;
}

export interface TrainContext {
  runtime: ModelRuntime;
  logger?: Logger;
  /** Called after each epoch (for a progress bar). */
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface TrainReport {
  out: string;
  format: ModelFormat;
  epochs: number;
  hidden: number;
  /** Chance-corrected agreement (Cohen's kappa) with the reference on held-out examples, in [0, 1]. */
  heldOutAgreement: number;
  backend: string;
}

/** Subnet names double as folder names and wire identifiers. */
export const SUBNET_NAME = /^[a-z][a-z0-9-]{0,31}$/;
