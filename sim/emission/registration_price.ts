import { fromInt, saturatingMul, toUintFloor, U64_MAX, U64F64 } from "../fixed/fixed.ts";

/**
 * Registration prices: the neuron burn (subnets/registration.rs, utils/misc.rs — continuous
 * exponential decay per block plus a multiplicative bump per registration) and the subnet lock cost
 * (coinbase/root.rs `get_network_lock_cost`).
 */

/** `mul_by_q32`: floor(value · factor / 2^32), clamped to u64. */
export function mulByQ32(value: bigint, factorQ32: bigint): bigint {
  const r = (value * factorQ32) >> 32n;
  return r > U64_MAX ? U64_MAX : r;
}

/** `pow_q32`: exponentiation by squaring with a floor at every multiply. */
export function powQ32(base: bigint, exp: number): bigint {
  let result = 1n << 32n;
  let factor = base;
  let power = exp;
  while (power > 0) {
    if ((power & 1) === 1) result = mulByQ32(result, factor);
    power >>= 1;
    if (power > 0) factor = mulByQ32(factor, factor);
  }
  return result;
}

const decayCache = new Map<number, bigint>();

/** `decay_factor_q32`: the largest Q32 f with f^halfLife ≤ 0.5 (binary search). */
export function decayFactorQ32(halfLife: number): bigint {
  if (halfLife === 0) return 1n << 32n;
  const cached = decayCache.get(halfLife);
  if (cached !== undefined) return cached;
  const half = 1n << 31n;
  let lo = 0n;
  let hi = 1n << 32n;
  while (lo + 1n < hi) {
    const mid = lo + ((hi - lo) >> 1n);
    if (powQ32(mid, halfLife) > half) hi = mid;
    else lo = mid;
  }
  decayCache.set(halfLife, lo);
  return lo;
}

const clampBurn = (v: bigint, min: bigint, max: bigint): bigint => (v < min ? min : v > max ? max : v);

/** The per-block update of `update_registration_prices_for_networks` (no decay at block ≤ 1). */
export function decayBurn(burn: bigint, block: bigint, halfLife: number, min: bigint, max: bigint): bigint {
  const next = halfLife > 0 && block > 1n ? mulByQ32(burn, decayFactorQ32(halfLife)) : burn;
  return clampBurn(next, min, max);
}

/** `bump_registration_price_after_registration`: burn · max(mult, 1) (U64F64), clamped. */
export function bumpBurn(burn: bigint, multU64F64: bigint, min: bigint, max: bigint): bigint {
  const mult = multU64F64 > U64F64.one ? multU64F64 : U64F64.one;
  return clampBurn(
    toUintFloor(U64F64, saturatingMul(U64F64, fromInt(U64F64, burn), mult), U64_MAX),
    min,
    max,
  );
}

/**
 * `get_network_lock_cost`: max(min_lock, last·m − floor(last / interval) · (now − last_block)),
 * m = 2 after a registration (1 when last_block is 0).
 */
export function networkLockCost(
  lastLock: bigint,
  lastLockBlock: bigint,
  minLock: bigint,
  interval: bigint,
  now: bigint,
): bigint {
  const mult = lastLockBlock === 0n ? 1n : 2n;
  const perBlock = interval === 0n ? 0n : lastLock / interval;
  const elapsed = now > lastLockBlock ? now - lastLockBlock : 0n;
  const reduction = perBlock * elapsed;
  const base = lastLock * mult;
  const cost = base > reduction ? base - reduction : 0n;
  return cost < minLock ? minLock : cost;
}
