import { PlexusError } from "../../../sim/errors.ts";

export type PolicyReason =
  | "CALL_NOT_ALLOWED"
  | "DESTINATION_NOT_ALLOWED"
  | "LIMIT_EXCEEDED"
  | "COSIGN_REQUIRED"
  | "COSIGN_INVALID"
  | "COSIGN_REPLAYED"
  | "SIGNER_USED";

/**
 * An agent wallet's spending policy refused a request. Nothing was signed. `code` is
 * WALLET_POLICY_<reason>; `meta` says which rule (amounts as decimal rao strings).
 */
export class PolicyError extends PlexusError {
  readonly reason: PolicyReason;

  constructor(reason: PolicyReason, message: string, meta: Record<string, unknown> = {}) {
    super(`WALLET_POLICY_${reason}`, message, { meta: { reason, ...meta } });
    this.name = "PolicyError";
    this.reason = reason;
  }
}
