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
  const blocks = state.block > startCall ? state.block - startCall : 0n;
  const [alpha, oneMinusAlpha] = emaAlpha(
    blocks,
    subnet.emaPriceHalvingBlocks,
    state.params.subnetMovingAlpha,
  );
  const spot = poolPrice(subnet);
  const current = saturatingMul(U64F64, alpha, spot < U64F64.one ? spot : U64F64.one);
  const moving = saturatingMul(U64F64, oneMinusAlpha, movingPriceU64F64(subnet));
  subnet.movingPrice = convert(U64F64, I96F32, saturatingAdd(U64F64, current, moving));
}

/**
 * (α, 1 − α) in U64F64 for b blocks since start, halving h and base α0 (I96F32). Subnets started in
 * the same block share it within a block, so the last arguments and result are remembered.
 */
let alphaMemo: { b: bigint; h: bigint; a0: bigint; out: readonly [bigint, bigint] } | undefined;
function emaAlpha(blocks: bigint, halving: bigint, a0Bits: bigint): readonly [bigint, bigint] {
  const m = alphaMemo;
  if (m !== undefined && m.b === blocks && m.h === halving && m.a0 === a0Bits) return m.out;
  const b = fromInt(U64F64, blocks);
  const h = fromInt(U64F64, halving);
  const a0 = convert(I96F32, U64F64, a0Bits);
  const alpha = saturatingMul(U64F64, a0, safeDiv(U64F64, b, saturatingAdd(U64F64, b, h)));
  const out = [alpha, saturatingSub(U64F64, U64F64.one, alpha)] as const;
  alphaMemo = { b: blocks, h: halving, a0: a0Bits, out };
  return out;
}
