import { type BatcherStats, DynamicBatcher, type SubmitOptions } from "./batcher.ts";
import { InputShapeError } from "./errors.ts";
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
  ) {
    this.batcher = new DynamicBatcher((rows) => this.runRows(rows), options);
  }

  /** One row in, one row out. Rejects with QueueFullError, AbortError, TimeoutError or the batch's error. */
  predict(row: Float32Array, options?: SubmitOptions): Promise<Float32Array> {
    if (row.length !== this.model.inputSize) {
      return Promise.reject(new InputShapeError("row", `${this.model.inputSize} values`, `${row.length}`));
    }
    return this.batcher.submit(row, options);
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
    const y = await this.model.predictBatch(x, rows.length);
    return rows.map((_, i) => y.subarray(i * outputSize, (i + 1) * outputSize));
  }
}
