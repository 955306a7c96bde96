import { type BatcherStats, DynamicBatcher, type SubmitOptions } from "./batcher.ts";
import { InputShapeError } from "./errors.ts";
import type { RuntimeMetrics } from "./metrics.ts";
import type { BatcherOptions } from "./options.ts";
import type { RuntimeModel } from "./types.ts";

/**
 * A model behind the dynamic batcher: callers send one input row each and get their own output
 * row; rows are packed into one predictBatch call per batch.
 */
export class ServedModel {
  private readonly batcher: DynamicBatcher<Float32Array, Float32Array>;
  /** Reused input buffer: one batch runs at a time, and both engines are done with it on return. */
  private input = new Float32Array(0);

  constructor(
    readonly model: RuntimeModel,
    options: Partial<BatcherOptions> = {},
    private readonly metrics: RuntimeMetrics | null = null,
  ) {
    this.batcher = new DynamicBatcher((rows) => this.runRows(rows), options);
  }

  /** One row in, one row out. Rejects with QueueFullError, AbortError, TimeoutError or the batch's error. */
  predict(row: Float32Array, options?: SubmitOptions): Promise<Float32Array> {
    if (row.length !== this.model.inputSize) {
      return Promise.reject(new InputShapeError("row", `${this.model.inputSize} values`, `${row.length}`));
    }
    const result = this.batcher.submit(row, options);
    if (this.metrics === null) return result;
    const requests = this.metrics.requests;
    return result.then(
      (out) => {
        requests.inc({ result: "ok" });
        return out;
      },
      (err: unknown) => {
        requests.inc({ result: (err as { code?: string }).code ?? "error" });
        throw err;
      },
    );
  }

  stats(): BatcherStats {
    return this.batcher.stats();
  }

  /** Stops accepting requests and waits for the running batch; the model itself is left to its owner. */
  close(): Promise<void> {
    return this.batcher.close();
  }

  private async runRows(rows: Float32Array[]): Promise<Float32Array[]> {
    const { inputSize, outputSize } = this.model;
    const n = rows.length * inputSize;
    if (this.input.length < n) this.input = new Float32Array(n);
    const x = this.input.subarray(0, n);
    for (let i = 0; i < rows.length; i++) x.set(rows[i], i * inputSize);
    const started = this.metrics === null ? 0 : performance.now();
    const y = await this.model.predictBatch(x, rows.length);
    if (this.metrics !== null) {
      this.metrics.batchSize.observe(rows.length);
      this.metrics.batchSeconds.observe((performance.now() - started) / 1000);
    }
    return rows.map((_, i) => y.subarray(i * outputSize, (i + 1) * outputSize));
  }
}
