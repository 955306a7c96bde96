import { PlexusError } from "../../sim/errors.ts";
import { hintFor } from "./error-hints.ts";

/**
 * Errors of the chain area. Codes (stable):
 * - CHAIN_DISPATCH_FAILED: the extrinsic was included but the runtime rejected it (pallet error).
 * - CHAIN_TX_INVALID: the transaction pool refused it before inclusion (invalid/unknown tx).
 * - CHAIN_CONNECTION_FAILED: no RPC connection after the retries.
 * - CHAIN_TIMEOUT (name TimeoutError), CHAIN_ABORTED (name AbortError).
 * - CHAIN_UNSUPPORTED_RUNTIME: the runtime lacks something the client needs.
 * - LOCAL_CHAIN_*: starting the local runtime failed.
 */
export class ChainError extends PlexusError {
  /** Pallet (or `TransactionPool`) that raised it, e.g. `SubtensorModule`. */
  readonly pallet: string;
  /** The chain's error name, e.g. `SettingWeightsTooFast`; callers branch on this. */
  readonly errorName: string;
  /** What the user can do about it (from the hint table). */
  readonly hint: string;

  constructor(
    code: string,
    init: {
      pallet: string;
      errorName: string;
      detail?: string;
      meta?: Record<string, unknown>;
      cause?: unknown;
    },
  ) {
    const hint = hintFor(init.errorName);
    super(
      code,
      `${init.pallet}.${init.errorName}: ${init.detail ?? hint}${init.detail === undefined ? "" : ` (${hint})`}`,
      {
        meta: { pallet: init.pallet, errorName: init.errorName, hint, ...init.meta },
        cause: init.cause,
      },
    );
    this.name = "ChainError";
    this.pallet = init.pallet;
    this.errorName = init.errorName;
    this.hint = hint;
  }
}

/** A pallet error after inclusion (`ExtrinsicFailed`). */
export function dispatchError(
  pallet: string,
  errorName: string,
  meta: Record<string, unknown> = {},
): ChainError {
  return new ChainError("CHAIN_DISPATCH_FAILED", { pallet, errorName, meta });
}

export class ChainConnectionError extends PlexusError {
  constructor(endpoint: string, attempts: number, cause?: unknown) {
    super(
      "CHAIN_CONNECTION_FAILED",
      `cannot connect to ${endpoint} after ${attempts} attempt(s): check the URL and that the node is running`,
      { meta: { endpoint, attempts }, cause },
    );
    this.name = "ChainConnectionError";
  }
}

export class ChainTimeoutError extends PlexusError {
  constructor(what: string, timeoutMs: number) {
    super(
      "CHAIN_TIMEOUT",
      `${what} did not finish within ${timeoutMs} ms: raise the timeout or check the node`,
      {
        meta: { what, timeoutMs },
      },
    );
    this.name = "TimeoutError";
  }
}

export class ChainAbortError extends PlexusError {
  constructor(what: string, cause?: unknown) {
    super("CHAIN_ABORTED", `${what} was aborted`, { meta: { what }, cause });
    this.name = "AbortError";
  }
}

export class UnsupportedRuntimeError extends PlexusError {
  constructor(what: string, specVersion: number, hint: string) {
    super("CHAIN_UNSUPPORTED_RUNTIME", `${what} is not available on spec_version ${specVersion}: ${hint}`, {
      meta: { what, specVersion },
    });
    this.name = "UnsupportedRuntimeError";
  }
}

export class LocalChainError extends PlexusError {
  constructor(code: string, message: string, meta: Record<string, unknown>, cause?: unknown) {
    super(code, message, { meta, cause });
    this.name = "LocalChainError";
  }
}

/**
 * True when `err` is the chain error `name`, whether the runtime raised it after inclusion or the
 * pool refused it earlier with the code it folds that error into (spec §1.2: e.g.
 * SettingWeightsTooFast surfaces as RateLimitExceeded at pool level).
 */
export function isChainError(err: unknown, name: string): err is ChainError {
  if (!(err instanceof ChainError)) return false;
  return err.errorName === name || err.meta.foldedFrom === name || POOL_FOLDS[name] === err.errorName;
}

/** Pallet errors that subtensor's transaction extension reports as a pool-level custom code. */
const POOL_FOLDS: Record<string, string> = {
  SettingWeightsTooFast: "RateLimitExceeded",
  CommittingWeightsTooFast: "RateLimitExceeded",
  ServingRateLimitExceeded: "ServingRateLimitExceeded",
  HotKeyNotRegisteredInSubNet: "HotKeyNotRegisteredInNetwork",
  HotKeyNotRegisteredInNetwork: "HotKeyNotRegisteredInNetwork",
  SubnetNotExists: "SubnetNotExists",
  NotEnoughBalanceToStake: "BalanceTooLow",
  AmountTooLow: "StakeAmountTooLow",
  NotEnoughStakeToWithdraw: "NotEnoughStakeToWithdraw",
  HotKeyAccountNotExists: "HotkeyAccountDoesntExist",
  InvalidIpAddress: "InvalidIpAddress",
  InvalidPort: "InvalidPort",
};
