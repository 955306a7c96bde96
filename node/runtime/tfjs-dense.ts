import * as tf from "@tensorflow/tfjs";
import { InvalidInputError } from "../../sim/errors.ts";
import { ACTIVATIONS, type Activation, type DenseModelSpec, validateDenseSpec } from "./dense.ts";

/** A tfjs Sequential model computing the dense spec (weights copied in, float32). */
export function denseToTfjs(spec: DenseModelSpec): tf.Sequential {
  validateDenseSpec(spec);
  const model = tf.sequential();
  let width = spec.inputSize;
  spec.layers.forEach((layer, i) => {
    model.add(
      tf.layers.dense({
        units: layer.units,
        activation: layer.activation,
        ...(i === 0 ? { inputShape: [spec.inputSize] } : {}),
      }),
    );
    const w = [tf.tensor2d(layer.kernel, [width, layer.units]), tf.tensor1d(layer.bias)];
    model.layers[i].setWeights(w);
    tf.dispose(w);
    width = layer.units;
  });
  return model;
}

/** The dense spec of a tfjs model made only of Dense layers (e.g. one trained by `plexus subnet train`). */
export function tfjsToDense(model: tf.LayersModel): DenseModelSpec {
  const inputShape = model.inputs[0].shape;
  const layers = model.layers.map((layer, i) => {
    const config = layer.getConfig() as { units?: number; activation?: string; useBias?: boolean };
    if (layer.getClassName() !== "Dense" || config.units === undefined) {
      throw new InvalidInputError(`layers[${i}]`, `is a ${layer.getClassName()} layer`, "Dense layers only");
    }
    if (!ACTIVATIONS.includes(config.activation as Activation)) {
      throw new InvalidInputError(
        `layers[${i}].activation`,
        `"${config.activation}"`,
        ACTIVATIONS.join(", "),
      );
    }
    const [kernel, bias] = layer.getWeights();
    return {
      units: config.units,
      activation: config.activation as Activation,
      kernel: kernel.dataSync() as Float32Array,
      bias: bias === undefined ? new Float32Array(config.units) : (bias.dataSync() as Float32Array),
    };
  });
  const spec = { inputSize: inputShape[1] ?? 0, layers };
  validateDenseSpec(spec);
  return spec;
}
