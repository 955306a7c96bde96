import * as tf from "@tensorflow/tfjs";
import test from "ava";
import { randomDenseSpec } from "../../../node/runtime/dense.ts";
import { createRuntime } from "../../../node/runtime/select.ts";
import { ServedModel } from "../../../node/runtime/serve.ts";
import { lcg } from "./fixtures.ts";

test("100k requests through the batcher leave the tfjs tensor count unchanged", async (t) => {
  const runtime = await createRuntime({ backend: "tfjs-wasm" });
  const spec = randomDenseSpec(
    8,
    [
      { units: 16, activation: "relu" },
      { units: 4, activation: "linear" },
    ],
    lcg(1),
  );
  const model = await runtime.fromDense(spec);
  await model.warmUp();
  const served = new ServedModel(model, { maxBatchSize: 64, maxWaitMs: 1 });
  const before = tf.memory().numTensors;
  const total = 100_000;
  const concurrency = 256;
  let next = 0;
  let checksum = 0;
  const row = new Float32Array(8).fill(0.5);
  // `concurrency` clients, each sending its next request as soon as the previous one answers.
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const out = await served.predict(row);
        checksum += out.length;
      }
    }),
  );
  t.is(checksum, total * 4);
  t.is(served.stats().items, total);
  t.true(served.stats().batches <= total / 32, "requests were batched");
  t.is(tf.memory().numTensors, before);
  await served.close();
  await model.dispose();
  await runtime.dispose();
});
