import { u8aToHex } from "@polkadot/util";
import { commitHashPreimage, commitWeightsHash } from "../chain/commit-hash.ts";
import { maxWeightLimitFromU16, weightsForEmit } from "../chain/weights.ts";
import { compareExact } from "./compare.ts";
import type { CaseOutcome, GroupEvaluator, Mismatch } from "./types.ts";

/** Processed float weights may differ from the SDK's by a float32 ulp (numpy 1.x vs 2.x). */
const PROCESSED_TOLERANCE = 1e-6;

interface WeightsInput {
  uids: number[];
  weights: number[];
  num_neurons: number;
  min_allowed_weights: number;
  max_weight_limit_u16: number;
  exclude_quantile: number;
}

interface WeightsExpected {
  branch: string;
  max_weight_limit_float: number;
  processed: { uids: number[]; weights: number[]; dtype: string };
  emit: { uids: number[]; values: number[] };
}

function weights(input: WeightsInput, expected: WeightsExpected): CaseOutcome {
  const maxWeightLimit = maxWeightLimitFromU16(input.max_weight_limit_u16);
  const { processed, emit } = weightsForEmit({
    uids: input.uids,
    weights: input.weights,
    numNeurons: input.num_neurons,
    minAllowedWeights: input.min_allowed_weights,
    maxWeightLimit,
    excludeQuantile: input.exclude_quantile,
  });
  const mismatches: Mismatch[] = [
    ...compareExact(
      {
        branch: expected.branch,
        max_weight_limit_float: expected.max_weight_limit_float,
        uids: expected.processed.uids,
        dtype: expected.processed.dtype,
        emit: expected.emit,
      },
      { ...processed, max_weight_limit_float: maxWeightLimit, emit },
    ),
  ];
  let maxDeviation = 0;
  const want = expected.processed.weights;
  if (want.length !== processed.weights.length) {
    mismatches.push({
      field: "processed.weights.length",
      expected: want.length,
      got: processed.weights.length,
    });
  } else {
    want.forEach((w, i) => {
      const deviation = Math.abs(w - processed.weights[i]);
      maxDeviation = Math.max(maxDeviation, deviation);
      if (!(deviation <= PROCESSED_TOLERANCE)) {
        mismatches.push({ field: `processed.weights[${i}]`, expected: w, got: processed.weights[i] });
      }
    });
  }
  return { mismatches, metrics: { processed_max_abs_deviation: maxDeviation } };
}

interface CommitHashInput {
  hotkey_public_key: string;
  netuid_index: number;
  uids: number[];
  values: number[];
  salt: number[];
  version_key: number | string;
}

function commitHash(input: CommitHashInput, expected: unknown): CaseOutcome {
  const params = {
    hotkey: input.hotkey_public_key,
    netuidIndex: input.netuid_index,
    uids: input.uids,
    values: input.values,
    salt: input.salt,
    versionKey: BigInt(input.version_key),
  };
  const got = {
    scale_preimage_hex: u8aToHex(commitHashPreimage(params)),
    commit_hash: u8aToHex(commitWeightsHash(params)),
  };
  return { mismatches: compareExact(expected, got) };
}

export const groups: Record<string, GroupEvaluator> = {
  weights,
  commit_hash: commitHash,
};
