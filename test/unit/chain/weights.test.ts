import test from "ava";
import fc from "fast-check";
import {
  convertWeightsAndUidsForEmit,
  maxWeightLimitFromU16,
  processWeights,
  U16_MAX,
  WeightsInputError,
  weightsForEmit,
  withinMaxWeightLimit,
} from "../../../node/chain/weights.ts";

test("emit max-upscales so the largest weight becomes 65535", (t) => {
  const out = convertWeightsAndUidsForEmit([4, 2], [0.25, 1]);
  t.deepEqual(out, { uids: [4, 2], values: [16384, U16_MAX] });
});

test("emit rounds exact halves to the even integer, like Python's round", (t) => {
  // max 65535 makes value = weight exactly; x.5 ties go to the even neighbour.
  const out = convertWeightsAndUidsForEmit([0, 1, 2, 3], [U16_MAX, 2.5, 3.5, 32766.5]);
  t.deepEqual(out.values, [U16_MAX, 2, 4, 32766]);
});

test("emit drops entries that round to zero together with their uid", (t) => {
  const out = convertWeightsAndUidsForEmit([0, 1, 2], [1, 1e-6, 0.5]);
  t.deepEqual(out, { uids: [0, 2], values: [U16_MAX, 32768] });
});

test("emit of all-zero weights sends nothing", (t) => {
  t.deepEqual(convertWeightsAndUidsForEmit([0, 1], [0, 0]), { uids: [], values: [] });
});

test("bad weights input raises a typed error naming the field", (t) => {
  const cases: Array<[() => unknown, string, string]> = [
    [() => convertWeightsAndUidsForEmit([0, 1], [1]), "INPUT_WEIGHTS_LENGTH_MISMATCH", "weights"],
    [() => convertWeightsAndUidsForEmit([0, 1], [1, Number.NaN]), "INPUT_WEIGHTS_NOT_FINITE", "weights[1]"],
    [() => convertWeightsAndUidsForEmit([0], [1e39]), "INPUT_WEIGHTS_NOT_FINITE", "weights[0]"],
    [() => convertWeightsAndUidsForEmit([0, 1], [1, -0.1]), "INPUT_WEIGHTS_NEGATIVE", "weights[1]"],
    [() => convertWeightsAndUidsForEmit([70000], [1]), "INPUT_WEIGHTS_UID_OUT_OF_RANGE", "uids[0]"],
    [() => convertWeightsAndUidsForEmit([1.5], [1]), "INPUT_WEIGHTS_UID_OUT_OF_RANGE", "uids[0]"],
    [() => convertWeightsAndUidsForEmit([3, 3], [1, 1]), "INPUT_WEIGHTS_DUPLICATE_UID", "uids[1]"],
    [
      () =>
        processWeights({ uids: [0], weights: [1], numNeurons: 0, minAllowedWeights: 1, maxWeightLimit: 1 }),
      "INPUT_WEIGHTS_PARAM_OUT_OF_RANGE",
      "numNeurons",
    ],
    [
      () =>
        processWeights({ uids: [0], weights: [1], numNeurons: 4, minAllowedWeights: 1, maxWeightLimit: 1.5 }),
      "INPUT_WEIGHTS_PARAM_OUT_OF_RANGE",
      "maxWeightLimit",
    ],
  ];
  for (const [fn, code, field] of cases) {
    const err = t.throws(fn, { instanceOf: WeightsInputError });
    t.is(err?.code, code);
    t.is(err?.field, field);
  }
});

test("padding puts weight on a position that is not a uid: rejected", (t) => {
  const err = t.throws(
    () =>
      processWeights({
        uids: [0, 1, 2, 3],
        weights: [0, 0, 0, 1],
        numNeurons: 3,
        minAllowedWeights: 2,
        maxWeightLimit: 1,
      }),
    { instanceOf: WeightsInputError },
  );
  t.is(err?.code, "INPUT_WEIGHTS_UID_OUT_OF_RANGE");
});

test("too few non-zero weights pads every uid of the subnet with a small weight", (t) => {
  const out = processWeights({
    uids: [0, 1, 2, 3, 4],
    weights: [0, 1, 0, 0, 0],
    numNeurons: 5,
    minAllowedWeights: 3,
    maxWeightLimit: 1,
  });
  t.is(out.branch, "pad_1e-5");
  t.deepEqual(out.uids, [0, 1, 2, 3, 4]);
  t.true(out.weights.every((w) => w > 0));
  t.true(out.weights[1] > 0.99);
});

test("fewer neurons than min allowed weights flattens to uniform", (t) => {
  const out = processWeights({
    uids: [0, 1],
    weights: [0.9, 0.1],
    numNeurons: 2,
    minAllowedWeights: 4,
    maxWeightLimit: 1,
  });
  t.is(out.branch, "uniform");
  t.deepEqual(out.weights, [0.5, 0.5]);
});

test("exclude quantile never drops below min allowed weights", (t) => {
  const out = processWeights({
    uids: [0, 1, 2, 3],
    weights: [0.1, 0.2, 0.3, 0.4],
    numNeurons: 4,
    minAllowedWeights: 3,
    maxWeightLimit: 1,
    excludeQuantile: U16_MAX,
  });
  t.deepEqual(out.uids, [1, 2, 3]);
});

// Zero or a normal float32 (≥ 2^-126). Subnormal weights are left out: dividing subnormals in
// float32 keeps only a few significant bits, so the SDK's (numpy's) shares do not sum to 1 there
// either, and the properties below would test float32 itself rather than the conversion.
const weightVectors = fc
  .array(
    fc.oneof(
      fc.constant(0),
      fc.float({ min: Math.fround(2 ** -126), max: 1000, noNaN: true, noDefaultInfinity: true }),
    ),
    { minLength: 1, maxLength: 300 },
  )
  .filter((ws) => ws.some((w) => Math.fround(w) > 0));

test("normal branch: float32 weights that sum to 1 and respect the max weight limit", (t) => {
  fc.assert(
    fc.property(weightVectors, fc.integer({ min: 6554, max: U16_MAX }), (ws, limitU16) => {
      const limit = maxWeightLimitFromU16(limitU16);
      const out = processWeights({
        uids: ws.map((_, i) => i),
        weights: ws,
        numNeurons: ws.length,
        minAllowedWeights: 1,
        maxWeightLimit: limit,
      });
      if (out.branch !== "normal") return false;
      const sum = out.weights.reduce((a, b) => a + b, 0);
      const float32 = out.weights.every((w) => Math.fround(w) === w);
      const capped = out.weights.length * limit <= 1 || Math.max(...out.weights) <= limit + 1e-6;
      return float32 && Math.abs(sum - 1) < 1e-4 && capped;
    }),
  );
  t.pass();
});

test("emitted values are u16, non-zero, and reach 65535", (t) => {
  fc.assert(
    fc.property(weightVectors, (ws) => {
      const out = convertWeightsAndUidsForEmit(
        ws.map((_, i) => i),
        ws,
      );
      return (
        out.values.length === out.uids.length &&
        out.values.every((v) => Number.isInteger(v) && v > 0 && v <= U16_MAX) &&
        Math.max(...out.values) === U16_MAX
      );
    }),
  );
  t.pass();
});

test("the chain-side max weight check compares truncated I32F32 shares", (t) => {
  t.true(withinMaxWeightLimit([65535, 1], U16_MAX), "no limit at 65535");
  t.true(withinMaxWeightLimit([], 100));
  t.false(withinMaxWeightLimit([65535, 1], 32767));
  // Two equal weights are a share of exactly 0.5: above 32767/65535, within 32768/65535.
  t.false(withinMaxWeightLimit([7, 7], 32767));
  t.true(withinMaxWeightLimit([7, 7], 32768));
  t.throws(() => withinMaxWeightLimit([70000], 100), { instanceOf: WeightsInputError });
});

test("weights clipped by process_weights pass the chain's max weight check after emit", (t) => {
  const limit = 13107;
  const { emit } = weightsForEmit({
    uids: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    weights: [10, 5, 1, 1, 1, 1, 1, 1, 1, 1],
    numNeurons: 10,
    minAllowedWeights: 1,
    maxWeightLimit: maxWeightLimitFromU16(limit),
  });
  t.true(withinMaxWeightLimit(emit.values, limit));
  t.false(withinMaxWeightLimit(emit.values, limit - 10));
});
