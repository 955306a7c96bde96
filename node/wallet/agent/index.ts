export { AgentWallet, type AgentWalletInit, type AgentWalletState } from "./agent-wallet.ts";
export { type Approval, approvalMessage, COSIGN_DOMAIN, createApproval, verifyApproval } from "./approval.ts";
export { CALL_KINDS, type CallKind, callKind } from "./calls.ts";
export {
  AGENT_CONFIG_DOMAIN,
  AGENT_HOTKEY_SALT,
  agentConfigHash,
  canonicalJson,
  deriveAgentHotkey,
  deriveAgentSeed,
} from "./derive.ts";
export { PolicyError, type PolicyReason } from "./errors.ts";
export {
  type CallIntent,
  checkPolicy,
  type LedgerEntry,
  type PolicyDecision,
  parseSpendingPolicy,
  type SpendingPolicy,
  usedInWindow,
} from "./policy.ts";
