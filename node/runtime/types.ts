/**
 * The model runtime: one interface over two engines (tfjs and ONNX Runtime) and their backends.
 * Miners and subnets are written against `ModelRuntime` and `RuntimeModel` only, so the same
 * handler runs on a GPU, on wasm, or in the pure-JS fallback.
 */
import type { DenseModelSpec } from "./dense.ts";

/** Every backend plexus knows, in the order of the default ladder (fastest first). */
export const TFJS_BACKENDS = ["tfjs-node-gpu", "tfjs-webgpu", "tfjs-node", "tfjs-wasm", "tfjs-cpu"] as const;
export const ONNX_BACKENDS = ["onnx-cuda", "onnx-cpu"] as const;
export const BACKENDS = [...TFJS_BACKENDS, ...ONNX_BACKENDS] as const;

export type TfjsBackendName = (typeof TFJS_BACKENDS)[number];
export type OnnxBackendName = (typeof ONNX_BACKENDS)[number];
export type BackendName = (typeof BACKENDS)[number];
export type Engine = "tfjs" | "onnx";
/** On-disk model formats: a tfjs layers model (model.json + weights.bin) or an ONNX file (model.onnx). */
export type ModelFormat = "tfjs" | "onnx";

export interface AbortOptions {
  signal?: AbortSignal;
}

/** What the WebGPU adapter says about itself (Dawn's GPUAdapterInfo). */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software rasteriser (lavapipe/llvmpipe, SwiftShader, WARP): a test device, not an accelerator. */
  software: boolean;
}

/** One rung of the ladder that was tried before (or instead of) the chosen backend. */
export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  reason?: string;
}

/** The backend a runtime runs on and how it was chosen; exposed for logs and metrics. */
export interface BackendInfo {
  backend: BackendName;
  engine: Engine;
  /** "gpu" when the math runs on an accelerator (a software adapter still counts as "cpu"). */
  device: "gpu" | "cpu";
  /** Set for tfjs-webgpu. */
  adapter?: AdapterInfo;
  /** Whether the backend was forced with the `backend` option rather than chosen from the ladder. */
  forced: boolean;
  tried: BackendAttempt[];
}

/** A loaded model: a function from a batch of rows (row-major float32) to a batch of output rows. */
export interface RuntimeModel {
  readonly format: ModelFormat;
  readonly inputSize: number;
  readonly outputSize: number;
  /** Runs `rows` input rows (x.length === rows * inputSize); resolves with rows * outputSize values. */
  predictBatch(x: Float32Array, rows: number, options?: AbortOptions): Promise<Float32Array>;
  /** Runs a few dummy batches so shaders, kernels and allocations are ready before traffic. */
  warmUp(batchSizes?: number[]): Promise<void>;
  /** Writes the model to a folder in its format (atomically, file by file). */
  save(dir: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Row-major dense matrix of float32 values. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

export interface ModelRuntime {
  readonly engine: Engine;
  backendInfo(): BackendInfo;
  /** Loads a model saved in a folder (model.json + weights.bin, or model.onnx). */
  loadModel(dir: string, options?: AbortOptions): Promise<RuntimeModel>;
  /** Builds a model from a portable dense description (same function on every engine). */
  fromDense(spec: DenseModelSpec): Promise<RuntimeModel>;
  /** C = A·B on this backend. */
  matmul(a: Matrix, b: Matrix, options?: AbortOptions): Promise<Matrix>;
  /** Releases the backend's resources; pending calls fail with RuntimeClosedError. */
  dispose(): Promise<void>;
}
