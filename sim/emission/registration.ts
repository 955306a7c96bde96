import { U64F64 } from "../fixed/fixed.ts";
import { MAX_PRICE_RAO } from "./constants.ts";
import { RegistrationError } from "./errors.ts";
import { bumpBurn, networkLockCost } from "./registration_price.ts";
import { shareValue } from "./share_pool.ts";
import { movingPriceU64F64 } from "./split.ts";
import {
  addSubnet,
  balanceOf,
  type ChainState,
  newSubnet,
  registerHotkey,
  removeSubnetEntry,
  type SubnetState,
} from "./state.ts";
import { poolPrice, quoteSwap } from "./swap.ts";

/**
 * Neuron registration (subnets/registration.rs `do_burned_registration`, `get_neuron_to_prune`) and
 * subnet registration (subnets/subnet.rs `do_register_network`, coinbase/root.rs lock cost, limit and
 * pruning by lowest EMA price).
 */

const isImmune = (state: ChainState, s: SubnetState, uid: number): boolean =>
  state.block - (s.blockAtRegistration[uid] ?? 0n) < s.immunityPeriod;

/** `get_immune_owner_hotkeys`: owner hotkey first, then newest owner-coldkey hotkeys, up to the limit. */
function immuneOwnerHotkeys(state: ChainState, s: SubnetState): Set<string> {
  const list: string[] = [];
  if (s.ownerHotkey !== undefined && s.uids.includes(s.ownerHotkey)) list.push(s.ownerHotkey);
  if (s.ownerColdkey !== undefined) {
    const owned = s.uids
      .map((hk, uid) => ({ hk, uid, block: s.blockAtRegistration[uid] ?? 0n }))
      .filter((e) => state.hotkeys.get(e.hk)?.owner === s.ownerColdkey && !list.includes(e.hk))
      .sort((a, b) => (a.block !== b.block ? (b.block > a.block ? 1 : -1) : a.uid - b.uid));
    for (const e of owned) list.push(e.hk);
  }
  return new Set(list.slice(0, state.params.immuneOwnerUidsLimit));
}

/** `get_neuron_to_prune`: lowest emission, then earliest registration, then lowest uid. */
export function neuronToPrune(state: ChainState, s: SubnetState): number | undefined {
  const immortal = immuneOwnerHotkeys(state, s);
  type Best = { e: bigint; b: bigint; uid: number } | undefined;
  let bestFree: Best;
  let bestImmune: Best;
  let free = 0;
  const better = (c: NonNullable<Best>, best: Best) =>
    best === undefined || (c.e !== best.e ? c.e < best.e : c.b !== best.b ? c.b < best.b : c.uid < best.uid);
  s.uids.forEach((hk, uid) => {
    if (immortal.has(hk)) return;
    const c = { e: s.uidEmission[uid] ?? 0n, b: s.blockAtRegistration[uid] ?? 0n, uid };
    if (isImmune(state, s, uid)) {
      if (better(c, bestImmune)) bestImmune = c;
    } else {
      free++;
      if (better(c, bestFree)) bestFree = c;
    }
  });
  if (free > state.params.minNonImmuneUids && bestFree !== undefined) return bestFree.uid;
  return bestImmune?.uid;
}

/**
 * `burned_register`: pays the current burn, which buys alpha (with fee) that is recycled; the hotkey
 * takes a free uid or replaces the neuron to prune. Returns the uid and the burn paid.
 */
export function registerNeuron(
  state: ChainState,
  coldkey: string,
  hotkey: string,
  netuid: number,
): { uid: number; burn: bigint } {
  const s = state.subnets.get(netuid);
  if (netuid === 0)
    throw new RegistrationError("RegistrationNotPermittedOnRootSubnet", "neurons cannot register on root");
  if (s === undefined) throw new RegistrationError("SubnetNotExists", `subnet ${netuid} does not exist`);
  if (!s.registrationAllowed) {
    throw new RegistrationError("SubNetRegistrationDisabled", `registration is disabled on subnet ${netuid}`);
  }
  if (s.uids.includes(hotkey))
    throw new RegistrationError("HotKeyAlreadyRegisteredInSubNet", `${hotkey} is already on ${netuid}`);
  const cost = s.burn;
  if (balanceOf(state, coldkey) < cost)
    throw new RegistrationError("NotEnoughBalanceToStake", `${coldkey} cannot pay ${cost}`);
  const owner = state.hotkeys.get(hotkey)?.owner;
  if (owner !== undefined && owner !== coldkey)
    throw new RegistrationError("NonAssociatedColdKey", `${hotkey} belongs to ${owner}`);
  let replace: number | undefined;
  if (s.uids.length >= s.maxUids) {
    replace = neuronToPrune(state, s);
    if (replace === undefined) throw new RegistrationError("NoNeuronIdAvailable", `subnet ${netuid} is full`);
  }
  const q = quoteSwap(s, "tao_to_alpha", cost, MAX_PRICE_RAO, false);
  state.balances.set(coldkey, balanceOf(state, coldkey) - cost);
  s.tao = q.taoAfter;
  s.alphaIn = q.alphaInAfter;
  // The fee is not sent to the author in this path: it stays on the subnet account.
  s.accountTao += cost - q.paidIn;
  state.totalStake += cost;
  // Bought alpha is recycled immediately: it never reaches SubnetAlphaOut.
  registerHotkey(state, hotkey, coldkey);
  let uid: number;
  if (replace === undefined) {
    uid = s.uids.length;
    s.uids.push(hotkey);
    s.blockAtRegistration.push(state.block);
    s.uidEmission.push(0n);
  } else {
    uid = replace;
    s.uids[uid] = hotkey;
    s.blockAtRegistration[uid] = state.block;
    s.uidEmission[uid] = 0n;
  }
  s.burn = bumpBurn(s.burn, s.burnIncreaseMult, s.minBurn, s.maxBurn);
  return { uid, burn: cost };
}

/** The current subnet registration lock cost. */
export const currentLockCost = (state: ChainState): bigint =>
  networkLockCost(
    state.networkLastLock,
    state.networkLastLockBlock,
    state.params.networkMinLock,
    state.params.networkLockReductionInterval,
    state.block,
  );

/** Median spot price of existing dynamic subnets with a positive price (default 1.0), U64F64 bits. */
function medianPrice(state: ChainState): bigint {
  const prices = state.netuids
    .filter((n) => n !== 0)
    .map((n) => poolPrice(state.subnets.get(n) as SubnetState))
    .filter((p) => p > 0n)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (prices.length === 0) return U64F64.one;
  const mid = prices.length >> 1;
  return prices.length % 2 === 1
    ? (prices[mid] as bigint)
    : ((prices[mid - 1] as bigint) + (prices[mid] as bigint)) / 2n;
}

/** Non-immune subnet with the lowest EMA price (ties: earliest registered), as pruned at the limit. */
export function subnetToPrune(state: ChainState): number | undefined {
  let best: { netuid: number; price: bigint; registeredAt: bigint } | undefined;
  for (const n of state.netuids) {
    const s = state.subnets.get(n) as SubnetState;
    if (n === 0 || state.block < s.registeredAt + state.params.networkImmunityPeriod) continue;
    const price = movingPriceU64F64(s);
    if (
      best === undefined ||
      price < best.price ||
      (price === best.price && s.registeredAt < best.registeredAt)
    ) {
      best = { netuid: n, price, registeredAt: s.registeredAt };
    }
  }
  return best?.netuid;
}

/**
 * Dissolves a subnet: its pool TAO goes to alpha holders pro rata to their stake value, with the
 * protocol's alpha (chain-bought alpha and the pool's alpha) counted but not paid; rounding dust and
 * the protocol portion are recycled. Simplification: the chain's largest-remainder rounding and the
 * owner's lock refund are not modelled.
 */
export function dissolveSubnet(state: ChainState, netuid: number): void {
  const s = state.subnets.get(netuid);
  if (s === undefined || netuid === 0) return;
  const holders: Array<[string, bigint]> = [];
  let total = s.protocolAlpha + s.alphaIn;
  const suffix = `|${netuid}`;
  for (const [key, pool] of state.stakes) {
    if (!key.endsWith(suffix)) continue;
    for (const ck of pool.shares.keys()) {
      const v = shareValue(pool, ck);
      holders.push([ck, v]);
      total += v;
    }
    state.stakes.delete(key);
  }
  let paid = 0n;
  if (total > 0n) {
    for (const [ck, v] of holders) {
      const tao = (s.tao * v) / total;
      if (tao > 0n) state.balances.set(ck, balanceOf(state, ck) + tao);
      paid += tao;
    }
  }
  const recycled = s.tao - paid + s.accountTao;
  state.totalIssuance -= recycled;
  state.recycledTao += recycled;
  state.totalStake = state.totalStake > s.tao ? state.totalStake - s.tao : 0n;
  for (const key of [...state.rootClaimable.keys()])
    if (key.endsWith(suffix)) state.rootClaimable.delete(key);
  removeSubnetEntry(state, netuid);
}

/**
 * `register_network`: pays the lock cost into a new pool (alpha at the median price), at the subnet
 * limit after pruning the weakest non-immune subnet. The owner hotkey takes uid 0. Emission starts
 * only after `startCall` and with `emissionEnabled` false, as on chain.
 */
export function registerNetwork(state: ChainState, coldkey: string, hotkey: string): number {
  const last = state.lastNetworkRegistration.get(coldkey);
  if (last !== undefined && state.block - last < state.params.networkRateLimit) {
    throw new RegistrationError(
      "NetworkTxRateLimitExceeded",
      `${coldkey} registered a subnet at block ${last}`,
    );
  }
  // Order of do_register_network: limit check (prune target chosen), lock affordability, then prune.
  const live = state.netuids.filter((n) => n !== 0).length;
  const prune = live >= state.params.subnetLimit ? subnetToPrune(state) : undefined;
  if (live >= state.params.subnetLimit && prune === undefined) {
    throw new RegistrationError("SubnetLimitReached", `all ${live} subnets are immune`);
  }
  const lock = currentLockCost(state);
  if (balanceOf(state, coldkey) < lock)
    throw new RegistrationError("CannotAffordLockCost", `the lock cost is ${lock} rao`);
  const owner = state.hotkeys.get(hotkey)?.owner;
  if (owner !== undefined && owner !== coldkey)
    throw new RegistrationError("NonAssociatedColdKey", `${hotkey} belongs to ${owner}`);
  let netuid: number;
  if (prune !== undefined) {
    dissolveSubnet(state, prune);
    netuid = prune;
  } else {
    netuid = 1;
    while (state.subnets.has(netuid)) netuid++;
  }
  const price = medianPrice(state);
  state.balances.set(coldkey, balanceOf(state, coldkey) - lock);
  // floor(lock / price) with the price in U64F64 bits.
  const alphaIn = price === 0n ? 0n : (lock << 64n) / price;
  registerHotkey(state, hotkey, coldkey);
  const s = newSubnet(netuid, {
    tao: lock,
    alphaIn,
    ownerColdkey: coldkey,
    ownerHotkey: hotkey,
    emissionEnabled: false,
    registeredAt: state.block,
    subtokenEnabled: false,
    uids: [hotkey],
    blockAtRegistration: [state.block],
    uidEmission: [0n],
  });
  // `init_new_network` staggers epochs: LastEpochBlock = now − (netuid mod tempo).
  s.lastEpochBlock = state.block - BigInt(netuid % s.tempo);
  addSubnet(state, s);
  state.totalStake += lock;
  state.networkLastLock = lock;
  state.networkLastLockBlock = state.block;
  state.lastNetworkRegistration.set(coldkey, state.block);
  return netuid;
}

/** `start_call`: emission starts next block. */
export function startCall(state: ChainState, netuid: number): void {
  const s = state.subnets.get(netuid);
  if (s === undefined || netuid === 0)
    throw new RegistrationError("SubnetNotExists", `subnet ${netuid} does not exist`);
  if (s.firstEmissionBlock !== undefined)
    throw new RegistrationError("FirstEmissionBlockNumberAlreadySet", "already started");
  s.firstEmissionBlock = state.block + 1n;
  s.subtokenEnabled = true;
}
