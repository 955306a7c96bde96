import * as tf from "@tensorflow/tfjs";
import { throwIfAborted } from "./async.ts";
import type { DenseModelSpec } from "./dense.ts";
import { BackendUnavailableError, ModelFormatError, RuntimeClosedError } from "./errors.ts";
import { detectModelFormat } from "./io/format.ts";
import { fileHandler } from "./io/tfjs-files.ts";
import { checkBatch, checkMatmulShapes } from "./shapes.ts";
import { denseToTfjs } from "./tfjs-dense.ts";
import type { AbortOptions, BackendInfo, Matrix, ModelRuntime, RuntimeModel } from "./types.ts";

/**
 * The tfjs engine on one backend. tfjs has a single global active backend, so each call first makes
 * this runtime's backend the active one (a no-op unless several runtimes share the process).
 */
export class TfjsRuntime implements ModelRuntime {
  readonly engine = "tfjs";
  private closed = false;

  constructor(
    /** tfjs's own backend name: tensorflow | webgpu | wasm | cpu. */
    private readonly tfBackend: string,
    private readonly info: BackendInfo,
    private readonly onDispose: () => void = () => {},
  ) {}

  backendInfo(): BackendInfo {
    return this.info;
  }

  /**
   * Makes this runtime's backend the active tfjs backend, synchronously: the backend was initialised
   * when the runtime was created, so tf.setBackend completes without awaiting, and the op that
   * follows in the same tick cannot be preempted by another runtime switching back.
   */
  use(): void {
    if (this.closed) throw new RuntimeClosedError();
    if (tf.getBackend() === this.tfBackend) return;
    if (tf.engine().registry[this.tfBackend] === undefined) {
      throw new BackendUnavailableError(this.info.backend, "its tfjs backend was removed from the registry");
    }
    tf.setBackend(this.tfBackend).catch(() => {});
  }

  async loadModel(dir: string, options: AbortOptions = {}): Promise<RuntimeModel> {
    throwIfAborted(options.signal);
    if (detectModelFormat(dir) !== "tfjs") {
      throw new ModelFormatError(dir, "this is an ONNX model: load it with an onnx-* backend");
    }
    this.use();
    return new TfjsModel(this, await tf.loadLayersModel(fileHandler(dir)));
  }

  async fromDense(spec: DenseModelSpec): Promise<RuntimeModel> {
    this.use();
    return new TfjsModel(this, denseToTfjs(spec));
  }

  /** Wraps a tfjs model built elsewhere (e.g. trained in this process). */
  async wrap(model: tf.LayersModel): Promise<TfjsModel> {
    this.use();
    return new TfjsModel(this, model);
  }

  async matmul(a: Matrix, b: Matrix, options: AbortOptions = {}): Promise<Matrix> {
    checkMatmulShapes(a, b);
    throwIfAborted(options.signal);
    this.use();
    const c = tf.tidy(() =>
      tf.matMul(tf.tensor2d(a.data, [a.rows, a.cols]), tf.tensor2d(b.data, [b.rows, b.cols])),
    );
    try {
      return { rows: a.rows, cols: b.cols, data: (await c.data()) as Float32Array };
    } finally {
      c.dispose();
    }
  }

  async dispose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onDispose();
  }
}

/** Width of a [batch, n] model input or output, or a ModelFormatError. */
function widthOf(shape: (number | null)[], what: string): number {
  if (shape.length !== 2 || shape[1] === null) {
    throw new ModelFormatError(what, `shape [${shape.join(", ")}] is not [batch, n]`);
  }
  return shape[1];
}

export class TfjsModel implements RuntimeModel {
  readonly format = "tfjs";
  readonly inputSize: number;
  readonly outputSize: number;

  constructor(
    private readonly runtime: TfjsRuntime,
    readonly model: tf.LayersModel,
  ) {
    this.inputSize = widthOf(model.inputs[0].shape, "model input");
    this.outputSize = widthOf(model.outputs[0].shape, "model output");
  }

  async predictBatch(x: Float32Array, rows: number, options: AbortOptions = {}): Promise<Float32Array> {
    checkBatch(x, rows, this.inputSize);
    throwIfAborted(options.signal);
    this.runtime.use();
    const y = tf.tidy(() => this.model.predict(tf.tensor2d(x, [rows, this.inputSize])) as tf.Tensor);
    try {
      return (await y.data()) as Float32Array;
    } finally {
      y.dispose();
    }
  }

  async warmUp(batchSizes: number[] = [1, 64]): Promise<void> {
    for (const n of batchSizes) await this.predictBatch(new Float32Array(n * this.inputSize), n);
  }

  async save(dir: string): Promise<void> {
    this.runtime.use();
    await this.model.save(fileHandler(dir));
  }

  async dispose(): Promise<void> {
    this.model.dispose();
  }
}
