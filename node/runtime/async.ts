import { AbortError, TimeoutError } from "./errors.ts";

/**
 * Waits for `promise` at most `ms` milliseconds and until `signal` aborts, whichever comes first.
 * The losing promise is still observed (its rejection is swallowed): the wasm backend ends the
 * process on a stray unhandled rejection.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  promise.catch(() => {});
  if (signal?.aborted) return Promise.reject(new AbortError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => finish(() => reject(new AbortError(signal?.reason)));
    const timer = setTimeout(() => finish(() => reject(new TimeoutError(ms))), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
    function finish(settle: () => void): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      settle();
    }
    promise.then(
      (v) => finish(() => resolve(v)),
      (e) => finish(() => reject(e)),
    );
  });
}

/** Throws AbortError when the signal has fired: call before starting work that cannot be interrupted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortError(signal.reason);
}
