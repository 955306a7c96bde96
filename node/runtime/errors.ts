import { PlexusError } from "../../sim/errors.ts";

/**
 * Errors of the model runtime. Codes are stable (RUNTIME_*); callers branch on `code`.
 * Cancellation surfaces as `AbortError` and a missed deadline as `TimeoutError`, as everywhere in plexus.
 */

/** No backend on the ladder could start, or a forced backend is not available on this machine. */
export class BackendUnavailableError extends PlexusError {
  constructor(backend: string, reason: string, tried: { backend: string; reason: string }[] = []) {
    super(
      "RUNTIME_BACKEND_UNAVAILABLE",
      `model backend ${backend} is not available: ${reason}; pick another with --backend or install what it needs (docs/runtime.md)`,
      { meta: { backend, reason, tried } },
    );
    this.name = "BackendUnavailableError";
  }
}

/** The batching queue is at its bound: the caller should back off or shed load. */
export class QueueFullError extends PlexusError {
  constructor(maxQueue: number) {
    super("RUNTIME_QUEUE_FULL", `inference queue is full (${maxQueue} waiting requests); retry later`, {
      meta: { maxQueue },
    });
    this.name = "QueueFullError";
  }
}

/** A model file is missing, malformed, or of a format this engine cannot run. */
export class ModelFormatError extends PlexusError {
  constructor(path: string, problem: string) {
    super("RUNTIME_MODEL_INVALID", `model at ${path} cannot be used: ${problem}`, {
      meta: { path, problem },
    });
    this.name = "ModelFormatError";
  }
}

/** The input of a prediction does not match the model (wrong width, wrong length). */
export class InputShapeError extends PlexusError {
  constructor(field: string, expected: string, got: string) {
    super("RUNTIME_INPUT_SHAPE", `invalid input at ${field}: expected ${expected}, got ${got}`, {
      meta: { field, expected, got },
    });
    this.name = "InputShapeError";
  }
}

/** The runtime (or served model) was disposed while the request was pending. */
export class RuntimeClosedError extends PlexusError {
  constructor() {
    super("RUNTIME_CLOSED", "the model runtime was closed; create a new one");
    this.name = "RuntimeClosedError";
  }
}

/** A request was cancelled through its AbortSignal. */
export class AbortError extends PlexusError {
  constructor(reason?: unknown) {
    super("ABORTED", "the operation was aborted", { cause: reason });
    this.name = "AbortError";
  }
}

/** A request waited longer than its deadline. */
export class TimeoutError extends PlexusError {
  constructor(ms: number) {
    super("TIMEOUT", `the operation did not complete within ${ms} ms`, { meta: { ms } });
    this.name = "TimeoutError";
  }
}

/** A batch function broke its contract (one result per request). */
export class BatchResultError extends PlexusError {
  constructor(expected: number, got: number) {
    super("RUNTIME_BATCH_RESULT", `batch function returned ${got} results for ${expected} requests`, {
      meta: { expected, got },
    });
    this.name = "BatchResultError";
  }
}
