import { MAX_PRICE_RAO, MIN_PRICE_RAO } from "./constants.ts";
import { StakeError, SwapError } from "./errors.ts";
import { canAddForOne, decreaseForOne } from "./share_pool.ts";
import { increaseStakeFor, poolOf, stakeOf } from "./stakes.ts";
import { balanceOf, type ChainState, type SubnetState } from "./state.ts";
import { feeAmount, poolPrice, quoteSwap, type SwapQuote } from "./swap.ts";

/**
 * Staking extrinsics on the simulated chain (staking/add_stake.rs, remove_stake.rs, move_stake.rs,
 * stake_utils.rs `stake_into_subnet`, `unstake_from_subnet`). TAO moves between free balances and
 * pools; fees go to `params.blockAuthor` (burned when there is none). Errors carry the chain's names.
 */
export interface AddStakeResult {
  alphaCredited: bigint;
  taoIntoPool: bigint;
  feeToAuthor: bigint;
  refund: bigint;
}

export interface RemoveStakeResult {
  taoToColdkey: bigint;
  alphaFee: bigint;
  alphaRefund: bigint;
  feeToAuthor: bigint;
}

function subnetOrThrow(state: ChainState, netuid: number): SubnetState {
  const s = state.subnets.get(netuid);
  if (s === undefined) throw new StakeError("SubnetNotExists", `subnet ${netuid} does not exist`);
  if (netuid !== 0 && !s.subtokenEnabled)
    throw new StakeError("SubtokenDisabled", `subnet ${netuid} has not started`);
  return s;
}

const credit = (state: ChainState, coldkey: string, amount: bigint): void => {
  if (amount !== 0n) state.balances.set(coldkey, balanceOf(state, coldkey) + amount);
};

function payFee(state: ChainState, taoFee: bigint): void {
  if (state.params.blockAuthor === undefined) state.burnedTao += taoFee;
  else credit(state, state.params.blockAuthor, taoFee);
}

/** Applies a buy quote to the pool (`swap_tao_for_alpha`). `grossTao` counts into TotalStake. */
function applyBuy(state: ChainState, s: SubnetState, q: SwapQuote, grossTao: bigint): void {
  s.tao = q.taoAfter;
  s.alphaIn = q.alphaInAfter;
  s.alphaOut += q.paidOut;
  state.totalStake += grossTao;
}

/** Applies a sell quote (`swap_alpha_for_tao`). */
function applySell(state: ChainState, s: SubnetState, q: SwapQuote): void {
  s.tao = q.taoAfter;
  s.alphaIn = q.alphaInAfter;
  s.alphaOut = s.alphaOut > q.paidIn ? s.alphaOut - q.paidIn : 0n;
  state.totalStake = state.totalStake > q.paidOut ? state.totalStake - q.paidOut : 0n;
}

/** `add_stake` / `add_stake_limit`: `tao` from the coldkey's balance buys alpha staked to `hotkey`. */
export function addStake(
  state: ChainState,
  coldkey: string,
  hotkey: string,
  netuid: number,
  tao: bigint,
  opts: { limitPriceRao?: bigint; dropFees?: boolean } = {},
): AddStakeResult {
  const s = subnetOrThrow(state, netuid);
  const dropFees = opts.dropFees ?? false;
  // validate_add_stake: the minimum is DefaultMinStake plus the fee a min-stake swap would pay.
  const minStake = state.params.minStake;
  const minAmount = minStake + feeAmount(minStake, s.mechanism === 0 ? 0 : s.feeRate, false);
  if (tao < minAmount) {
    throw new StakeError(
      "AmountTooLow",
      `stake ${tao} is below the minimum ${minAmount} (min stake plus fee)`,
    );
  }
  if (balanceOf(state, coldkey) < tao) {
    throw new StakeError("NotEnoughBalanceToStake", `${coldkey} has less than ${tao} rao`);
  }
  if (!state.hotkeys.has(hotkey)) {
    throw new StakeError("HotKeyAccountNotExists", `hotkey ${hotkey} is not registered`);
  }
  let sim: SwapQuote;
  try {
    sim = quoteSwap(s, "tao_to_alpha", tao, MAX_PRICE_RAO, false);
  } catch (err) {
    if (err instanceof SwapError)
      throw new StakeError("InsufficientLiquidity", `the pool cannot take this stake: ${err.reason}`);
    throw err;
  }
  if (sim.paidIn < minStake)
    throw new StakeError("AmountTooLow", `only ${sim.paidIn} rao would reach the pool`);
  if (sim.paidOut === 0n || !canAddForOne(poolOf(state, hotkey, netuid), sim.paidOut)) {
    throw new StakeError("InsufficientLiquidity", "the stake is too small to buy alpha or mint a share");
  }
  const q =
    opts.limitPriceRao === undefined && !dropFees
      ? sim
      : quoteSwap(s, "tao_to_alpha", tao, opts.limitPriceRao ?? MAX_PRICE_RAO, dropFees);
  if (q.paidOut === 0n) throw new StakeError("AmountTooLow", "the stake buys no alpha");
  // Only what the swap used leaves the balance; the price-limit remainder stays with the coldkey.
  const spent = q.paidIn + q.fee;
  state.balances.set(coldkey, balanceOf(state, coldkey) - spent);
  applyBuy(state, s, q, spent);
  increaseStakeFor(state, hotkey, coldkey, netuid, q.paidOut);
  payFee(state, q.fee);
  return { alphaCredited: q.paidOut, taoIntoPool: q.paidIn, feeToAuthor: q.fee, refund: tao - spent };
}

/** `remove_stake` / `remove_stake_limit`: sells `alpha` of the coldkey's stake for TAO. */
export function removeStake(
  state: ChainState,
  coldkey: string,
  hotkey: string,
  netuid: number,
  alpha: bigint,
  opts: { limitPriceRao?: bigint; dropFees?: boolean } = {},
): RemoveStakeResult {
  // validate_remove_stake: no subtoken check (unstaking a stopped subnet is allowed).
  const s = state.subnets.get(netuid);
  if (s === undefined) throw new StakeError("SubnetNotExists", `subnet ${netuid} does not exist`);
  if (alpha === 0n) throw new StakeError("AmountTooLow", "nothing to unstake");
  const held = stakeOf(state, hotkey, coldkey, netuid);
  if (held < alpha) {
    throw new StakeError("NotEnoughStakeToWithdraw", `${coldkey} holds ${held} < ${alpha} on ${hotkey}`);
  }
  const dropFees = opts.dropFees ?? false;
  let sim: SwapQuote;
  try {
    sim = quoteSwap(s, "alpha_to_tao", alpha, MIN_PRICE_RAO, false);
  } catch (err) {
    if (err instanceof SwapError)
      throw new StakeError("InsufficientLiquidity", `the pool cannot take this sale: ${err.reason}`);
    throw err;
  }
  // Below the minimum only when unstaking everything.
  if (held !== alpha && sim.paidOut < state.params.minStake) {
    throw new StakeError(
      "AmountTooLow",
      `unstaking yields ${sim.paidOut} rao, below the minimum ${state.params.minStake}`,
    );
  }
  if (!state.hotkeys.has(hotkey))
    throw new StakeError("HotKeyAccountNotExists", `hotkey ${hotkey} is not registered`);
  const q =
    opts.limitPriceRao === undefined && !dropFees
      ? sim
      : quoteSwap(s, "alpha_to_tao", alpha, opts.limitPriceRao ?? MIN_PRICE_RAO, dropFees);
  // The author's alpha fee is sold fee-free right after; quote it first so a failure changes nothing.
  const author = state.params.blockAuthor;
  const bb =
    q.fee > 0n && author !== undefined
      ? quoteSwap(
          { ...s, tao: q.taoAfter, alphaIn: q.alphaInAfter },
          "alpha_to_tao",
          q.fee,
          MIN_PRICE_RAO,
          true,
        )
      : undefined;
  decreaseForOne(poolOf(state, hotkey, netuid), coldkey, alpha);
  applySell(state, s, q);
  if (q.refund > 0n) increaseStakeFor(state, hotkey, coldkey, netuid, q.refund);
  credit(state, coldkey, q.paidOut);
  let feeToAuthor = 0n;
  if (bb !== undefined && author !== undefined) {
    applySell(state, s, bb);
    credit(state, author, bb.paidOut);
    feeToAuthor = bb.paidOut;
  } else if (q.fee > 0n) {
    // No author: the fee alpha is burned (it left SubnetAlphaOut only through the pool swap above).
    s.burnedAlpha += q.fee;
  }
  return { taoToColdkey: q.paidOut, alphaFee: q.fee, alphaRefund: q.refund, feeToAuthor };
}

/**
 * `move_stake` between subnets (and hotkeys): unstake on the origin, stake the TAO on the
 * destination; one fee in total (origin fee dropped when the origin is root, destination fee dropped
 * otherwise). Same-subnet moves transfer shares without a swap.
 */
export function moveStake(
  state: ChainState,
  coldkey: string,
  from: { hotkey: string; netuid: number },
  to: { hotkey: string; netuid: number },
  alpha: bigint,
): { alphaCredited: bigint; taoMoved: bigint } {
  if (from.netuid === to.netuid) {
    subnetOrThrow(state, from.netuid);
    const held = stakeOf(state, from.hotkey, coldkey, from.netuid);
    if (alpha === 0n || held < alpha)
      throw new StakeError("NotEnoughStakeToWithdraw", `${coldkey} holds ${held} < ${alpha}`);
    if (!state.hotkeys.has(to.hotkey))
      throw new StakeError("HotKeyAccountNotExists", `hotkey ${to.hotkey} is not registered`);
    decreaseForOne(poolOf(state, from.hotkey, from.netuid), coldkey, alpha);
    increaseStakeFor(state, to.hotkey, coldkey, to.netuid, alpha);
    return { alphaCredited: alpha, taoMoved: 0n };
  }
  const originIsRoot = from.netuid === 0;
  const origin = subnetOrThrow(state, from.netuid);
  const dest = subnetOrThrow(state, to.netuid);
  if (!state.hotkeys.has(to.hotkey))
    throw new StakeError("HotKeyAccountNotExists", `hotkey ${to.hotkey} is not registered`);
  // Quote both legs first so a failing destination leaves the state untouched (the chain reverts).
  const leg1 = quoteSwap(origin, "alpha_to_tao", alpha, MIN_PRICE_RAO, !originIsRoot);
  if (leg1.paidOut >= state.params.minStake)
    quoteSwap(dest, "tao_to_alpha", leg1.paidOut, MAX_PRICE_RAO, originIsRoot);
  const out = removeStake(state, coldkey, from.hotkey, from.netuid, alpha, { dropFees: !originIsRoot });
  if (out.taoToColdkey < state.params.minStake) return { alphaCredited: 0n, taoMoved: 0n };
  const res = addStake(state, coldkey, to.hotkey, to.netuid, out.taoToColdkey, { dropFees: originIsRoot });
  return { alphaCredited: res.alphaCredited, taoMoved: out.taoToColdkey };
}

/**
 * What a stake is worth in TAO. The chain has no single formula, so both views: the alpha at the
 * spot price (floored) and what selling it now would return (fee and slippage included; 0 when the
 * pool would refuse the sale).
 */
export function stakeValueTao(
  state: ChainState,
  hotkey: string,
  coldkey: string,
  netuid: number,
): { alpha: bigint; spotTao: bigint; sellTao: bigint } {
  const s = state.subnets.get(netuid);
  const alpha = stakeOf(state, hotkey, coldkey, netuid);
  if (s === undefined || alpha === 0n) return { alpha, spotTao: 0n, sellTao: 0n };
  const spotTao = (alpha * poolPrice(s)) >> 64n;
  let sellTao = 0n;
  try {
    sellTao = quoteSwap(s, "alpha_to_tao", alpha, MIN_PRICE_RAO, false).paidOut;
  } catch (err) {
    if (!(err instanceof SwapError)) throw err;
  }
  return { alpha, spotTao, sellTao };
}
