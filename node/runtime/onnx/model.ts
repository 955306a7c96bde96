import { type DenseModelSpec, validateDenseSpec } from "../dense.ts";
import { bytesField, concat, intField, messageField, stringField } from "./proto.ts";

/**
 * Writers for the two ONNX graphs plexus needs: a dense MLP (Gemm + activation per layer) and a
 * plain MatMul. Field numbers are those of onnx/onnx.proto (IR version 8, opset 17).
 */
const IR_VERSION = 8;
const OPSET = 17;
const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTR_INT = 2; // AttributeProto.AttributeType.INT

export const ONNX_INPUT = "input";
export const ONNX_OUTPUT = "output";

type Dim = number | string;

function dimension(d: Dim): Uint8Array {
  // Dimension: dim_value = 1 (int64), dim_param = 2 (string, a symbolic size such as "batch").
  return typeof d === "number" ? intField(1, d) : stringField(2, d);
}

function valueInfo(name: string, dims: Dim[]): Uint8Array {
  // ValueInfoProto{name=1, type=2}; TypeProto{tensor_type=1}; Tensor{elem_type=1, shape=2}; Shape{dim=1}.
  const shape = dims.map((d) => messageField(1, [dimension(d)]));
  const tensorType = [intField(1, FLOAT), messageField(2, shape)];
  return concat([stringField(1, name), messageField(2, [messageField(1, tensorType)])]);
}

function floatTensor(name: string, dims: number[], values: Float32Array): Uint8Array {
  // TensorProto{dims=1, data_type=2, name=8, raw_data=9 (little-endian)}.
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return concat([
    ...dims.map((d) => intField(1, d)),
    intField(2, FLOAT),
    stringField(8, name),
    bytesField(9, raw),
  ]);
}

function node(
  op: string,
  inputs: string[],
  outputs: string[],
  name: string,
  attrs: Uint8Array[] = [],
): Uint8Array {
  // NodeProto{input=1, output=2, name=3, op_type=4, attribute=5}.
  return concat([
    ...inputs.map((i) => stringField(1, i)),
    ...outputs.map((o) => stringField(2, o)),
    stringField(3, name),
    stringField(4, op),
    ...attrs.map((a) => messageField(5, [a])),
  ]);
}

function intAttr(name: string, value: number): Uint8Array {
  // AttributeProto{name=1, i=3, type=20}.
  return concat([stringField(1, name), intField(3, value), intField(20, ATTR_INT)]);
}

function model(
  graphName: string,
  parts: {
    nodes: Uint8Array[];
    initializers: Uint8Array[];
    inputs: Uint8Array[];
    outputs: Uint8Array[];
  },
): Uint8Array {
  // GraphProto{node=1, name=2, initializer=5, input=11, output=12}.
  const graph = [
    ...parts.nodes.map((n) => messageField(1, [n])),
    stringField(2, graphName),
    ...parts.initializers.map((t) => messageField(5, [t])),
    ...parts.inputs.map((v) => messageField(11, [v])),
    ...parts.outputs.map((v) => messageField(12, [v])),
  ];
  // ModelProto{ir_version=1, producer_name=2, graph=7, opset_import=8{domain=1, version=2}}.
  return concat([
    intField(1, IR_VERSION),
    stringField(2, "plexus"),
    messageField(7, graph),
    messageField(8, [stringField(1, ""), intField(2, OPSET)]),
  ]);
}

const ACTIVATION_OPS = { relu: "Relu", tanh: "Tanh", sigmoid: "Sigmoid", softmax: "Softmax" } as const;

/** An ONNX model computing the same function as the dense spec (input "input" [batch, in]). */
export function denseToOnnx(spec: DenseModelSpec): Uint8Array {
  validateDenseSpec(spec);
  const nodes: Uint8Array[] = [];
  const initializers: Uint8Array[] = [];
  let width = spec.inputSize;
  let current = ONNX_INPUT;
  spec.layers.forEach((layer, i) => {
    const last = i === spec.layers.length - 1;
    initializers.push(floatTensor(`W${i}`, [width, layer.units], layer.kernel));
    initializers.push(floatTensor(`B${i}`, [layer.units], layer.bias));
    const linearOut = last && layer.activation === "linear" ? ONNX_OUTPUT : `gemm${i}`;
    nodes.push(node("Gemm", [current, `W${i}`, `B${i}`], [linearOut], `dense${i}`));
    current = linearOut;
    if (layer.activation !== "linear") {
      const out = last ? ONNX_OUTPUT : `act${i}`;
      const attrs = layer.activation === "softmax" ? [intAttr("axis", -1)] : [];
      nodes.push(node(ACTIVATION_OPS[layer.activation], [current], [out], `act${i}`, attrs));
      current = out;
    }
    width = layer.units;
  });
  return model("plexus-dense", {
    nodes,
    initializers,
    inputs: [valueInfo(ONNX_INPUT, ["batch", spec.inputSize])],
    outputs: [valueInfo(ONNX_OUTPUT, ["batch", width])],
  });
}

/** An ONNX model with inputs "a" [m, k] and "b" [k, n] and output "c" = a·b. */
export function matmulOnnx(): Uint8Array {
  return model("plexus-matmul", {
    nodes: [node("MatMul", ["a", "b"], ["c"], "matmul")],
    initializers: [],
    inputs: [valueInfo("a", ["m", "k"]), valueInfo("b", ["k", "n"])],
    outputs: [valueInfo("c", ["m", "n"])],
  });
}
