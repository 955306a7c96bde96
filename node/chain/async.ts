import { ChainAbortError, ChainTimeoutError } from "./errors.ts";

/**
 * Runs `fn` with a signal that fires on the caller's abort or after `timeoutMs`; rejects with
 * ChainAbortError / ChainTimeoutError accordingly (even if `fn` ignores its signal).
 */
export async function withDeadline<T>(
  what: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw new ChainAbortError(what, signal.reason);
  const ctrl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ctrl.abort();
      reject(new ChainTimeoutError(what, timeoutMs));
    }, timeoutMs);
    onAbort = () => {
      ctrl.abort();
      reject(new ChainAbortError(what, signal?.reason));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([fn(ctrl.signal), stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
  }
}

/** Sleeps `ms`, rejecting early with ChainAbortError when `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal, what = "wait"): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ChainAbortError(what, signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ChainAbortError(what, signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Delay before retry `attempt` (0-based): initial · 2^attempt, capped. */
export function backoffMs(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** attempt);
}
