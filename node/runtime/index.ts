/** The model runtime's public surface: create a runtime, load or build models, serve them batched. */
export { DynamicBatcher } from "./batcher.ts";
export * from "./dense.ts";
export * from "./errors.ts";
export { detectModelFormat, MODEL_JSON, MODEL_ONNX, WEIGHTS_BIN } from "./io/format.ts";
export { createRuntimeMetrics, type RuntimeMetrics, recordBackend } from "./metrics.ts";
export { denseToOnnx, matmulOnnx } from "./onnx/model.ts";
export type { BatcherOptions, RuntimeOptions } from "./options.ts";
export { defaultBatcherOptions, defaultRuntimeOptions } from "./options.ts";
export { createRuntime } from "./select.ts";
export { ServedModel } from "./serve.ts";
export { denseToTfjs, tfjsToDense } from "./tfjs-dense.ts";
export * from "./types.ts";
