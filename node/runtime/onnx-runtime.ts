import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { throwIfAborted } from "./async.ts";
import type { DenseModelSpec } from "./dense.ts";
import { ModelFormatError, RuntimeClosedError } from "./errors.ts";
import { writeFileAtomic } from "./io/atomic.ts";
import { detectModelFormat, MODEL_ONNX } from "./io/format.ts";
import { denseToOnnx, matmulOnnx } from "./onnx/model.ts";
import { checkBatch, checkMatmulShapes } from "./shapes.ts";
import type { AbortOptions, BackendInfo, Matrix, ModelRuntime, RuntimeModel } from "./types.ts";

export interface OnnxSessionOptions {
  /** ONNX Runtime execution providers, in order (e.g. ["cuda"] or ["cpu"]). */
  executionProviders: string[];
  /** Threads for one operator; 0 lets ONNX Runtime decide. */
  intraOpThreads: number;
  /** Let idle pool threads busy-wait for the next run (lower latency, but they hold the CPU). */
  spinning: boolean;
}

/** The ONNX engine (onnxruntime-node): runs model.onnx files on one execution provider. */
export class OnnxRuntime implements ModelRuntime {
  readonly engine = "onnx";
  private closed = false;
  private matmulSession: Promise<ort.InferenceSession> | undefined;

  constructor(
    private readonly info: BackendInfo,
    private readonly session: OnnxSessionOptions,
  ) {}

  backendInfo(): BackendInfo {
    return this.info;
  }

  async createSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
    if (this.closed) throw new RuntimeClosedError();
    return ort.InferenceSession.create(bytes, {
      executionProviders: this.session.executionProviders,
      intraOpNumThreads: this.session.intraOpThreads,
      graphOptimizationLevel: "all",
      // ONNX Runtime's pool threads busy-wait after each run by default; that steals the CPU the
      // JS thread needs to gather the next batch (served throughput fell to ~60% of raw).
      extra: {
        session: {
          intra_op: { allow_spinning: this.session.spinning ? "1" : "0" },
          inter_op: { allow_spinning: this.session.spinning ? "1" : "0" },
        },
      },
    });
  }

  async loadModel(dir: string, options: AbortOptions = {}): Promise<RuntimeModel> {
    throwIfAborted(options.signal);
    if (detectModelFormat(dir) !== "onnx") {
      throw new ModelFormatError(dir, "this is a tfjs model: load it with a tfjs-* backend");
    }
    const bytes = new Uint8Array(await readFile(join(dir, MODEL_ONNX)));
    return OnnxModel.create(this, bytes, dir);
  }

  async fromDense(spec: DenseModelSpec): Promise<RuntimeModel> {
    return OnnxModel.create(this, denseToOnnx(spec), "dense spec");
  }

  async matmul(a: Matrix, b: Matrix, options: AbortOptions = {}): Promise<Matrix> {
    checkMatmulShapes(a, b);
    throwIfAborted(options.signal);
    this.matmulSession ??= this.createSession(matmulOnnx());
    const out = await (await this.matmulSession).run({
      a: new ort.Tensor("float32", a.data, [a.rows, a.cols]),
      b: new ort.Tensor("float32", b.data, [b.rows, b.cols]),
    });
    return { rows: a.rows, cols: b.cols, data: out.c.data as Float32Array };
  }

  async dispose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.matmulSession !== undefined) await (await this.matmulSession).release();
  }
}

/** Width of a [batch, n] tensor from ONNX Runtime's metadata, or a ModelFormatError. */
function widthOf(meta: ort.InferenceSession.ValueMetadata, where: string): number {
  const shape = meta.isTensor ? meta.shape : [];
  const n = shape[1];
  if (shape.length !== 2 || typeof n !== "number") {
    throw new ModelFormatError(where, `${meta.name} has shape [${shape.join(", ")}], expected [batch, n]`);
  }
  return n;
}

export class OnnxModel implements RuntimeModel {
  readonly format = "onnx";

  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly bytes: Uint8Array,
    readonly inputSize: number,
    readonly outputSize: number,
  ) {}

  static async create(runtime: OnnxRuntime, bytes: Uint8Array, where: string): Promise<OnnxModel> {
    let session: ort.InferenceSession;
    try {
      session = await runtime.createSession(bytes);
    } catch (err) {
      throw new ModelFormatError(where, `ONNX Runtime rejected the model (${(err as Error).message})`);
    }
    if (session.inputNames.length !== 1 || session.outputNames.length !== 1) {
      await session.release();
      throw new ModelFormatError(where, "expected exactly one input and one output");
    }
    return new OnnxModel(
      session,
      bytes,
      widthOf(session.inputMetadata[0], where),
      widthOf(session.outputMetadata[0], where),
    );
  }

  async predictBatch(x: Float32Array, rows: number, options: AbortOptions = {}): Promise<Float32Array> {
    checkBatch(x, rows, this.inputSize);
    throwIfAborted(options.signal);
    const out = await this.session.run({
      [this.session.inputNames[0]]: new ort.Tensor("float32", x, [rows, this.inputSize]),
    });
    return out[this.session.outputNames[0]].data as Float32Array;
  }

  async warmUp(batchSizes: number[] = [1, 64]): Promise<void> {
    for (const n of batchSizes) await this.predictBatch(new Float32Array(n * this.inputSize), n);
  }

  async save(dir: string): Promise<void> {
    await writeFileAtomic(join(dir, MODEL_ONNX), this.bytes);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
