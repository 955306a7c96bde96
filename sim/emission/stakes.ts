import {
  newSharePool,
  type SharePoolState,
  shareValue,
  updateValueForAll,
  updateValueForOne,
} from "./share_pool.ts";
import { type ChainState, stakeKey } from "./state.ts";

/** The share pool of (hotkey, netuid), created empty on first use. */
export function poolOf(state: ChainState, hotkey: string, netuid: number): SharePoolState {
  const key = stakeKey(hotkey, netuid);
  let pool = state.stakes.get(key);
  if (pool === undefined) {
    pool = newSharePool();
    state.stakes.set(key, pool);
  }
  return pool;
}

/** `TotalHotkeyAlpha`: all stake on a hotkey on one subnet. */
export const hotkeyStake = (state: ChainState, hotkey: string, netuid: number): bigint =>
  state.stakes.get(stakeKey(hotkey, netuid))?.total ?? 0n;

/** Stake of one coldkey on a hotkey on one subnet (`get_stake_for_hotkey_and_coldkey_on_subnet`). */
export function stakeOf(state: ChainState, hotkey: string, coldkey: string, netuid: number): bigint {
  const pool = state.stakes.get(stakeKey(hotkey, netuid));
  return pool === undefined ? 0n : shareValue(pool, coldkey);
}

/** `increase_stake_for_hotkey_and_coldkey_on_subnet`. */
export function increaseStakeFor(
  state: ChainState,
  hotkey: string,
  coldkey: string,
  netuid: number,
  amount: bigint,
): void {
  updateValueForOne(poolOf(state, hotkey, netuid), coldkey, amount);
}

/** `increase_stake_for_hotkey_on_subnet`: to every staker of the hotkey pro rata. */
export function increaseStakeForAll(state: ChainState, hotkey: string, netuid: number, amount: bigint): void {
  updateValueForAll(poolOf(state, hotkey, netuid), amount);
}
