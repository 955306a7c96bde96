/**
 * What plexus knows about subtensor runtimes, as data (polkadot-js `types-known` style): tables
 * keyed by spec-version ranges, each row citing the subtensor source it was read from. Nothing
 * else in node/chain branches on a spec version.
 */

/** SS58 address prefix (runtime `SS58Prefix`, runtime/src/lib.rs). */
export const SS58_PREFIX = 42;
/** 1 TAO = 1e9 rao (common/src/currency.rs). */
export const RAO_PER_TAO = 1_000_000_000n;

/** `[min, max]` inclusive; undefined = unbounded. */
export type SpecRange = [number | undefined, number | undefined];

export interface ExtensionDef {
  /** Fields carried in the extrinsic (type strings for polkadot-js). */
  extrinsic: Record<string, string>;
  /** Fields only in the signed payload. */
  payload: Record<string, string>;
}

export interface KnownExtensions {
  minmax: SpecRange;
  source: string;
  /** Extensions polkadot-js 16 does not know, with their encoding. */
  extensions: Record<string, ExtensionDef>;
}

const EMPTY: ExtensionDef = { extrinsic: {}, payload: {} };

/**
 * Subtensor's custom transaction extensions (spec/chain.md §1.1). Rows may overlap: every row
 * whose range covers the runtime's spec_version applies. An identifier in the runtime metadata
 * that neither polkadot-js nor a covering row knows stops the client at connect (fail fast), as
 * does a row whose declared shape (empty / with data) disagrees with the metadata.
 */
export const KNOWN_EXTENSIONS: readonly KnownExtensions[] = [
  {
    minmax: [undefined, undefined],
    source:
      "opentensor/subtensor f59e608b2 (spec 293) and 14bc6f9 (spec 425), pallets/subtensor/src/extensions/subtensor.rs: SubtensorTransactionExtension is zero-sized",
    extensions: { SubtensorTransactionExtension: EMPTY },
  },
  {
    // The wrapper replaced frame's ChargeTransactionPayment after spec 293; the exact first spec
    // is not known to plexus, so the row starts where it was read.
    minmax: [425, undefined],
    source:
      "opentensor/subtensor 14bc6f9 runtime/src/lib.rs TxExtension, runtime/src/transaction_payment_wrapper.rs, runtime/src/sudo_wrapper.rs, pallets/shield/src/extension.rs, pallets/drand/src/lib.rs",
    extensions: {
      ChargeTransactionPaymentWrapper: { extrinsic: { tip: "Compact<Balance>" }, payload: {} },
      SudoTransactionExtension: EMPTY,
      CheckShieldedTxValidity: EMPTY,
      DrandPriority: EMPTY,
    },
  },
];

/** Every extension definition plexus knows (given to ApiPromise before the spec is known). */
export function allKnownExtensions(): Record<string, ExtensionDef> {
  return Object.assign({}, ...KNOWN_EXTENSIONS.map((row) => row.extensions));
}

export function inRange(specVersion: number, [min, max]: SpecRange): boolean {
  return (min === undefined || specVersion >= min) && (max === undefined || specVersion <= max);
}

/** The extensions declared for one spec version (union of covering rows). */
export function extensionsFor(specVersion: number): Record<string, ExtensionDef> {
  return Object.assign(
    {},
    ...KNOWN_EXTENSIONS.filter((row) => inRange(specVersion, row.minmax)).map((row) => row.extensions),
  );
}

/**
 * `InvalidTransaction::Custom(n)` codes of subtensor's extension and guards (spec/chain.md §1.2,
 * common/src/transaction_error.rs @14bc6f9). The numbering is append-only in the sources read.
 */
export const POOL_CUSTOM_ERRORS: readonly {
  minmax: SpecRange;
  source: string;
  codes: Record<number, string>;
}[] = [
  {
    minmax: [undefined, undefined],
    source: "opentensor/subtensor 14bc6f9 common/src/transaction_error.rs",
    codes: {
      0: "ColdkeyInSwapSchedule",
      1: "StakeAmountTooLow",
      2: "BalanceTooLow",
      3: "SubnetNotExists",
      4: "HotkeyAccountDoesntExist",
      5: "NotEnoughStakeToWithdraw",
      6: "RateLimitExceeded",
      7: "InsufficientLiquidity",
      8: "SlippageTooHigh",
      9: "TransferDisallowed",
      10: "HotKeyNotRegisteredInNetwork",
      11: "InvalidIpAddress",
      12: "ServingRateLimitExceeded",
      13: "InvalidPort",
      14: "ZeroMaxAmount",
      15: "InvalidRevealRound",
      16: "CommitNotFound",
      17: "CommitBlockNotInRevealRange",
      18: "InputLengthsUnequal",
      19: "UidNotFound",
      20: "EvmKeyAssociateRateLimitExceeded",
      21: "ColdkeySwapDisputed",
      22: "InvalidRealAccount",
      23: "FailedShieldedTxParsing",
      24: "InvalidShieldedTxPubKeyHash",
      25: "NonAssociatedColdKey",
      26: "DelegateTakeTooLow",
      27: "DelegateTakeTooHigh",
      255: "BadRequest",
    },
  },
];

export function poolCustomErrorName(specVersion: number, code: number): string {
  for (const row of POOL_CUSTOM_ERRORS) {
    if (inRange(specVersion, row.minmax) && row.codes[code] !== undefined) return row.codes[code];
  }
  return `Custom${code}`;
}

/**
 * Root-only hyperparameter setters (pallet AdminUtils, pallets/admin-utils/src/lib.rs), called
 * through `sudo.sudo`. `perSubnet` calls take (netuid, value), the others (value).
 */
export const ADMIN_SETTERS: Readonly<Record<string, { call: string; perSubnet: boolean }>> = Object.freeze({
  commitRevealWeightsEnabled: { call: "sudoSetCommitRevealWeightsEnabled", perSubnet: true },
  weightsSetRateLimit: { call: "sudoSetWeightsSetRateLimit", perSubnet: true },
  tempo: { call: "sudoSetTempo", perSubnet: true },
  minAllowedWeights: { call: "sudoSetMinAllowedWeights", perSubnet: true },
  maxWeightsLimit: { call: "sudoSetMaxWeightLimit", perSubnet: true },
  servingRateLimit: { call: "sudoSetServingRateLimit", perSubnet: true },
  targetRegistrationsPerInterval: { call: "sudoSetTargetRegistrationsPerInterval", perSubnet: true },
  maxRegistrationsPerBlock: { call: "sudoSetMaxRegistrationsPerBlock", perSubnet: true },
  stakeThreshold: { call: "sudoSetStakeThreshold", perSubnet: false },
  networkRateLimit: { call: "sudoSetNetworkRateLimit", perSubnet: false },
});

/**
 * Metagraph fields plexus reads, by their name in the runtime's SelectiveMetagraph struct
 * (pallets/subtensor/src/rpc_info/metagraph.rs). The selective call takes field *indexes*; the
 * client derives them from the struct's field order in the metadata, so a reordering runtime
 * still works.
 */
export const METAGRAPH_FIELDS = [
  "block",
  "tempo",
  "numUids",
  "hotkeys",
  "coldkeys",
  "axons",
  "active",
  "validatorPermit",
  "lastUpdate",
  "emission",
  "dividends",
  "incentives",
  "consensus",
  "alphaStake",
  "taoStake",
  "totalStake",
] as const;

export const HYPERPARAMETER_FIELDS = [
  "tempo",
  "rho",
  "kappa",
  "immunityPeriod",
  "minAllowedWeights",
  "maxWeightsLimit",
  "weightsVersion",
  "weightsRateLimit",
  "activityCutoff",
  "maxValidators",
  "maxUids",
  "burn",
  "servingRateLimit",
  "commitRevealWeightsEnabled",
  "commitRevealPeriod",
  "registrationAllowed",
  "bondsMovingAvg",
  "liquidAlphaEnabled",
] as const;

/**
 * Pallet errors renamed between runtimes: runtime name → the name plexus reports (the spec 425
 * name, also what SimChain raises). The runtime's own name stays in `meta.runtimeName`.
 */
export const ERROR_ALIASES: readonly { minmax: SpecRange; source: string; names: Record<string, string> }[] =
  [
    {
      minmax: [undefined, 424],
      source:
        "opentensor/subtensor f59e608b2 pallets/subtensor/src/macros/errors.rs (spec 293) vs 14bc6f9 (spec 425)",
      names: { SubNetworkDoesNotExist: "SubnetNotExists" },
    },
  ];

export function canonicalErrorName(specVersion: number, name: string): string {
  for (const row of ERROR_ALIASES) {
    if (inRange(specVersion, row.minmax) && row.names[name] !== undefined) return row.names[name];
  }
  return name;
}
