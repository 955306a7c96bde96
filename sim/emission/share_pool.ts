import {
  type SafeFloat,
  SF_ZERO,
  sfAdd,
  sfFromInt,
  sfIsZero,
  sfMulDiv,
  sfNew,
  sfSub,
  sfToU64,
} from "../fixed/safefloat.ts";

/**
 * The alpha share pool of one (hotkey, subnet) — primitives/share-pool `SharePool` over
 * `TotalHotkeyAlpha` (value), `TotalHotkeySharesV2` (denominator) and `AlphaV2` (per-coldkey shares).
 * Emission to the whole pool only raises the value; a coldkey's stake is value · share / denominator.
 */
export interface SharePoolState {
  total: bigint;
  denominator: SafeFloat;
  /** coldkey → share; zero shares are removed, as the chain removes the storage entry. */
  shares: Map<string, SafeFloat>;
}

export const newSharePool = (): SharePoolState => ({ total: 0n, denominator: SF_ZERO, shares: new Map() });

/** `get_value`: floor(total · share / denominator). */
export function shareValue(pool: SharePoolState, coldkey: string): bigint {
  const share = pool.shares.get(coldkey);
  if (share === undefined) return 0n;
  return valueOfShare(pool, share);
}

function valueOfShare(pool: SharePoolState, share: SafeFloat): bigint {
  const value = sfNew(pool.total, 0) ?? SF_ZERO;
  return sfToU64(sfMulDiv(value, share, pool.denominator) ?? SF_ZERO);
}

function sharesPerUpdate(pool: SharePoolState, amount: bigint): SafeFloat {
  const value = sfNew(pool.total, 0) ?? SF_ZERO;
  return sfMulDiv(sfNew(amount, 0) ?? SF_ZERO, pool.denominator, value) ?? SF_ZERO;
}

/** `update_value_for_all`: emission (or slash) to every share holder pro rata. */
export function updateValueForAll(pool: SharePoolState, delta: bigint): void {
  const next = pool.total + delta;
  pool.total = next < 0n ? 0n : next > U64_MAX ? U64_MAX : next;
}

const U64_MAX = 0xffff_ffff_ffff_ffffn;

/** `sim_update_value_for_one`: false when adding `amount` would mint zero shares (stake refused). */
export function canAddForOne(pool: SharePoolState, amount: bigint): boolean {
  if (pool.denominator.mantissa === 0n) return true;
  return !sfIsZero(sharesPerUpdate(pool, amount));
}

/** `update_value_for_one` with a signed amount (positive = stake, negative = unstake). */
export function updateValueForOne(pool: SharePoolState, coldkey: string, delta: bigint): void {
  // A zero amount mints zero shares: the pool is unchanged (SafeFloat zero is always (0, 0)), except
  // that a zero denominator re-initialises the coldkey's share to zero, i.e. removes it.
  if (delta === 0n && (!sfIsZero(pool.denominator) || !pool.shares.has(coldkey))) return;
  const current = pool.shares.get(coldkey) ?? SF_ZERO;
  const magnitude = delta < 0n ? -delta : delta;
  if (sfIsZero(pool.denominator)) {
    const init = sfFromInt(magnitude);
    pool.denominator = init;
    setShare(pool, coldkey, init);
  } else {
    const perUpdate = sharesPerUpdate(pool, magnitude);
    if (delta > 0n) {
      pool.denominator = sfAdd(pool.denominator, perUpdate);
      setShare(pool, coldkey, sfAdd(current, perUpdate));
    } else {
      pool.denominator = sfSub(pool.denominator, perUpdate) ?? pool.denominator;
      setShare(pool, coldkey, sfSub(current, perUpdate) ?? current);
    }
  }
  updateValueForAll(pool, delta);
}

function setShare(pool: SharePoolState, coldkey: string, share: SafeFloat): void {
  if (sfIsZero(share)) pool.shares.delete(coldkey);
  else pool.shares.set(coldkey, share);
}

/** `decrease_stake_for_hotkey_and_coldkey_on_subnet`: only when the coldkey holds at least `amount`. */
export function decreaseForOne(pool: SharePoolState, coldkey: string, amount: bigint): boolean {
  if (!pool.shares.has(coldkey) || shareValue(pool, coldkey) < amount) return false;
  updateValueForOne(pool, coldkey, -amount);
  return true;
}
