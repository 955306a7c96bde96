import { AbortError, BatchResultError, QueueFullError, RuntimeClosedError, TimeoutError } from "./errors.ts";
import { type BatcherOptions, defaultBatcherOptions } from "./options.ts";

/**
 * One waiting request. A class rather than an object of closures: on a fast backend the
 * per-request bookkeeping is a visible share of the served throughput.
 */
class Pending<I, O> {
  settled = false;
  onAbort: (() => void) | undefined;

  constructor(
    readonly item: I,
    private readonly resolveFn: (value: O) => void,
    private readonly rejectFn: (err: unknown) => void,
    /** performance.now() after which the request fails with TimeoutError (Infinity: never). */
    readonly deadline: number,
    readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  resolve(value: O): void {
    if (this.finish()) this.resolveFn(value);
  }

  reject(err: unknown): void {
    if (this.finish()) this.rejectFn(err);
  }

  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.onAbort !== undefined) this.signal?.removeEventListener("abort", this.onAbort);
    return true;
  }
}

export interface SubmitOptions {
  signal?: AbortSignal;
  /** Overrides the batcher's per-request deadline; 0 disables it. */
  timeoutMs?: number;
}

export interface BatcherStats {
  queued: number;
  inFlight: boolean;
  batches: number;
  items: number;
}

/**
 * Dynamic batching: concurrent single requests are gathered into batches of at most
 * `maxBatchSize`, run through `runBatch` one batch at a time, and each caller gets its own row.
 * A batch starts as soon as it is full or `maxWaitMs` after its first request arrived (if a batch
 * is running then, as soon as that one ends). A failed batch rejects every caller in
 * it with the same error. The queue is bounded (QueueFullError), and each request can be
 * cancelled (AbortError) or time out (TimeoutError) while it waits.
 */
export class DynamicBatcher<I, O> {
  private readonly opts: BatcherOptions;
  private queue: Pending<I, O>[] = [];
  private running = false;
  private due = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private batches = 0;
  private items = 0;
  /** The requests of the running batch (a timeout or abort can still fail them early). */
  private current: Pending<I, O>[] = [];
  /**
   * One interval timer per batcher enforces deadlines (instead of one timer per request, which
   * costs more than the batching itself on a fast backend). Runs only while requests are pending.
   */
  private sweeper: NodeJS.Timeout | undefined;
  private sweepMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly runBatch: (items: I[]) => Promise<O[]>,
    options: Partial<BatcherOptions> = {},
  ) {
    this.opts = { ...defaultBatcherOptions, ...options };
  }

  submit(item: I, options: SubmitOptions = {}): Promise<O> {
    if (this.closed) return Promise.reject(new RuntimeClosedError());
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new AbortError(signal.reason));
    if (this.queue.length >= this.opts.maxQueue)
      return Promise.reject(new QueueFullError(this.opts.maxQueue));
    const timeoutMs = options.timeoutMs ?? this.opts.timeoutMs;
    const deadline = timeoutMs > 0 ? performance.now() + timeoutMs : Number.POSITIVE_INFINITY;
    return new Promise<O>((resolve, reject) => {
      const p = new Pending<I, O>(item, resolve, reject, deadline, timeoutMs, signal);
      if (signal !== undefined) {
        p.onAbort = () => this.drop(p, new AbortError(signal.reason));
        signal.addEventListener("abort", p.onAbort, { once: true });
      }
      if (timeoutMs > 0) this.watch(timeoutMs);
      this.queue.push(p);
      this.schedule();
    });
  }

  stats(): BatcherStats {
    return { queued: this.queue.length, inFlight: this.running, batches: this.batches, items: this.items };
  }

  /** Refuses new requests, rejects queued ones with RuntimeClosedError, waits for the running batch. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.sweeper = undefined;
    const queued = this.queue;
    this.queue = [];
    for (const p of queued) p.reject(new RuntimeClosedError());
    await this.idle;
  }

  private watch(timeoutMs: number): void {
    const every = Math.min(1000, Math.max(1, Math.floor(timeoutMs / 10)));
    if (this.sweeper !== undefined && every >= this.sweepMs) return;
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.sweepMs = every;
    this.sweeper = setInterval(() => this.sweep(), every);
  }

  /** Fails expired requests; stops the timer once nothing is pending. */
  private sweep(): void {
    const now = performance.now();
    for (const p of [...this.queue, ...this.current]) {
      if (p.deadline <= now) this.drop(p, new TimeoutError(p.timeoutMs));
    }
    if (this.queue.length === 0 && this.current.length === 0 && this.sweeper !== undefined) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
      this.sweepMs = Number.POSITIVE_INFINITY;
    }
  }

  /** Rejects a request that is still waiting (queued or in a running batch whose result it will miss). */
  private drop(p: Pending<I, O>, err: Error): void {
    if (p.settled) return;
    const at = this.queue.indexOf(p);
    if (at >= 0) this.queue.splice(at, 1);
    p.reject(err);
  }

  private schedule(): void {
    if (this.queue.length >= this.opts.maxBatchSize) {
      this.due = true;
      this.flush();
    } else if (this.timer === undefined && this.queue.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.due = true;
        this.flush();
      }, this.opts.maxWaitMs);
    }
  }

  private flush(): void {
    if (this.running || !this.due || this.queue.length === 0) return;
    this.due = false;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batch = this.queue.splice(0, this.opts.maxBatchSize);
    // Requests left over from an overfull queue have waited as long as this batch: they go next.
    this.due = this.queue.length > 0;
    this.running = true;
    this.idle = this.execute(batch).finally(() => {
      this.running = false;
      this.schedule();
      this.flush();
    });
  }

  private async execute(batch: Pending<I, O>[]): Promise<void> {
    this.current = batch;
    this.batches++;
    this.items += batch.length;
    try {
      const out = await this.runBatch(batch.map((p) => p.item));
      if (out.length !== batch.length) {
        throw new BatchResultError(batch.length, out.length);
      }
      for (let i = 0; i < batch.length; i++) batch[i].resolve(out[i]);
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.current = [];
    }
  }
}
