import {
  convert,
  fromInt,
  I96F32,
  safeDiv,
  saturatingAdd,
  saturatingMul,
  saturatingSub,
  U64F64,
} from "../fixed/fixed.ts";
import { movingPriceU64F64 } from "./split.ts";
import type { ChainState, SubnetState } from "./state.ts";
import { poolPrice } from "./swap.ts";

/**
 * `update_moving_price` (staking/stake_utils.rs), run after the coinbase for every emitting subnet:
 * α = a0 · b/(b + h) with b = blocks since `start_call` (FirstEmissionBlockNumber − 1), and
 * EMA ← α · min(spot, 1) + (1 − α) · EMA, in U64F64, stored as I96F32.
 */
export function updateMovingPrice(state: ChainState, subnet: SubnetState): void {
  const startCall =
    subnet.firstEmissionBlock === undefined || subnet.firstEmissionBlock === 0n
      ? 0n
      : subnet.firstEmissionBlock - 1n;
  const b = fromInt(U64F64, state.block > startCall ? state.block - startCall : 0n);
  const h = fromInt(U64F64, subnet.emaPriceHalvingBlocks);
  const a0 = convert(I96F32, U64F64, state.params.subnetMovingAlpha);
  const alpha = saturatingMul(U64F64, a0, safeDiv(U64F64, b, saturatingAdd(U64F64, b, h)));
  const oneMinusAlpha = saturatingSub(U64F64, U64F64.one, alpha);
  const spot = poolPrice(subnet);
  const current = saturatingMul(U64F64, alpha, spot < U64F64.one ? spot : U64F64.one);
  const moving = saturatingMul(U64F64, oneMinusAlpha, movingPriceU64F64(subnet));
  subnet.movingPrice = convert(U64F64, I96F32, saturatingAdd(U64F64, current, moving));
}
