import { I96F32, U64F64 } from "../fixed/fixed.ts";
import { fromFloat } from "../fixed/float.ts";
import {
  BALANCER_DEFAULT_QUOTE_PARTS,
  BURN_HALF_LIFE,
  BURN_INCREASE_MULT,
  DEFAULT_DELEGATE_TAKE_U16,
  DEFAULT_FEE_RATE_U16,
  DEFAULT_MIN_STAKE,
  DEFAULT_TEMPO,
  EMA_PRICE_HALVING_BLOCKS,
  IMMUNE_OWNER_UIDS_LIMIT,
  MAX_BURN,
  MAX_EPOCHS_PER_BLOCK,
  MIN_BURN,
  MIN_NON_IMMUNE_UIDS,
  NETWORK_IMMUNITY_PERIOD,
  NETWORK_LOCK_REDUCTION_INTERVAL,
  NETWORK_MIN_LOCK_COST,
  NETWORK_RATE_LIMIT,
  NEW_SUBNET_BURN,
  NEW_SUBNET_IMMUNITY_PERIOD,
  NEW_SUBNET_MAX_UIDS,
  SUBNET_LIMIT,
  SUBNET_MOVING_ALPHA,
  SUBNET_OWNER_CUT_U16,
  TAO_WEIGHT_RAW,
} from "./constants.ts";
import type { SharePoolState } from "./share_pool.ts";

/**
 * The simulated chain state the emission engine reads and mutates. Plain data (Maps and bigints);
 * `step` mutates it in place so a year of blocks does not copy it 2.6 million times — clone it with
 * `cloneState` when a snapshot is needed.
 */
export interface Pending {
  server: bigint;
  validator: bigint;
  root: bigint;
  ownerCut: bigint;
}

export interface SubnetState {
  netuid: number;
  /** 0 = stable (root; price 1, 1:1 swaps), 1 = dynamic (balancer pool). */
  mechanism: 0 | 1;
  /** Pool reserves: `SubnetTAO`, `SubnetAlphaIn`; `SubnetAlphaOut` is alpha held outside the pool. */
  tao: bigint;
  alphaIn: bigint;
  alphaOut: bigint;
  /** Alpha bought by emission chain-buys (`SubnetProtocolAlpha`). */
  protocolAlpha: bigint;
  /** Balancer quote (TAO) weight, Perquintill parts; and `FeeRate` (/65535). */
  quoteParts: bigint;
  feeRate: number;
  /** `SubnetMovingPrice` (I96F32 bits) and `MinerBurned` (U96F32 bits). */
  movingPrice: bigint;
  minerBurned: bigint;
  emaPriceHalvingBlocks: bigint;
  tempo: number;
  lastEpochBlock: bigint;
  pendingEpochAt: bigint;
  blocksSinceLastStep: bigint;
  epochIndex: bigint;
  pending: Pending;
  /** `FirstEmissionBlockNumber` (undefined until `start_call`). */
  firstEmissionBlock: bigint | undefined;
  subtokenEnabled: boolean;
  registrationAllowed: boolean;
  emissionEnabled: boolean;
  ownerCutEnabled: boolean;
  ownerColdkey: string | undefined;
  ownerHotkey: string | undefined;
  /** true = `RecycleOrBurn::Recycle` for owner-withheld incentive; default burn. */
  recycleOwnerIncentive: boolean;
  /** Neuron registration price and its dynamics. */
  burn: bigint;
  minBurn: bigint;
  maxBurn: bigint;
  burnHalfLife: number;
  /** `BurnIncreaseMult` U64F64 bits. */
  burnIncreaseMult: bigint;
  /** Registered neurons: hotkey per uid, registration block and last epoch emission per uid. */
  uids: string[];
  blockAtRegistration: bigint[];
  uidEmission: bigint[];
  maxUids: number;
  immunityPeriod: bigint;
  registeredAt: bigint;
  /** Alpha burned (not recycled: `SubnetAlphaOut` unchanged) and TAO left on the subnet account. */
  burnedAlpha: bigint;
  accountTao: bigint;
}

export interface HotkeyInfo {
  owner: string;
  /** Delegate take (/65535). */
  take: number;
}

export interface Params {
  taoWeightRaw: bigint;
  subnetOwnerCutU16: number;
  maxEpochsPerBlock: number;
  /** `SubnetMovingAlpha` I96F32 bits. */
  subnetMovingAlpha: bigint;
  minStake: bigint;
  subnetLimit: number;
  networkMinLock: bigint;
  networkLockReductionInterval: bigint;
  networkRateLimit: bigint;
  networkImmunityPeriod: bigint;
  minNonImmuneUids: number;
  immuneOwnerUidsLimit: number;
  /** Coldkey receiving swap fees; undefined = fees burned. */
  blockAuthor: string | undefined;
}

export interface ChainState {
  /** Number of the last block executed. */
  block: bigint;
  /** subtensor `TotalIssuance`: minted minus recycled. */
  totalIssuance: bigint;
  totalStake: bigint;
  /** Free TAO per coldkey. */
  balances: Map<string, bigint>;
  hotkeys: Map<string, HotkeyInfo>;
  /** Subnets by netuid; `netuids` is the ascending iteration order (storage order on chain). */
  subnets: Map<number, SubnetState>;
  netuids: number[];
  /** Share pools keyed `hotkey|netuid`. */
  stakes: Map<string, SharePoolState>;
  /** Root dividends accumulated per `hotkey|netuid`, not yet claimed. */
  rootClaimable: Map<string, bigint>;
  /** TAO moved to the burn account (does not reduce issuance) and TAO recycled (does). */
  burnedTao: bigint;
  recycledTao: bigint;
  networkLastLock: bigint;
  networkLastLockBlock: bigint;
  lastNetworkRegistration: Map<string, bigint>;
  params: Params;
}

/**
 * `hotkey|netuid`, interned: a fresh concatenation would be re-hashed on every Map lookup, and the
 * epoch looks up every uid's stake on two subnets. The cache holds one string per stake key in use.
 */
const stakeKeys: Array<Map<string, string> | undefined> = [];
export function stakeKey(hotkey: string, netuid: number): string {
  // netuids are u16 on chain; anything else is not cached.
  if (!(netuid >= 0 && netuid <= 0xffff && Number.isInteger(netuid))) return `${hotkey}|${netuid}`;
  let byHotkey = stakeKeys[netuid];
  if (byHotkey === undefined) {
    byHotkey = new Map();
    stakeKeys[netuid] = byHotkey;
  }
  let key = byHotkey.get(hotkey);
  if (key === undefined) {
    key = `${hotkey}|${netuid}`;
    byHotkey.set(hotkey, key);
  }
  return key;
}

export function defaultParams(): Params {
  return {
    taoWeightRaw: TAO_WEIGHT_RAW,
    subnetOwnerCutU16: SUBNET_OWNER_CUT_U16,
    maxEpochsPerBlock: MAX_EPOCHS_PER_BLOCK,
    subnetMovingAlpha: fromFloat(I96F32, SUBNET_MOVING_ALPHA),
    minStake: DEFAULT_MIN_STAKE,
    subnetLimit: SUBNET_LIMIT,
    networkMinLock: NETWORK_MIN_LOCK_COST,
    networkLockReductionInterval: NETWORK_LOCK_REDUCTION_INTERVAL,
    networkRateLimit: NETWORK_RATE_LIMIT,
    networkImmunityPeriod: NETWORK_IMMUNITY_PERIOD,
    minNonImmuneUids: MIN_NON_IMMUNE_UIDS,
    immuneOwnerUidsLimit: IMMUNE_OWNER_UIDS_LIMIT,
    blockAuthor: undefined,
  };
}

/** An empty chain at `block` with only the root subnet (netuid 0, stable mechanism). */
export function createState(
  opts: { block?: bigint; totalIssuance?: bigint; params?: Partial<Params> } = {},
): ChainState {
  const state: ChainState = {
    block: opts.block ?? 0n,
    totalIssuance: opts.totalIssuance ?? 0n,
    totalStake: 0n,
    balances: new Map(),
    hotkeys: new Map(),
    subnets: new Map(),
    netuids: [],
    stakes: new Map(),
    rootClaimable: new Map(),
    burnedTao: 0n,
    recycledTao: 0n,
    networkLastLock: NETWORK_MIN_LOCK_COST,
    networkLastLockBlock: 0n,
    lastNetworkRegistration: new Map(),
    params: { ...defaultParams(), ...opts.params },
  };
  addSubnet(state, newSubnet(0, { mechanism: 0, tempo: 0 }));
  return state;
}

/** A subnet with the defaults of `init_new_network`, overridden by `init`. */
export function newSubnet(netuid: number, init: Partial<SubnetState> = {}): SubnetState {
  return {
    netuid,
    mechanism: 1,
    tao: 0n,
    alphaIn: 0n,
    alphaOut: 0n,
    protocolAlpha: 0n,
    quoteParts: BALANCER_DEFAULT_QUOTE_PARTS,
    feeRate: DEFAULT_FEE_RATE_U16,
    movingPrice: 0n,
    minerBurned: 0n,
    emaPriceHalvingBlocks: EMA_PRICE_HALVING_BLOCKS,
    tempo: DEFAULT_TEMPO,
    lastEpochBlock: 0n,
    pendingEpochAt: 0n,
    blocksSinceLastStep: 0n,
    epochIndex: 0n,
    pending: { server: 0n, validator: 0n, root: 0n, ownerCut: 0n },
    firstEmissionBlock: undefined,
    subtokenEnabled: true,
    registrationAllowed: true,
    emissionEnabled: true,
    ownerCutEnabled: true,
    ownerColdkey: undefined,
    ownerHotkey: undefined,
    recycleOwnerIncentive: false,
    burn: NEW_SUBNET_BURN,
    minBurn: MIN_BURN,
    maxBurn: MAX_BURN,
    burnHalfLife: BURN_HALF_LIFE,
    burnIncreaseMult: fromFloat(U64F64, BURN_INCREASE_MULT),
    uids: [],
    blockAtRegistration: [],
    uidEmission: [],
    maxUids: NEW_SUBNET_MAX_UIDS,
    immunityPeriod: NEW_SUBNET_IMMUNITY_PERIOD,
    registeredAt: 0n,
    burnedAlpha: 0n,
    accountTao: 0n,
    ...init,
  };
}

/** Inserts a subnet keeping `netuids` ascending. */
export function addSubnet(state: ChainState, subnet: SubnetState): void {
  if (!state.subnets.has(subnet.netuid)) {
    state.netuids.push(subnet.netuid);
    state.netuids.sort((a, b) => a - b);
  }
  state.subnets.set(subnet.netuid, subnet);
}

export function removeSubnetEntry(state: ChainState, netuid: number): void {
  state.subnets.delete(netuid);
  state.netuids = state.netuids.filter((n) => n !== netuid);
}

export function registerHotkey(
  state: ChainState,
  hotkey: string,
  owner: string,
  take = DEFAULT_DELEGATE_TAKE_U16,
): void {
  if (!state.hotkeys.has(hotkey)) state.hotkeys.set(hotkey, { owner, take });
}

export const balanceOf = (state: ChainState, coldkey: string): bigint => state.balances.get(coldkey) ?? 0n;

/** Deep copy (Maps, arrays and share pools) for snapshots. */
export function cloneState(state: ChainState): ChainState {
  const stakes = new Map<string, SharePoolState>();
  for (const [k, p] of state.stakes)
    stakes.set(k, { total: p.total, denominator: p.denominator, shares: new Map(p.shares) });
  const subnets = new Map<number, SubnetState>();
  for (const [k, s] of state.subnets) {
    subnets.set(k, {
      ...s,
      pending: { ...s.pending },
      uids: [...s.uids],
      blockAtRegistration: [...s.blockAtRegistration],
      uidEmission: [...s.uidEmission],
    });
  }
  return {
    ...state,
    balances: new Map(state.balances),
    hotkeys: new Map(state.hotkeys),
    subnets,
    netuids: [...state.netuids],
    stakes,
    rootClaimable: new Map(state.rootClaimable),
    lastNetworkRegistration: new Map(state.lastNetworkRegistration),
    params: { ...state.params },
  };
}
