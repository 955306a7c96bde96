import type { ApiPromise } from "@polkadot/api";
import type { DispatchError } from "@polkadot/types/interfaces";
import { ChainError } from "../errors.ts";
import { canonicalErrorName, poolCustomErrorName } from "./known.ts";

/** A dispatch error (from ExtrinsicFailed or Sudid) as a typed ChainError with the pallet error name. */
export function dispatchErrorToChainError(api: ApiPromise, err: DispatchError, txHash: string): ChainError {
  if (err.isModule) {
    const meta = api.registry.findMetaError(err.asModule);
    return new ChainError("CHAIN_DISPATCH_FAILED", {
      pallet: meta.section.charAt(0).toUpperCase() + meta.section.slice(1),
      errorName: canonicalErrorName(api.runtimeVersion.specVersion.toNumber(), meta.name),
      meta: { txHash, runtimeName: meta.name, docs: meta.docs.join(" ") },
    });
  }
  // Non-module variants: BadOrigin, CannotLookup, Token(FundsUnavailable), Arithmetic(Overflow)…
  const inner = (err.value as { type?: string } | undefined)?.type;
  return new ChainError("CHAIN_DISPATCH_FAILED", {
    pallet: inner === undefined ? "System" : err.type,
    errorName: inner ?? err.type,
    meta: { txHash },
  });
}

/**
 * A submission refused by the pool, from the RPC error text. Real nodes answer
 * `1010: Invalid Transaction: Custom error: 6`; chopsticks answers `1010: {"invalid":{"custom":6}}`.
 * Returns the error name (`Stale`, `Future`, `Payment`, `BadProof`, `AlreadyImported`, a custom
 * code's name, or `InvalidTransaction`).
 */
export function poolErrorName(specVersion: number, message: string): string {
  const custom = message.match(/custom(?:\s*error)?["']?\s*[:(]\s*(\d+)/i);
  if (custom?.[1] !== undefined) return poolCustomErrorName(specVersion, Number(custom[1]));
  if (/stale|outdated/i.test(message)) return "Stale";
  if (/future/i.test(message)) return "Future";
  if (/payment|inability to pay/i.test(message)) return "Payment";
  if (/badproof|bad signature|invalid signature/i.test(message)) return "BadProof";
  if (/already imported|alreadyimported|temporarily banned|priority is too low|1013|1014/i.test(message))
    return "AlreadyImported";
  return "InvalidTransaction";
}

export function poolError(specVersion: number, message: string, txHash: string, cause: unknown): ChainError {
  return new ChainError("CHAIN_TX_INVALID", {
    pallet: "TransactionPool",
    errorName: poolErrorName(specVersion, message),
    meta: { txHash, rpcMessage: message },
    cause,
  });
}
