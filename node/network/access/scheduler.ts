/**
 * Runs jobs with bounded concurrency; waiting jobs are ordered by priority (stake) with aging, so
 * the order is enforced by the scheduler itself and a low-stake job waits a bounded time: it gains
 * one priority unit per `agingMs` of waiting. When the queue is full, the lowest-priority job
 * (possibly the new one) is refused with `onReject`.
 */
export interface Job {
  priority: number;
  run(): Promise<void>;
  /** Called instead of `run` when the job is evicted or the scheduler stops. */
  reject(reason: "busy" | "stopped"): void;
  bytes: number;
}

interface Queued {
  job: Job;
  enqueuedAt: number;
}

export class PriorityScheduler {
  private running = 0;
  private queued: Queued[] = [];
  private queuedBytes = 0;

  constructor(
    private readonly opts: {
      concurrency: number;
      queueSize: number;
      maxQueuedBytes: number;
      agingMs: number;
    },
    private readonly now: () => number = () => performance.now(),
  ) {}

  get size(): { running: number; queued: number; queuedBytes: number } {
    return { running: this.running, queued: this.queued.length, queuedBytes: this.queuedBytes };
  }

  submit(job: Job): void {
    if (this.running < this.opts.concurrency && this.queued.length === 0) {
      this.start(job);
      return;
    }
    const t = this.now();
    while (
      this.queued.length > 0 &&
      (this.queued.length >= this.opts.queueSize || this.queuedBytes + job.bytes > this.opts.maxQueuedBytes)
    ) {
      const lowest = this.pick(t, "lowest");
      if (this.effective(this.queued[lowest]!, t) >= job.priority) {
        job.reject("busy");
        return;
      }
      const [victim] = this.queued.splice(lowest, 1);
      this.queuedBytes -= victim!.job.bytes;
      victim!.job.reject("busy");
    }
    if (this.queuedBytes + job.bytes > this.opts.maxQueuedBytes) {
      job.reject("busy");
      return;
    }
    this.queued.push({ job, enqueuedAt: t });
    this.queuedBytes += job.bytes;
  }

  /** Refuses everything still waiting (running jobs finish on their own deadlines). */
  stop(): void {
    const q = this.queued;
    this.queued = [];
    this.queuedBytes = 0;
    for (const { job } of q) job.reject("stopped");
  }

  private effective(q: Queued, t: number): number {
    return q.job.priority + (t - q.enqueuedAt) / this.opts.agingMs;
  }

  /** Linear scan: the queue is bounded (default 1024) and this keeps aging exact. */
  private pick(t: number, which: "highest" | "lowest"): number {
    let best = 0;
    let bestScore = this.effective(this.queued[0]!, t);
    for (let i = 1; i < this.queued.length; i++) {
      const s = this.effective(this.queued[i]!, t);
      if (which === "highest" ? s > bestScore : s <= bestScore) {
        best = i;
        bestScore = s;
      }
    }
    return best;
  }

  private start(job: Job): void {
    this.running++;
    job
      .run()
      .catch(() => undefined)
      .finally(() => {
        this.running--;
        this.drain();
      });
  }

  private drain(): void {
    while (this.running < this.opts.concurrency && this.queued.length > 0) {
      const i = this.pick(this.now(), "highest");
      const [next] = this.queued.splice(i, 1);
      this.queuedBytes -= next!.job.bytes;
      this.start(next!.job);
    }
  }
}

/** Priority of a stake: decades of TAO (1 TAO → 1, 1000 TAO → 3), 0 for no stake. */
export function stakePriority(stakeRao: bigint): number {
  const tao = Number(stakeRao / 1_000_000n) / 1000;
  return Math.log10(1 + tao);
}
