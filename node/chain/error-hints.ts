/**
 * What to do about a chain error, by error name. Names are the pallet `Error` variants of
 * subtensor (pallets/subtensor/src/macros/errors.rs, spec/chain.md §3) and the pool-level custom
 * codes of common/src/transaction_error.rs (spec/chain.md §1.2). Data only.
 */
export const ERROR_HINTS: Readonly<Record<string, string>> = Object.freeze({
  // registration
  SubnetNotExists: "the netuid does not exist: list subnets with `plexus chain info`",
  SubNetRegistrationDisabled: "registration is closed on this subnet: wait or ask the subnet owner",
  HotKeyAlreadyRegisteredInSubNet: "this hotkey already has a uid on the subnet: nothing to do",
  NotEnoughBalanceToStake: "the coldkey's free balance is below the cost: fund it or lower the amount",
  NonAssociatedColdKey: "the hotkey belongs to another coldkey: sign with its owner or use a new hotkey",
  NoNeuronIdAvailable: "the subnet is full and every uid is immune: retry after the immunity period",
  RegistrationNotPermittedOnRootSubnet: "netuid 0 (root) takes no registrations: pick another subnet",
  TooManyRegistrationsThisBlock: "registration limit per block reached: retry in the next block",
  TooManyRegistrationsThisInterval: "registration limit per interval reached: retry later",
  RegistrationPriceLimitExceeded: "the burn is above your limit price: raise the limit or wait",
  CannotAffordLockCost: "the coldkey cannot pay the subnet lock cost: fund it",
  NetworkTxRateLimitExceeded: "subnets can only be registered once per NetworkRateLimit blocks: wait",
  SubnetLimitReached: "the maximum number of subnets exists: wait for one to be pruned",
  // serving
  HotKeyNotRegisteredInNetwork: "register the hotkey on the subnet first (`plexus chain register`)",
  HotKeyNotRegisteredInSubNet: "register the hotkey on the subnet first (`plexus chain register`)",
  ServingRateLimitExceeded: "serve_axon is rate-limited per hotkey (ServingRateLimit blocks): wait",
  InvalidIpType: "ip_type must be 4 or 6",
  InvalidIpAddress: "use a routable address (not 0.0.0.0, 127.0.0.1 or ::1)",
  InvalidPort: "the port must be 1..65535",
  // weights
  CommitRevealEnabled: "this subnet uses commit-reveal: commit weights instead of setting them",
  CommitRevealDisabled: "commit-reveal is off on this subnet: set weights directly",
  SettingWeightsTooFast: "weights are rate-limited (WeightsSetRateLimit blocks since your last update): wait",
  CommittingWeightsTooFast: "commits are rate-limited (WeightsSetRateLimit blocks): wait",
  WeightVecNotEqualSize: "uids and weights must have the same length",
  UidsLengthExceedUidsInSubNet: "more uids than the subnet has: send at most SubnetworkN entries",
  NotEnoughStakeToSetWeights: "the hotkey's stake is below the weights threshold: add stake",
  IncorrectWeightVersionKey: "version_key is below the subnet's WeightsVersionKey: upgrade the validator",
  NeuronNoValidatorPermit:
    "only validators with a permit may weight other uids: stake more and wait an epoch",
  DuplicateUids: "each uid may appear only once",
  UidVecContainInvalidOne: "a uid is not registered on the subnet",
  WeightVecLengthIsLow: "fewer weights than MinAllowedWeights: weight more uids",
  MaxWeightExceeded: "one weight exceeds MaxWeightsLimit after normalization: clip the weights",
  CanNotSetRootNetworkWeights: "root (netuid 0) weights are not set this way",
  MechanismDoesNotExist: "the mechanism id does not exist on this subnet",
  NoWeightsCommitFound: "no pending commit matches: commit before revealing",
  InvalidRevealCommitHashNotMatch:
    "the revealed weights/salt do not hash to the commit: reveal exactly what you committed",
  RevealTooEarly: "reveal in the epoch after the commit (commit epoch + RevealPeriodEpochs)",
  ExpiredWeightCommit: "the reveal window passed: commit again",
  TooManyUnrevealedCommits: "at most 10 unrevealed commits per hotkey: reveal or wait",
  IncorrectCommitRevealVersion: "the commit-reveal version differs from CommitRevealWeightsVersion: upgrade",
  InvalidRevealRound: "the drand reveal round is in the past: recompute it",
  // staking
  AmountTooLow: "the amount is below the minimum stake (DefaultMinStake): stake more",
  HotKeyAccountNotExists: "the hotkey is not registered anywhere: register it first",
  NotEnoughStakeToWithdraw: "you have less stake than requested: lower the amount",
  InsufficientLiquidity: "the subnet pool cannot fill this amount: lower it",
  SlippageTooHigh: "the price moved past your limit: raise the limit or lower the amount",
  SameNetuid: "origin and destination subnets are the same",
  TransferDisallowed: "stake transfers are disabled on this subnet",
  SubtokenDisabled: "the subnet has not started (start_call): wait for the owner",
  StakingRateLimitExceeded: "stake operations are rate-limited: retry next block",
  // balances (pallet_balances)
  InsufficientBalance: "the sender cannot pay amount + fee: fund it or lower the amount",
  ExistentialDeposit: "the amount would leave an account below the existential deposit",
  KeepAlive: "the transfer would kill the sender account: use transfer_allow_death or send less",
  // sudo / origin
  RequireSudo: "only the sudo key may call this",
  BadOrigin: "this call needs another signer (wrong key or not root)",
  // pool-level custom codes (spec §1.2)
  ColdkeyInSwapSchedule: "the coldkey is being swapped: wait until the swap completes",
  StakeAmountTooLow: "the amount is below the minimum stake: stake more",
  BalanceTooLow: "the coldkey's free balance is too low for this call: fund it",
  HotkeyAccountDoesntExist: "the hotkey is not registered anywhere: register it first",
  RateLimitExceeded: "rate limited (e.g. weights set too fast): wait WeightsSetRateLimit blocks",
  ZeroMaxAmount: "the limit price admits no amount at all",
  CommitNotFound: "no pending commit matches",
  CommitBlockNotInRevealRange: "reveal in the epoch after the commit",
  InputLengthsUnequal: "uids, values and salt must have equal lengths",
  UidNotFound: "the uid is not registered",
  BadRequest:
    "the transaction pool refused the call (custom validity error): on subtensor a stake call gets it when the subnet has not started yet (start_call) or a precondition fails",
  // transaction pool (polkadot-js / substrate)
  Stale: "the nonce was already used: the client will refresh it; retry",
  Future: "the nonce is ahead of the account: wait for earlier transactions",
  Payment: "the signer cannot pay the fee: fund the coldkey",
  BadProof: "bad signature: wrong signed extensions for this runtime or wrong key",
  AlreadyImported: "the same transaction is already in the pool",
});

export function hintFor(errorName: string): string {
  return ERROR_HINTS[errorName] ?? "see the subtensor documentation for this error";
}
