import type { Signer } from "../signer.ts";
import { type Approval, verifyApproval } from "./approval.ts";
import { PolicyError } from "./errors.ts";
import { type CallIntent, checkPolicy, type LedgerEntry, type SpendingPolicy } from "./policy.ts";

export interface AgentWalletInit {
  /** The agent's key (e.g. a derived agent hotkey via keypairSigner). Used only after the policy passed. */
  signer: Signer;
  policy: SpendingPolicy;
  /** Milliseconds since the epoch; injected so tests and simulations control time. Default Date.now. */
  clock?: () => number;
  /** State from an earlier {@link AgentWallet.snapshot}, so a restart does not reset the window. */
  state?: AgentWalletState;
}

/** JSON-safe ledger: amounts as decimal strings. */
export interface AgentWalletState {
  ledger: Array<{ at: number; kind: LedgerEntry["kind"]; amountRao: string }>;
  usedApprovalNonces: string[];
}

/**
 * An autonomous agent's key behind a spending policy. Every request is checked against the policy
 * (allowed call, allowed destination, rolling-window limits, co-signature above the threshold)
 * before the inner signer is touched; a refusal throws PolicyError (WALLET_POLICY_*) and signs
 * nothing. Spends are counted when signed (not when included on chain), which errs on the safe side.
 */
export class AgentWallet {
  readonly address: string;
  private readonly signer: Signer;
  private readonly policy: SpendingPolicy;
  private readonly clock: () => number;
  private ledger: LedgerEntry[];
  private readonly usedNonces: Set<bigint>;

  constructor(init: AgentWalletInit) {
    this.signer = init.signer;
    this.address = init.signer.address;
    this.policy = init.policy;
    this.clock = init.clock ?? Date.now;
    this.ledger = (init.state?.ledger ?? []).map((e) => ({ ...e, amountRao: BigInt(e.amountRao) }));
    this.usedNonces = new Set((init.state?.usedApprovalNonces ?? []).map((n) => BigInt(n)));
  }

  /** Checks the policy, records the spend, then signs `payload`. Throws PolicyError before signing. */
  sign(intent: CallIntent, payload: Uint8Array, approval?: Approval): Uint8Array {
    const now = this.clock();
    this.prune(now);
    const decision = checkPolicy(this.policy, intent, this.ledger, now);
    let nonce: bigint | undefined;
    if (decision.needsCosign) nonce = this.checkApproval(payload, approval);
    // Reserve before signing so a concurrent request sees this spend; undo if signing fails.
    const entry: LedgerEntry | undefined =
      decision.kind !== "none" && decision.amountRao > 0n
        ? { at: now, kind: decision.kind, amountRao: decision.amountRao }
        : undefined;
    if (entry !== undefined) this.ledger.push(entry);
    if (nonce !== undefined) this.usedNonces.add(nonce);
    try {
      return this.signer.sign(payload);
    } catch (err) {
      if (entry !== undefined) this.ledger = this.ledger.filter((e) => e !== entry);
      if (nonce !== undefined) this.usedNonces.delete(nonce);
      throw err;
    }
  }

  /**
   * A Signer for one call, to hand to code that only knows `Signer` (the chain client). It signs at
   * most once, and only a payload that passes the policy for `intent`.
   */
  signerFor(intent: CallIntent, options: { approval?: Approval } = {}): Signer {
    let used = false;
    return {
      address: this.address,
      sign: (payload) => {
        if (used)
          throw new PolicyError("SIGNER_USED", "this one-call signer has already signed", {
            call: intent.call,
          });
        used = true;
        return this.sign(intent, payload, options.approval);
      },
    };
  }

  /** TAO spent and staked in the current window. */
  usage(): { spentRao: bigint; stakedRao: bigint } {
    const now = this.clock();
    this.prune(now);
    let spentRao = 0n;
    let stakedRao = 0n;
    for (const e of this.ledger) {
      if (e.kind === "spend") spentRao += e.amountRao;
      else stakedRao += e.amountRao;
    }
    return { spentRao, stakedRao };
  }

  snapshot(): AgentWalletState {
    return {
      ledger: this.ledger.map((e) => ({ at: e.at, kind: e.kind, amountRao: e.amountRao.toString() })),
      usedApprovalNonces: [...this.usedNonces].map(String),
    };
  }

  private checkApproval(payload: Uint8Array, approval: Approval | undefined): bigint {
    const cosign = this.policy.cosign!;
    if (approval === undefined) {
      throw new PolicyError(
        "COSIGN_REQUIRED",
        `requests above ${cosign.thresholdRao} rao need an approval signed by ${cosign.cosigner}`,
        { cosigner: cosign.cosigner, thresholdRao: cosign.thresholdRao.toString() },
      );
    }
    if (this.usedNonces.has(approval.nonce)) {
      throw new PolicyError("COSIGN_REPLAYED", `approval nonce ${approval.nonce} was already used`, {
        nonce: approval.nonce.toString(),
      });
    }
    if (!verifyApproval(approval, { cosigner: cosign.cosigner, agentAddress: this.address, payload })) {
      throw new PolicyError(
        "COSIGN_INVALID",
        `the approval is not ${cosign.cosigner}'s signature over this payload`,
        {
          cosigner: cosign.cosigner,
        },
      );
    }
    return approval.nonce;
  }

  /** Entries older than the window no longer count; dropping them keeps the ledger small. */
  private prune(now: number): void {
    const from = now - this.policy.windowMs;
    this.ledger = this.ledger.filter((e) => e.at > from);
  }
}
