import { PlexusError } from "../../sim/errors.ts";

/**
 * Float weights → the u16 vectors that set_weights / commit-reveal carry, exactly as the bittensor
 * Python SDK does it (bittensor/utils/weight_utils.py @ bb526e6d: `process_weights`, the body of
 * `process_weights_for_netuid`, then `convert_weights_and_uids_for_emit`). See spec/chain.md §4.
 *
 * The SDK computes with numpy. This port reproduces numpy 1.24's arithmetic step by step:
 * float32 arrays are rounded with Math.fround after every operation; sums use numpy's pairwise
 * summation; a float64 numpy scalar meeting a float32 array is cast down to float32 (numpy 1.x
 * value-based casting) while scalar-with-scalar arithmetic is done in float64. numpy 2.x promotes
 * differently, so its processed floats can differ by one float32 ulp; the emitted u16 values
 * of the reference vectors are the same under both.
 */

export const U16_MAX = 65535;

/** Which path of process_weights produced the result (see spec/chain.md §4.1). */
export type WeightsBranch = "uniform" | "pad_1e-5" | "normal";

export interface ProcessWeightsParams {
  /** Destination uids, one per weight. */
  uids: readonly number[];
  /** Non-negative finite weights; cast to float32 first, as the SDK does. */
  weights: readonly number[];
  /** Number of neurons in the subnet (metagraph n). */
  numNeurons: number;
  /** The subnet's MinAllowedWeights. */
  minAllowedWeights: number;
  /** MaxWeightsLimit / 65535 (use {@link maxWeightLimitFromU16}). */
  maxWeightLimit: number;
  /** Integer in [0, 65535]; the lowest exclude_quantile/65535 share of weights is dropped. Default 0. */
  excludeQuantile?: number;
}

export interface ProcessedWeights {
  uids: number[];
  weights: number[];
  /** The numpy dtype the SDK would return: float32 in the normal branch, float64 otherwise. */
  dtype: "float32" | "float64";
  branch: WeightsBranch;
}

export interface EmitWeights {
  uids: number[];
  values: number[];
}

export type WeightsErrorReason =
  | "LENGTH_MISMATCH"
  | "NOT_FINITE"
  | "NEGATIVE"
  | "UID_OUT_OF_RANGE"
  | "DUPLICATE_UID"
  | "PARAM_OUT_OF_RANGE";

/** Bad weights input. `code` is INPUT_WEIGHTS_<reason>; `field` names the offending value. */
export class WeightsInputError extends PlexusError {
  readonly field: string;
  readonly reason: WeightsErrorReason;

  constructor(reason: WeightsErrorReason, field: string, problem: string, allowed: string) {
    super(`INPUT_WEIGHTS_${reason}`, `invalid weights input at ${field}: ${problem} (allowed: ${allowed})`, {
      meta: { field, reason, allowed },
    });
    this.name = "WeightsInputError";
    this.field = field;
    this.reason = reason;
  }
}

/** The SDK's max_weight_limit: the chain's MaxWeightsLimit (u16) as a share, in float64. */
export function maxWeightLimitFromU16(limit: number): number {
  checkInteger("maxWeightsLimit", limit, 0, U16_MAX);
  return limit / U16_MAX;
}

/** process_weights: filter, pad or flatten the weights and apply the max-weight limit. */
export function processWeights(params: ProcessWeightsParams): ProcessedWeights {
  const { uids, numNeurons, minAllowedWeights, maxWeightLimit } = params;
  const excludeQuantile = params.excludeQuantile ?? 0;
  checkInteger("numNeurons", numNeurons, 1, U16_MAX + 1);
  checkInteger("minAllowedWeights", minAllowedWeights, 0, U16_MAX);
  checkInteger("excludeQuantile", excludeQuantile, 0, U16_MAX);
  if (!Number.isFinite(maxWeightLimit) || maxWeightLimit < 0 || maxWeightLimit > 1) {
    throw new WeightsInputError(
      "PARAM_OUT_OF_RANGE",
      "maxWeightLimit",
      `got ${maxWeightLimit}`,
      "a share in [0, 1]",
    );
  }
  // uids need not be below numNeurons here (the SDK does not check); only the padding branch
  // relies on it, and checks it there.
  checkPairs(uids, params.weights, U16_MAX + 1);
  const weights = params.weights.map((w) => Math.fround(w));

  const nonZeroIdx: number[] = [];
  weights.forEach((w, i) => {
    if (w > 0) nonZeroIdx.push(i);
  });

  if (nonZeroIdx.length === 0 || numNeurons < minAllowedWeights) {
    // np.ones(n, dtype=int64) / n: float64.
    return {
      uids: range(numNeurons),
      weights: new Array(numNeurons).fill(1 / numNeurons),
      dtype: "float64",
      branch: "uniform",
    };
  }

  if (nonZeroIdx.length < minAllowedWeights) {
    // np.ones(n, int64) * 1e-5 is float64; the SDK adds each weight at its input *position*
    // (it assumes position == uid), then normalizes in float64.
    const padded = new Array<number>(numNeurons).fill(1e-5);
    for (const i of nonZeroIdx) {
      if (i >= numNeurons) {
        throw new WeightsInputError(
          "UID_OUT_OF_RANGE",
          `weights[${i}]`,
          `position ${i} is not a uid of a ${numNeurons}-neuron subnet (the padding puts weight i on uid i)`,
          `positions below numNeurons = ${numNeurons}`,
        );
      }
      padded[i] += weights[i];
    }
    return {
      uids: range(numNeurons),
      weights: normalizeMaxWeight(padded, maxWeightLimit, F64),
      dtype: "float64",
      branch: "pad_1e-5",
    };
  }

  const nzUids = nonZeroIdx.map((i) => uids[i]);
  const nzWeights = nonZeroIdx.map((i) => weights[i]);
  const k = nzWeights.length;
  const maxExclude = Math.max(0, k - minAllowedWeights) / k;
  const q = Math.min(excludeQuantile / U16_MAX, maxExclude);
  // numpy 1.x compares the float64 quantile with the float32 array in float32.
  const lowest = Math.fround(quantileLinear(nzWeights, q));
  const keptUids: number[] = [];
  const keptWeights: number[] = [];
  nzWeights.forEach((w, i) => {
    if (lowest <= w) {
      keptUids.push(nzUids[i]);
      keptWeights.push(w);
    }
  });
  return {
    uids: keptUids,
    weights: normalizeMaxWeight(keptWeights, maxWeightLimit, F32),
    dtype: "float32",
    branch: "normal",
  };
}

/**
 * convert_weights_and_uids_for_emit: max-upscale to 65535, round half to even in float64 like
 * Python's round(), and drop entries that round to 0 (with their uid). All-zero → empty vectors.
 */
export function convertWeightsAndUidsForEmit(
  uids: readonly number[],
  weights: readonly number[],
): EmitWeights {
  checkPairs(uids, weights, U16_MAX + 1);
  let sum = 0;
  let max = 0;
  for (const w of weights) {
    sum += w;
    if (w > max) max = w;
  }
  if (sum === 0) return { uids: [], values: [] };
  const out: EmitWeights = { uids: [], values: [] };
  weights.forEach((w, i) => {
    const value = roundHalfEven((w / max) * U16_MAX);
    if (value !== 0) {
      out.uids.push(uids[i]);
      out.values.push(value);
    }
  });
  return out;
}

/**
 * The chain's MaxWeightExceeded test on emitted values (subtensor's epoch math
 * `check_vec_max_limited` with `inplace_normalize`), in exact I32F32 integer arithmetic: the values
 * normalized to sum 1 (each share truncated) must have no share above MaxWeightsLimit / 65535
 * (also truncated). Always true when the limit is 65535 or the vector is empty. The chain also
 * exempts a lone self-weight, which this function does not know about. process_weights aims at
 * exactly the limit, so u16 rounding can push a share a hair over it: check before sending.
 */
export function withinMaxWeightLimit(values: readonly number[], maxWeightsLimit: number): boolean {
  checkInteger("maxWeightsLimit", maxWeightsLimit, 0, U16_MAX);
  values.forEach((v, i) => {
    checkInteger(`values[${i}]`, v, 0, U16_MAX);
  });
  if (maxWeightsLimit === U16_MAX || values.length === 0) return true;
  let sum = 0n;
  let max = 0n;
  for (const v of values) {
    sum += BigInt(v);
    if (BigInt(v) > max) max = BigInt(v);
  }
  // inplace_normalize leaves an all-zero vector as it is: its largest share is 0.
  const largestShareBits = sum === 0n ? 0n : (max << 32n) / sum;
  const limitBits = (BigInt(maxWeightsLimit) << 32n) / BigInt(U16_MAX);
  return largestShareBits <= limitBits;
}

/** Both steps, the way a validator turns float scores into the chain's vectors. */
export function weightsForEmit(params: ProcessWeightsParams): {
  processed: ProcessedWeights;
  emit: EmitWeights;
} {
  const processed = processWeights(params);
  return { processed, emit: convertWeightsAndUidsForEmit(processed.uids, processed.weights) };
}

// ---------------------------------------------------------------------------------------------
// numpy emulation

/** Rounding of one numpy dtype: float32 rounds every result, float64 keeps JS doubles. */
type Round = (x: number) => number;
const F32: Round = Math.fround;
const F64: Round = (x) => x;

/**
 * normalize_max_weight(x, limit) with x of the given dtype. Scalar-with-scalar steps run in
 * float64 (numpy 1.x promotes np.float32 with a Python number to float64); the cutoff meets the
 * array in the array's dtype.
 */
function normalizeMaxWeight(x: readonly number[], limit: number, r: Round): number[] {
  const epsilon = 1e-7;
  const n = x.length;
  const values = [...x].sort((a, b) => a - b);
  const xSum = pairwiseSum(x, r);
  if (xSum === 0 || n * limit <= 1) return new Array(n).fill(r(1 / n));

  const valuesSum = pairwiseSum(values, r);
  const estimation = values.map((v) => r(v / valuesSum));
  if (estimation.reduce((m, e) => (e > m ? e : m), Number.NEGATIVE_INFINITY) <= limit) {
    return x.map((v) => r(v / xSum));
  }

  const cumsum: number[] = [];
  let acc = 0;
  for (const e of estimation) {
    acc = r(acc + e);
    cumsum.push(acc);
  }
  // (len - i - 1) * estimation[i] is int64 * float → float64, and so is everything it touches.
  let nValues = 0;
  for (let i = 0; i < n; i++) {
    const estimationSum = (n - i - 1) * estimation[i];
    if (estimation[i] / (estimationSum + cumsum[i] + epsilon) < limit) nValues++;
  }
  // Python's cumsum[-1] when n_values is 0.
  const c = cumsum[nValues - 1 >= 0 ? nValues - 1 : n - 1];
  const cutoffScale = (limit * c - epsilon) / (1 - limit * (n - nValues));
  const cutoff = r(cutoffScale * valuesSum);
  const clipped = x.map((v) => (v > cutoff ? cutoff : v));
  const clippedSum = pairwiseSum(clipped, r);
  return clipped.map((v) => r(v / clippedSum));
}

/**
 * np.quantile(a, q) with the default "linear" method on float32 data (numpy 1.24 `_quantile` and
 * `_lerp`): the difference of the neighbours is float32, the interpolation float64.
 */
function quantileLinear(a: readonly number[], q: number): number {
  const sorted = [...a].sort((x, y) => x - y);
  const n = sorted.length;
  const virtualIndex = (n - 1) * q;
  let prev = Math.floor(virtualIndex);
  let next = prev + 1;
  if (virtualIndex >= n - 1) {
    prev = n - 1;
    next = n - 1;
  } else if (virtualIndex < 0) {
    prev = 0;
    next = 0;
  }
  const gamma = virtualIndex - prev;
  const lo = sorted[prev];
  const hi = sorted[next];
  const diff = Math.fround(hi - lo);
  return gamma >= 0.5 ? hi - diff * (1 - gamma) : lo + diff * gamma;
}

/**
 * numpy's pairwise summation (loops_utils.h `pairwise_sum`): blocks of up to 128 summed with 8
 * partial accumulators, larger arrays split in halves (multiple of 8). `r` rounds to the dtype.
 */
function pairwiseSum(a: readonly number[], r: Round, start = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = r(res + a[start + i]);
    return res;
  }
  if (n <= 128) {
    const p = a.slice(start, start + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) p[j] = r(p[j] + a[start + i + j]);
    }
    let res = r(r(r(p[0] + p[1]) + r(p[2] + p[3])) + r(r(p[4] + p[5]) + r(p[6] + p[7])));
    for (; i < n; i++) res = r(res + a[start + i]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return r(pairwiseSum(a, r, start, n2) + pairwiseSum(a, r, start + n2, n - n2));
}

/** Python's round() on a non-negative float: ties go to the even integer. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

// ---------------------------------------------------------------------------------------------
// validation

function checkPairs(uids: readonly number[], weights: readonly number[], uidBound: number): void {
  if (uids.length !== weights.length) {
    throw new WeightsInputError(
      "LENGTH_MISMATCH",
      "weights",
      `${weights.length} weights for ${uids.length} uids`,
      "one weight per uid",
    );
  }
  const seen = new Set<number>();
  uids.forEach((uid, i) => {
    if (!Number.isInteger(uid) || uid < 0 || uid >= uidBound) {
      throw new WeightsInputError(
        "UID_OUT_OF_RANGE",
        `uids[${i}]`,
        `got ${uid}`,
        `an integer in [0, ${uidBound - 1}]`,
      );
    }
    if (seen.has(uid)) {
      throw new WeightsInputError("DUPLICATE_UID", `uids[${i}]`, `uid ${uid} appears twice`, "each uid once");
    }
    seen.add(uid);
  });
  weights.forEach((w, i) => {
    if (typeof w !== "number" || Number.isNaN(w) || !Number.isFinite(Math.fround(w))) {
      throw new WeightsInputError(
        "NOT_FINITE",
        `weights[${i}]`,
        `got ${w}`,
        "a finite number within float32 range",
      );
    }
    if (w < 0) {
      throw new WeightsInputError("NEGATIVE", `weights[${i}]`, `got ${w}`, "a weight >= 0");
    }
  });
}

function checkInteger(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new WeightsInputError(
      "PARAM_OUT_OF_RANGE",
      field,
      `got ${value}`,
      `an integer in [${min}, ${max}]`,
    );
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
