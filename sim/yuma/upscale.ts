/**
 * `vec_u16_max_upscale_to_u16` (EM:123 → EM:78 `vec_max_upscale_to_u16`): how `set_weights`
 * stores a weight vector, max-upscaled so that the largest entry becomes 65535. Exact on bigint
 * bits; `round()` is half away from zero.
 */
import { I32F32, safeDiv, saturatingMul } from "../fixed/fixed.ts";

const ONE = I32F32.one;
const U16_MAX_F = 65535n << 32n;
const THRESHOLD = 32768n << 32n;

const round = (x: bigint): bigint =>
  (x >= 0n ? (x + (ONE >> 1n)) >> 32n : -((-x + (ONE >> 1n)) >> 32n)) << 32n;
/** `saturating_to_num::<u16>()`: floor, clamped to [0, 65535]. */
const toU16 = (x: bigint): number => {
  const r = x >> 32n;
  return r < 0n ? 0 : r > 65535n ? 65535 : Number(r);
};

export function vecU16MaxUpscaleToU16(values: readonly number[]): number[] {
  const v = values.map((x) => BigInt(x) << 32n);
  if (v.length === 0) return [];
  const max = v.reduce((a, b) => (b > a ? b : a));
  if (max === 0n) return v.map((e) => toU16(saturatingMul(I32F32, e, U16_MAX_F)));
  if (max > THRESHOLD) {
    const scale = safeDiv(I32F32, U16_MAX_F, max);
    return v.map((e) => toU16(round(saturatingMul(I32F32, e, scale))));
  }
  return v.map((e) => toU16(round(safeDiv(I32F32, saturatingMul(I32F32, e, U16_MAX_F), max))));
}
