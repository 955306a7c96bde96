/**
 * Stake weights of the epoch on exact I64F64 bits (shared spec/yuma.md §3 "Stake", §4 step 2).
 * `total_i = alpha_i + tao_i · w` (SU:233) with `w = I64F64(U96F32(TaoWeight) / U96F32(u64::MAX))`
 * (SU:160); the owner is never stake-filtered; `inplace_normalize_64` (EM:273) then floor to I32F32.
 */
import { checkedDiv, clamp, I32F32, I64F64, U64_MAX, U96F32, wrappingAdd } from "../fixed/fixed.ts";
import { fromBits } from "../fixed/fixnum.ts";

/** `get_tao_weight` (SU:160) widened to I64F64 bits: `((tw << 32) / (2^64 − 1)) << 32`. */
export function taoWeightI64F64(taoWeight: bigint): bigint {
  const w96 = checkedDiv(U96F32, taoWeight << 32n, U64_MAX << 32n) ?? 0n;
  return w96 << 32n;
}

/** Per uid total stake as I64F64 bits: `alpha.saturating_add(tao.saturating_mul(w))` (SU:283). */
export function totalStake(alpha: readonly bigint[], tao: readonly bigint[], taoWeight: bigint): bigint[] {
  const w = taoWeightI64F64(taoWeight);
  // (tao << 64)·w >> 64 is exactly tao·w: the product of an integer and a fixed value.
  return alpha.map((a, i) => clamp(I64F64, (a << 64n) + clamp(I64F64, tao[i] * w)));
}

/** `saturating_to_num::<u64>()` of I64F64 bits: floor, clamped to [0, u64::MAX]. */
export function i64f64ToU64(x: bigint): bigint {
  const r = x >> 64n;
  return r < 0n ? 0n : r > U64_MAX ? U64_MAX : r;
}

/** EM:273 `inplace_normalize_64`: plain (wrapping) sum, unchanged when 0, else `safe_div` each. */
export function inplaceNormalize64(x: bigint[]): void {
  let s = 0n;
  for (const v of x) s = wrappingAdd(I64F64, s, v);
  if (s === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = checkedDiv(I64F64, x[i], s) ?? 0n;
}

/** `vec_fixed64_to_fixed32`: drop 32 fraction bits (floor), clamp, as number bits. */
export const fixed64ToFixed32 = (x: readonly bigint[]): number[] =>
  x.map((v) => fromBits(clamp(I32F32, v >> 32n)));

/**
 * RE:630–655: stake filtered by `StakeThreshold` (owner exempt), normalised, as I32F32 bits.
 * Returns the unfiltered totals too (`stake_i64f64_bits`, `raw_stake`).
 */
export function epochStake(
  alpha: readonly bigint[],
  tao: readonly bigint[],
  taoWeight: bigint,
  stakeThreshold: bigint,
  ownerUid: number | null,
): { total: bigint[]; stake: number[] } {
  const total = totalStake(alpha, tao, taoWeight);
  const filtered = total.map((s, uid) => (uid !== ownerUid && i64f64ToU64(s) < stakeThreshold ? 0n : s));
  inplaceNormalize64(filtered);
  return { total, stake: fixed64ToFixed32(filtered) };
}
