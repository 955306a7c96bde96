import type { BackendName, ModelFormat } from "./types.ts";

export interface RuntimeOptions {
  /** Force one backend (no fallback): fails with BackendUnavailableError when it cannot start. */
  backend?: BackendName;
  /** Which engine's ladder to walk when no backend is forced: tfjs (model.json) or onnx (model.onnx). */
  format: ModelFormat;
  /** Accept a software WebGPU adapter (lavapipe). Tests only: it is ~10× slower than wasm. */
  allowSoftwareAdapter: boolean;
  /** Dawn create() options, e.g. ["adapter=NVIDIA"] to pick one GPU among several. */
  dawnOptions: string[];
  /** ONNX Runtime intra-op threads (0 = its default). */
  onnxThreads: number;
  /** Let ONNX Runtime's idle threads busy-wait (off: they would compete with the batcher for CPU). */
  onnxSpinning: boolean;
}

export const defaultRuntimeOptions: RuntimeOptions = {
  format: "tfjs",
  allowSoftwareAdapter: false,
  dawnOptions: [],
  onnxThreads: 0,
  onnxSpinning: false,
};

export interface BatcherOptions {
  /** Largest batch handed to the model. */
  maxBatchSize: number;
  /** How long the first request of a partial batch waits for company before the batch runs anyway. */
  maxWaitMs: number;
  /** Requests waiting beyond this bound are refused with QueueFullError (backpressure). */
  maxQueue: number;
  /** Deadline of one request from submission to result (TimeoutError after it); 0 disables. */
  timeoutMs: number;
}

export const defaultBatcherOptions: BatcherOptions = {
  maxBatchSize: 64,
  maxWaitMs: 2,
  maxQueue: 4096,
  timeoutMs: 30_000,
};
