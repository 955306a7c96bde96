import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { writeFileAtomic } from "../../node/runtime/io/atomic.ts";
import { MODEL_ONNX } from "../../node/runtime/io/format.ts";
import { denseToOnnx } from "../../node/runtime/onnx/model.ts";
import { denseToTfjs, tfjsToDense } from "../../node/runtime/tfjs-dense.ts";
import { TfjsRuntime } from "../../node/runtime/tfjs-runtime.ts";
import { InvalidInputError } from "../../sim/errors.ts";
import { deriveKey } from "../common/random.ts";
import type { TrainContext, TrainOptions, TrainReport } from "../types.ts";
import { CLASSES, INPUTS } from "./schema.ts";
import { agreement } from "./score.ts";
import { argmaxRows, samplePoints, studentSpec, teacherLabels } from "./teacher.ts";

const HELD_OUT = 2048;

/**
 * Trains a student on teacher-labelled points (cross-entropy, Adam) on the runtime's tfjs backend
 * and saves it as a tfjs folder or as model.onnx. Seeded data and initial weights; batches are not
 * shuffled, so a run is repeatable on one backend.
 */
export async function train(options: TrainOptions, context: TrainContext): Promise<TrainReport> {
  const { epochs, hidden, samples } = options;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 10_000) {
    throw new InvalidInputError("epochs", `${epochs}`, "an integer from 1 to 10000");
  }
  if (!Number.isInteger(hidden) || hidden < 1 || hidden > 4096) {
    throw new InvalidInputError("hidden", `${hidden}`, "an integer from 1 to 4096");
  }
  if (!Number.isInteger(samples) || samples < 64)
    throw new InvalidInputError("samples", `${samples}`, "≥ 64");
  const runtime = context.runtime;
  if (!(runtime instanceof TfjsRuntime)) {
    throw new InvalidInputError(
      "backend",
      `${runtime.backendInfo().backend} cannot train`,
      "a tfjs-* backend",
    );
  }
  runtime.use();
  const x = samplePoints(deriveKey("distill/train", options.seed), samples);
  const labels = teacherLabels(x, samples);
  const model = denseToTfjs(studentSpec(hidden, options.seed));
  const optimizer = tf.train.adam(0.01);
  let heldOutAgreement: number;
  try {
    model.compile({ optimizer, loss: "categoricalCrossentropy" });
    const xs = tf.tensor2d(x, [samples, INPUTS]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, "int32"), CLASSES));
    try {
      await model.fit(xs, ys, {
        epochs,
        batchSize: 64,
        shuffle: false,
        verbose: 0,
        callbacks: {
          onEpochEnd: async (epoch, logs) => {
            context.onEpoch?.(epoch + 1, logs?.loss ?? Number.NaN);
          },
        },
      });
    } finally {
      tf.dispose([xs, ys]);
    }
    const testX = samplePoints(deriveKey("distill/held-out", options.seed), HELD_OUT);
    const pred = tf.tidy(() => model.predict(tf.tensor2d(testX, [HELD_OUT, INPUTS])) as tf.Tensor);
    const predicted = argmaxRows(await pred.data(), HELD_OUT, CLASSES);
    pred.dispose();
    heldOutAgreement = agreement(teacherLabels(testX, HELD_OUT), predicted);
    if (options.format === "onnx") {
      await writeFileAtomic(join(options.out, MODEL_ONNX), denseToOnnx(tfjsToDense(model)));
    } else {
      await (await runtime.wrap(model)).save(options.out);
    }
  } finally {
    model.dispose();
    optimizer.dispose();
  }
  const report = {
    out: options.out,
    format: options.format,
    epochs,
    hidden,
    heldOutAgreement,
    backend: runtime.backendInfo().backend,
  };
  context.logger?.info(report, "distill student trained");
  return report;
}
