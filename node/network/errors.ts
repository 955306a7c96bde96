import { PlexusError } from "../../sim/errors.ts";

/**
 * Network errors. Each has a stable `code` (NET_*). The codes in `WireErrorCode` are also what a
 * peer receives in an error frame, so they are part of the protocol: never rename them.
 */
export const WireErrorCode = {
  unauthenticated: "NET_UNAUTHENTICATED",
  forbidden: "NET_FORBIDDEN",
  rateLimited: "NET_RATE_LIMITED",
  tooLarge: "NET_TOO_LARGE",
  malformed: "NET_MALFORMED",
  replay: "NET_REPLAY",
  stale: "NET_STALE",
  deadlineExceeded: "NET_DEADLINE_EXCEEDED",
  busy: "NET_BUSY",
  versionMismatch: "NET_VERSION_MISMATCH",
  unknownRoute: "NET_UNKNOWN_ROUTE",
  invalidRequest: "NET_INVALID_REQUEST",
  internal: "NET_INTERNAL",
} as const;
export type WireErrorCode = (typeof WireErrorCode)[keyof typeof WireErrorCode];

const wireCodes = new Set<string>(Object.values(WireErrorCode));
export function isWireErrorCode(code: string): code is WireErrorCode {
  return wireCodes.has(code);
}

/** Codes a caller may retry after a pause (the others will fail the same way again). */
export const retryableCodes: ReadonlySet<WireErrorCode> = new Set([
  WireErrorCode.rateLimited,
  WireErrorCode.busy,
  WireErrorCode.deadlineExceeded,
]);

/** An error a remote peer reported in an error frame, or that this node raised for a peer. */
export class PeerRequestError extends PlexusError {
  override readonly code: WireErrorCode;
  readonly retryable: boolean;

  constructor(code: WireErrorCode, message: string, meta: Record<string, unknown> = {}) {
    super(code, message, { meta });
    this.name = "PeerRequestError";
    this.code = code;
    this.retryable = retryableCodes.has(code);
  }
}

/** The identity binding of a peer failed verification (forged, expired, wrong peer, unregistered). */
export class BindingError extends PlexusError {
  constructor(reason: string, message: string, meta: Record<string, unknown> = {}) {
    super(WireErrorCode.unauthenticated, message, { meta: { reason, ...meta } });
    this.name = "BindingError";
  }
}

/** A wait ran past its deadline. */
export class NetTimeoutError extends PlexusError {
  constructor(what: string, ms: number) {
    super("NET_TIMEOUT", `${what} did not finish within ${ms} ms; check that the peer is reachable`, {
      meta: { what, ms },
    });
    this.name = "TimeoutError";
  }
}

/** The caller aborted the operation through its AbortSignal. */
export class NetAbortError extends PlexusError {
  constructor(what: string) {
    super("NET_ABORTED", `${what} was aborted`, { meta: { what } });
    this.name = "AbortError";
  }
}

/** The peer's connection closed before the request finished. */
export class ConnectionClosedError extends PlexusError {
  constructor(peer: string) {
    super("NET_CONNECTION_CLOSED", `connection to ${peer} closed before the request finished; retry`, {
      meta: { peer },
    });
    this.name = "ConnectionClosedError";
  }
}
