/**
 * Every economic constant and hyperparameter default of the emission engine, with the subtensor file
 * it comes from (opentensor/subtensor @ 14bc6f9f964b9cc362e9635dd110a487fa5d15a0). Production
 * runtime values, not the fast-runtime ones, unless a name says otherwise.
 */

/** 1 TAO in rao. */
export const RAO_PER_TAO = 1_000_000_000n;

/** `TotalSupply` — pallets/subtensor/src/lib.rs. */
export const TOTAL_SUPPLY = 21_000_000_000_000_000n;
/** `MAX_TAO_ISSUANCE` cap in `mint_tao` — pallets/subtensor/src/coinbase/tao.rs. */
export const MAX_TAO_ISSUANCE = 21_000_000_000_000_000n;
/** `DefaultBlockEmission` — pallets/subtensor/src/lib.rs. */
export const DEFAULT_BLOCK_EMISSION = 1_000_000_000n;
/** Half the supply, the halving base in `get_block_emission_for_issuance` — coinbase/block_emission.rs. */
export const HALVING_HALF_SUPPLY = 10_500_000_000_000_000n;

/** `MILLISECS_PER_BLOCK` (prod) — common/src/lib.rs. */
export const BLOCK_TIME_MS = 12_000;
/** Blocks in a 365-day year at 12 s blocks. */
export const BLOCKS_PER_YEAR = 2_628_000;

/** `INITIAL_SUBNET_TEMPO` — runtime/src/lib.rs. */
export const DEFAULT_TEMPO = 360;
/** `MAX_TEMPO` — pallets/subtensor/src/lib.rs. */
export const MAX_TEMPO = 50_400;
/** `SubtensorMaxEpochsPerBlock` (prod) — runtime/src/lib.rs. */
export const MAX_EPOCHS_PER_BLOCK = 2;

/** `SubtensorInitialSubnetOwnerCut` (≈18 %, /65535) — runtime/src/lib.rs. */
export const SUBNET_OWNER_CUT_U16 = 11_796;
/** `SubtensorInitialTaoWeight` (/u64::MAX ≈ 0.05268) — runtime/src/lib.rs. */
export const TAO_WEIGHT_RAW = 971_718_665_099_567_868n;
/** `DefaultMovingAlpha` = I96F32 0.000003 (float literal) — pallets/subtensor/src/lib.rs. */
export const SUBNET_MOVING_ALPHA = 0.000003;
/** `InitialEmaPriceHalvingPeriod` (4 weeks) — runtime/src/lib.rs. */
export const EMA_PRICE_HALVING_BLOCKS = 201_600n;

/** `FeeRate` default (/65535 ≈ 0.05 %) — pallets/swap/src/pallet/mod.rs. */
export const DEFAULT_FEE_RATE_U16 = 33;
/** `SwapMaxFeeRate` — runtime/src/lib.rs. */
export const MAX_FEE_RATE_U16 = 10_000;
/** `SwapMinimumReserve` — runtime/src/lib.rs. */
export const MINIMUM_RESERVE = 1_000_000n;
/** `MAX_SWAP_INPUT_RESERVE_MULTIPLIER` — pallets/swap/src/pallet/swap_step.rs. */
export const MAX_SWAP_INPUT_RESERVE_MULTIPLIER = 1_000n;
/** `min_price_inner` / `max_price_inner` (rao per alpha) — pallets/swap/src/pallet/impls.rs. */
export const MIN_PRICE_RAO = 1_000n;
export const MAX_PRICE_RAO = 1_000_000_000_000_000n;
/** Balancer weight bounds [0.01, 0.99] and default 0.5, in Perquintill parts — pallets/swap/src/pallet/balancer.rs. */
export const BALANCER_MIN_WEIGHT_PARTS = 10_000_000_000_000_000n;
export const BALANCER_DEFAULT_QUOTE_PARTS = 500_000_000_000_000_000n;
/** `precision` arguments of `pow_ratio_scaled` in `exp_scaled` and the limit-price deltas — balancer.rs. */
export const SWAP_POW_PRECISION = 256;
export const LIMIT_POW_PRECISION = 1024;

/** `SubtensorInitialMinStake` (DefaultMinStake) — runtime/src/lib.rs. */
export const DEFAULT_MIN_STAKE = 2_000_000n;
/** `SubtensorInitialDefaultTake` (/65535 ≈ 18 %) — runtime/src/lib.rs. */
export const DEFAULT_DELEGATE_TAKE_U16 = 11_796;

/** `BurnHalfLife` default — pallets/subtensor/src/lib.rs. */
export const BURN_HALF_LIFE = 360;
/** `BurnIncreaseMult` default U64F64(1.26) (float literal) — pallets/subtensor/src/lib.rs. */
export const BURN_INCREASE_MULT = 1.26;
/** `SubtensorInitialMinBurn` / `SubtensorInitialMaxBurn` — runtime/src/lib.rs. */
export const MIN_BURN = 500_000n;
export const MAX_BURN = 100_000_000_000n;
/** `DefaultNeuronBurnCost`, burn of a newly registered subnet — pallets/subtensor/src/lib.rs. */
export const NEW_SUBNET_BURN = 1_000_000_000n;

/** `SubtensorInitialMinLockCost` (NetworkMinLockCost) — runtime/src/lib.rs. */
export const NETWORK_MIN_LOCK_COST = 1_000_000_000_000n;
/** `SubtensorInitialNetworkLockReductionInterval` (14 days) — runtime/src/lib.rs. */
export const NETWORK_LOCK_REDUCTION_INTERVAL = 100_800n;
/** `SubtensorInitialNetworkRateLimit` — runtime/src/lib.rs. */
export const NETWORK_RATE_LIMIT = 7_200n;
/** `SubtensorInitialNetworkImmunity` (~180 days) — runtime/src/lib.rs. */
export const NETWORK_IMMUNITY_PERIOD = 1_296_000n;
/** `DefaultSubnetLimit` — pallets/subtensor/src/lib.rs. */
export const SUBNET_LIMIT = 128;

/** `init_new_network` defaults — pallets/subtensor/src/subnets/subnet.rs. */
export const NEW_SUBNET_MAX_UIDS = 256;
export const NEW_SUBNET_MAX_VALIDATORS = 64;
export const NEW_SUBNET_IMMUNITY_PERIOD = 5_000n;
/** `DefaultMinNonImmuneUids` — pallets/subtensor/src/lib.rs. */
export const MIN_NON_IMMUNE_UIDS = 10;
/** `DefaultImmuneOwnerUidsLimit` — pallets/subtensor/src/lib.rs. */
export const IMMUNE_OWNER_UIDS_LIMIT = 1;
