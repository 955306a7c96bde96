import {
  fromInt,
  safeDiv,
  saturatingMul,
  saturatingSub,
  toUintFloor,
  U16_MAX,
  U64_MAX,
  U64F64,
} from "../fixed/fixed.ts";
import {
  alphaOutForTaoIn,
  baseDeltaIn,
  priceFromWeightRatio,
  quoteDeltaIn,
  taoOutForAlphaIn,
  weightRatio,
} from "./balancer.ts";
import {
  LIMIT_POW_PRECISION,
  MAX_PRICE_RAO,
  MAX_SWAP_INPUT_RESERVE_MULTIPLIER,
  MINIMUM_RESERVE,
  RAO_PER_TAO,
} from "./constants.ts";
import { SwapError } from "./errors.ts";

/** The pool of one subnet as the swap sees it. `mechanism` 0 = stable (1:1, no fee), 1 = dynamic. */
export interface PoolView {
  tao: bigint;
  alphaIn: bigint;
  quoteParts: bigint;
  feeRate: number;
  mechanism?: 0 | 1;
}

export type SwapDirection = "tao_to_alpha" | "alpha_to_tao";

export interface SwapQuote {
  direction: SwapDirection;
  /** Input actually traded (net of fee, limited by the price limit). */
  paidIn: bigint;
  paidOut: bigint;
  /** Fee on the input token (TAO for buys, alpha for sells); goes to the block author. */
  fee: bigint;
  /** Input not used because the price limit was reached: amount − paidIn − fee. */
  refund: bigint;
  /** U64F64 bits. */
  priceBefore: bigint;
  priceAfter: bigint;
  taoAfter: bigint;
  alphaInAfter: bigint;
}

interface PriceMemo {
  quoteParts: bigint;
  /** `weightRatio(quoteParts)`: the injection changes the weight once a block, the reserves twice. */
  ratio: bigint;
  alphaIn: bigint;
  tao: bigint;
  price: bigint;
}

/** Last price computed per pool object: the coinbase asks for the same pool's price several times. */
const priceMemo = new WeakMap<object, PriceMemo>();

/** The pool's memo, with the weight ratio of its current quote weight. */
function memoOf(pool: PoolView): PriceMemo {
  let m = priceMemo.get(pool);
  if (m === undefined) {
    m = {
      quoteParts: pool.quoteParts,
      ratio: weightRatio(pool.quoteParts),
      alphaIn: -1n,
      tao: -1n,
      price: 0n,
    };
    priceMemo.set(pool, m);
  } else if (m.quoteParts !== pool.quoteParts) {
    m.quoteParts = pool.quoteParts;
    m.ratio = weightRatio(pool.quoteParts);
    m.alphaIn = -1n;
  }
  return m;
}

/** Spot price of a pool in U64F64 bits (`current_price`): 1.0 for stable pools. */
export function poolPrice(pool: PoolView): bigint {
  if ((pool.mechanism ?? 1) === 0) return U64F64.one;
  const m = memoOf(pool);
  if (m.alphaIn !== pool.alphaIn || m.tao !== pool.tao) {
    m.price = priceFromWeightRatio(m.ratio, pool.alphaIn, pool.tao);
    m.alphaIn = pool.alphaIn;
    m.tao = pool.tao;
  }
  return m.price;
}

/** `calculate_fee_amount`: floor(amount · rate/65535) in U64F64; 0 when fees are dropped. */
export function feeAmount(amount: bigint, feeRate: number, dropFees: boolean): bigint {
  if (dropFees || feeRate === 0) return 0n;
  const rate = safeDiv(U64F64, fromInt(U64F64, feeRate), fromInt(U64F64, U16_MAX));
  return toUintFloor(U64F64, saturatingMul(U64F64, fromInt(U64F64, amount), rate), U64_MAX);
}

/** Limit price in rao per alpha → U64F64 (`price_limit / 1e9`). */
export const limitPriceFromRao = (rao: bigint): bigint =>
  rao === MAX_PRICE_RAO
    ? MAX_LIMIT_PRICE
    : safeDiv(U64F64, fromInt(U64F64, rao), fromInt(U64F64, RAO_PER_TAO));

/** The chain buys of every block use the maximum limit: its U64F64 value, computed once. */
const MAX_LIMIT_PRICE = safeDiv(U64F64, fromInt(U64F64, MAX_PRICE_RAO), fromInt(U64F64, RAO_PER_TAO));

/**
 * One swap exactly as pallets/swap `do_swap` + `BasicSwapStep` compute it, without changing `pool`.
 * Throws `SwapError` with the chain's error name. Stable pools swap 1:1 without fee.
 */
export function quoteSwap(
  pool: PoolView,
  direction: SwapDirection,
  amount: bigint,
  limitPriceRao: bigint,
  dropFees: boolean,
): SwapQuote {
  const buy = direction === "tao_to_alpha";
  if ((pool.mechanism ?? 1) === 0) {
    return {
      direction,
      paidIn: amount,
      paidOut: amount,
      fee: 0n,
      refund: 0n,
      priceBefore: U64F64.one,
      priceAfter: U64F64.one,
      // Reserve decreases saturate at zero, as `decrease_provided_*_reserve` does.
      taoAfter: buy ? pool.tao + amount : sat0(pool.tao - amount),
      alphaInAfter: buy ? sat0(pool.alphaIn - amount) : pool.alphaIn + amount,
    };
  }
  const reserveIn = buy ? pool.tao : pool.alphaIn;
  const reserveOut = buy ? pool.alphaIn : pool.tao;
  const priceBefore = poolPrice(pool);
  // ensure_swap_input_within_reserve_limit
  const fee0 = feeAmount(amount, pool.feeRate, dropFees);
  if (amount - fee0 > reserveIn * MAX_SWAP_INPUT_RESERVE_MULTIPLIER) {
    throw new SwapError(
      "SwapInputTooLarge",
      `net input ${amount - fee0} exceeds 1000 × input reserve ${reserveIn}`,
    );
  }
  if (reserveOut < MINIMUM_RESERVE) {
    throw new SwapError(
      "ReservesTooLow",
      `output reserve ${reserveOut} is below the minimum ${MINIMUM_RESERVE}`,
    );
  }
  const limit = limitPriceFromRao(limitPriceRao);
  if (!(buy ? priceBefore < limit : priceBefore > limit)) {
    throw new SwapError(
      "PriceLimitExceeded",
      `spot price is already ${buy ? "at or above" : "at or below"} the limit`,
    );
  }
  let fee = fee0;
  const requested = amount - fee;
  const requestedOut = convertDelta(pool, buy, requested);
  const ratio = memoOf(pool).ratio;
  const target = buy
    ? priceFromWeightRatio(ratio, sat0(pool.alphaIn - requestedOut), pool.tao + requested)
    : priceFromWeightRatio(ratio, pool.alphaIn + requested, sat0(pool.tao - requestedOut));
  let deltaIn: bigint;
  let deltaOut: bigint;
  // Without the limit the reserves after the swap are the ones `target` was priced at.
  let priceAfter: bigint | undefined;
  if (buy ? target <= limit : target >= limit) {
    deltaIn = requested;
    deltaOut = requestedOut;
    priceAfter = target;
  } else {
    deltaIn = buy
      ? quoteDeltaIn(pool.quoteParts, priceBefore, limit, pool.tao, LIMIT_POW_PRECISION)
      : baseDeltaIn(pool.quoteParts, priceBefore, limit, pool.alphaIn, LIMIT_POW_PRECISION);
    const rate = dropFees ? 0n : fromInt(U64F64, pool.feeRate);
    const ratio = safeDiv(U64F64, rate, saturatingSub(U64F64, fromInt(U64F64, U16_MAX), rate));
    fee = toUintFloor(U64F64, saturatingMul(U64F64, fromInt(U64F64, deltaIn), ratio), U64_MAX);
    deltaOut = convertDelta(pool, buy, deltaIn);
  }
  if (deltaIn !== 0n && deltaOut === 0n) throw new SwapError("ReservesTooLow", "the output rounds to zero");
  if (reserveOut < deltaOut) throw new SwapError("InsufficientLiquidity", "the output exceeds the reserve");
  const taoAfter = buy ? pool.tao + deltaIn : pool.tao - deltaOut;
  const alphaInAfter = buy ? pool.alphaIn - deltaOut : pool.alphaIn + deltaIn;
  return {
    direction,
    paidIn: deltaIn,
    paidOut: deltaOut,
    fee,
    refund: sat0(amount - deltaIn - fee),
    priceBefore,
    priceAfter: priceAfter ?? priceFromWeightRatio(ratio, alphaInAfter, taoAfter),
    taoAfter,
    alphaInAfter,
  };
}

const sat0 = (x: bigint): bigint => (x < 0n ? 0n : x);

/** `convert_deltas`: output for `dIn` of input at the pool's current reserves. */
function convertDelta(pool: PoolView, buy: boolean, dIn: bigint): bigint {
  return buy
    ? alphaOutForTaoIn(pool.quoteParts, pool.tao, pool.alphaIn, dIn)
    : taoOutForAlphaIn(pool.quoteParts, pool.tao, pool.alphaIn, dIn);
}
