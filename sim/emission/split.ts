import {
  convert,
  fromInt,
  I96F32,
  safeDiv,
  saturatingAdd,
  saturatingMul,
  saturatingSub,
  U64F64,
  U96F32,
} from "../fixed/fixed.ts";
import type { SubnetState } from "./state.ts";

/**
 * Splitting a block's TAO emission across subnets (coinbase/subnet_emissions.rs at HEAD): shares by
 * EMA price weighted by (1 − MinerBurned), disabled subnets zeroed and the rest renormalised.
 */

/** `get_subnets_to_emit_to`: non-root, started, subtoken enabled, registration allowed. */
export const isEmitting = (s: SubnetState): boolean =>
  s.netuid !== 0 && s.firstEmissionBlock !== undefined && s.subtokenEnabled && s.registrationAllowed;

/** `get_moving_alpha_price` as U64F64 bits: 1.0 for root / stable subnets, else the stored EMA. */
export const movingPriceU64F64 = (s: SubnetState): bigint =>
  s.netuid === 0 || s.mechanism === 0 ? U64F64.one : convert(I96F32, U64F64, s.movingPrice);

/** `get_shares`: U64F64 share per subnet (before the disabled-subnet renormalisation). */
export function emissionShares(subnets: readonly SubnetState[]): bigint[] {
  const prices = subnets.map(movingPriceU64F64);
  let total = 0n;
  for (const p of prices) total = saturatingAdd(U64F64, total, p);
  const priceShares = prices.map((p) => safeDiv(U64F64, p, total));
  const one = U64F64.one;
  const weighted = priceShares.map((share, i) => {
    const burned = convert(U96F32, U64F64, (subnets[i] as SubnetState).minerBurned);
    return saturatingMul(U64F64, share, saturatingSub(U64F64, one, burned < one ? burned : one));
  });
  let totalWeight = 0n;
  for (const w of weighted) totalWeight = saturatingAdd(U64F64, totalWeight, w);
  return totalWeight > 0n ? weighted.map((w) => safeDiv(U64F64, w, totalWeight)) : priceShares;
}

/** `get_subnet_block_emissions`: U96F32 TAO emission per subnet, in the order of `subnets`. */
export function subnetTaoEmissions(
  subnets: readonly SubnetState[],
  shares: readonly bigint[],
  blockEmission: bigint,
): bigint[] {
  let hasDisabled = false;
  let enabledSum = 0n;
  subnets.forEach((s, i) => {
    if (s.emissionEnabled) enabledSum = saturatingAdd(U64F64, enabledSum, shares[i] as bigint);
    else hasDisabled = true;
  });
  const emission = fromInt(U64F64, blockEmission);
  return subnets.map((s, i) => {
    let share = shares[i] as bigint;
    if (hasDisabled) share = s.emissionEnabled && enabledSum > 0n ? safeDiv(U64F64, share, enabledSum) : 0n;
    return convert(U64F64, U96F32, saturatingMul(U64F64, emission, share));
  });
}

/** `get_network_root_sell_flag`: Σ EMA prices of emitting subnets > 1 (plain sum as on chain). */
export function rootSellFlag(subnets: readonly SubnetState[]): boolean {
  let total = 0n;
  for (const s of subnets) total += movingPriceU64F64(s);
  return total > U64F64.one;
}
