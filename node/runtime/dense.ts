import { InvalidInputError } from "../../sim/errors.ts";

/**
 * A portable description of a dense network (an MLP): the common ground between the tfjs and ONNX
 * engines. A subnet model defined this way can be saved in either format with identical weights,
 * and a pure-JS float64 forward pass gives a reference to check both against.
 */
export const ACTIVATIONS = ["linear", "relu", "tanh", "sigmoid", "softmax"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface DenseLayer {
  units: number;
  activation: Activation;
  /** [inputs, units], row-major (the tfjs Dense kernel layout, ONNX Gemm's B without transB). */
  kernel: Float32Array;
  bias: Float32Array;
}

export interface DenseModelSpec {
  inputSize: number;
  layers: DenseLayer[];
}

/** Checks the shapes of a spec; throws InvalidInputError naming the first bad field. */
export function validateDenseSpec(spec: DenseModelSpec): void {
  if (!Number.isInteger(spec.inputSize) || spec.inputSize < 1) {
    throw new InvalidInputError("inputSize", `${spec.inputSize} is not a positive integer`);
  }
  if (spec.layers.length === 0)
    throw new InvalidInputError("layers", "no layers", "at least one Dense layer");
  let width = spec.inputSize;
  spec.layers.forEach((layer, i) => {
    if (!Number.isInteger(layer.units) || layer.units < 1) {
      throw new InvalidInputError(`layers[${i}].units`, `${layer.units} is not a positive integer`);
    }
    if (!ACTIVATIONS.includes(layer.activation)) {
      throw new InvalidInputError(
        `layers[${i}].activation`,
        `unknown "${layer.activation}"`,
        ACTIVATIONS.join(", "),
      );
    }
    if (layer.kernel.length !== width * layer.units) {
      throw new InvalidInputError(
        `layers[${i}].kernel`,
        `has ${layer.kernel.length} values`,
        `${width}×${layer.units}`,
      );
    }
    if (layer.bias.length !== layer.units) {
      throw new InvalidInputError(`layers[${i}].bias`, `has ${layer.bias.length} values`, `${layer.units}`);
    }
    width = layer.units;
  });
}

/** Float64 forward pass in plain JS: the reference that every backend is compared with. */
export function referenceForward(spec: DenseModelSpec, x: Float32Array, rows: number): Float64Array {
  let cur = Float64Array.from(x);
  let width = spec.inputSize;
  for (const layer of spec.layers) {
    const next = new Float64Array(rows * layer.units);
    for (let r = 0; r < rows; r++) {
      for (let u = 0; u < layer.units; u++) {
        let s = layer.bias[u];
        for (let i = 0; i < width; i++) s += cur[r * width + i] * layer.kernel[i * layer.units + u];
        next[r * layer.units + u] = s;
      }
      applyActivation(layer.activation, next.subarray(r * layer.units, (r + 1) * layer.units));
    }
    cur = next;
    width = layer.units;
  }
  return cur;
}

function applyActivation(act: Activation, row: Float64Array): void {
  switch (act) {
    case "linear":
      return;
    case "relu":
      for (let i = 0; i < row.length; i++) row[i] = Math.max(0, row[i]);
      return;
    case "tanh":
      for (let i = 0; i < row.length; i++) row[i] = Math.tanh(row[i]);
      return;
    case "sigmoid":
      for (let i = 0; i < row.length; i++) row[i] = 1 / (1 + Math.exp(-row[i]));
      return;
    case "softmax": {
      const max = Math.max(...row);
      let sum = 0;
      for (let i = 0; i < row.length; i++) {
        row[i] = Math.exp(row[i] - max);
        sum += row[i];
      }
      for (let i = 0; i < row.length; i++) row[i] /= sum;
      return;
    }
  }
}

/**
 * A spec with weights drawn from `rand` (uniform in ±sqrt(6/(fanIn+fanOut)), Glorot), for tests,
 * benches and seeded teacher models. `rand` returns floats in [0, 1).
 */
export function randomDenseSpec(
  inputSize: number,
  layers: { units: number; activation: Activation }[],
  rand: () => number,
): DenseModelSpec {
  let width = inputSize;
  const out: DenseLayer[] = layers.map(({ units, activation }) => {
    const limit = Math.sqrt(6 / (width + units));
    const kernel = new Float32Array(width * units);
    for (let i = 0; i < kernel.length; i++) kernel[i] = (rand() * 2 - 1) * limit;
    const bias = new Float32Array(units);
    for (let i = 0; i < units; i++) bias[i] = (rand() * 2 - 1) * 0.1;
    width = units;
    return { units, activation, kernel, bias };
  });
  const spec = { inputSize, layers: out };
  validateDenseSpec(spec);
  return spec;
}
