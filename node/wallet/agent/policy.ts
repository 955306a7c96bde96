import { decodeAddress } from "@polkadot/util-crypto";
import { z } from "zod";
import { InvalidInputError } from "../../../sim/errors.ts";
import { sameAccount } from "./approval.ts";
import { type CallKind, callKind } from "./calls.ts";
import { PolicyError } from "./errors.ts";

/**
 * What an agent may sign. Amounts are bigint rao (1 TAO = 1e9 rao). Limits apply to a rolling
 * window: the sum over requests signed in the last `windowMs` milliseconds, plus this one, must
 * not exceed the limit.
 */
export interface SpendingPolicy {
  /** Length of the rolling window, in milliseconds. */
  windowMs: number;
  /** TAO that may leave the account (transfers, registration burns) per window. */
  maxSpendRao: bigint;
  /** TAO that may be staked per window. */
  maxStakeRao: bigint;
  /** Calls the agent may sign, as polkadot-js `section.method` (e.g. "subtensorModule.setWeights"). */
  allowedCalls: readonly string[];
  /** Accounts (SS58) that funds may go to: transfer destinations, hotkeys staked to. */
  allowedDestinations: readonly string[];
  /** Above `thresholdRao` in one request, the co-signer's approval is required as well. */
  cosign?: { thresholdRao: bigint; cosigner: string };
}

/** What the agent is asked to sign, stated by the caller that built the payload. */
export interface CallIntent {
  call: string;
  /** TAO the call moves (transfer amount, stake amount); 0 or absent for none. */
  amountRao?: bigint;
  /** Where the funds go (SS58). Required for calls that move TAO. */
  destination?: string;
}

export interface LedgerEntry {
  at: number;
  kind: Exclude<CallKind, "none">;
  amountRao: bigint;
}

export interface PolicyDecision {
  kind: CallKind;
  amountRao: bigint;
  /** The request is above the co-signing threshold: an approval must be verified before signing. */
  needsCosign: boolean;
}

/** Applies every rule except the co-signature check (which needs the payload). Throws PolicyError. */
export function checkPolicy(
  policy: SpendingPolicy,
  intent: CallIntent,
  ledger: readonly LedgerEntry[],
  now: number,
): PolicyDecision {
  const amountRao = intent.amountRao ?? 0n;
  if (amountRao < 0n)
    throw new InvalidInputError("intent.amountRao", `got ${amountRao}`, "an amount >= 0 rao");
  if (!policy.allowedCalls.includes(intent.call)) {
    throw new PolicyError("CALL_NOT_ALLOWED", `the policy does not allow ${intent.call}`, {
      call: intent.call,
    });
  }
  const kind = callKind(intent.call, amountRao);
  const movesFunds = kind !== "none" && amountRao > 0n;
  if (intent.destination !== undefined || movesFunds) {
    const dest = intent.destination;
    if (dest === undefined || !policy.allowedDestinations.some((d) => sameAccount(d, dest))) {
      throw new PolicyError(
        "DESTINATION_NOT_ALLOWED",
        dest === undefined
          ? `${intent.call} moves funds and names no destination`
          : `destination ${dest} is not on the allow-list`,
        { call: intent.call, destination: dest ?? null },
      );
    }
  }
  if (movesFunds) {
    const limit = kind === "stake" ? policy.maxStakeRao : policy.maxSpendRao;
    const used = usedInWindow(ledger, kind, now, policy.windowMs);
    if (used + amountRao > limit) {
      throw new PolicyError(
        "LIMIT_EXCEEDED",
        `${kind} of ${amountRao} rao would bring the last ${policy.windowMs} ms to ${used + amountRao} rao, above the limit of ${limit} rao`,
        { kind, limitRao: limit.toString(), usedRao: used.toString(), requestedRao: amountRao.toString() },
      );
    }
  }
  const needsCosign = policy.cosign !== undefined && amountRao > policy.cosign.thresholdRao;
  return { kind, amountRao, needsCosign };
}

export function usedInWindow(
  ledger: readonly LedgerEntry[],
  kind: LedgerEntry["kind"],
  now: number,
  windowMs: number,
): bigint {
  let sum = 0n;
  for (const e of ledger) if (e.kind === kind && e.at > now - windowMs) sum += e.amountRao;
  return sum;
}

const address = z.string().refine((a) => {
  try {
    return decodeAddress(a).length === 32;
  } catch {
    return false;
  }
}, "not an SS58 address");
const rao = z
  .union([z.bigint(), z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform(BigInt);
const policySchema = z
  .object({
    windowMs: z.number().int().positive(),
    maxSpendRao: rao,
    maxStakeRao: rao,
    allowedCalls: z.array(z.string().regex(/^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/)),
    allowedDestinations: z.array(address),
    cosign: z
      .object({ thresholdRao: rao, cosigner: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();

/** Validates a policy from a config file (amounts may be decimal strings) into a SpendingPolicy. */
export function parseSpendingPolicy(value: unknown): SpendingPolicy {
  const r = policySchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new InvalidInputError(`policy.${issue.path.join(".")}`, issue.message);
  }
  return r.data;
}
