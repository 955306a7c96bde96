/**
 * substrate-fixed v0.6.0 `transcendental::exp` for I32F32 and subtensor's `exp_safe` (EM:172),
 * on raw bigint bits (shared spec/yuma.md §1).
 *
 * `exp` is a fixed 30-term Taylor series without range reduction, every step checked (an overflow is
 * an error). Two shortcuts come first: exp(0) = 1 and exp(1) = the crate's constant `E` of type
 * I9F23 (so 2.71828174591064453125, not the I32F32-rounded e). The exp(1) test happens before the
 * sign is handled, so exp(−1) = 1 / series(1).
 */
import { checkedAdd, checkedDiv, checkedMul, I32F32 } from "./fixed.ts";

const ONE = I32F32.one;
/** `E` of substrate-fixed (`0xADF8…3CF1 >> 103` as I9F23), widened to 32 fraction bits. */
export const E_I9F23_AS_I32F32 = (0xadf85458a2bb4a9aafdc5620273d3cf1n >> 103n) << 9n;

/** `exp(x)`; `undefined` where the crate returns `Err(Overflow)`. */
export function exp(x: bigint): bigint | undefined {
  if (x === 0n) return ONE;
  if (x === ONE) return E_I9F23_AS_I32F32;
  const negative = x < 0n;
  const y = negative ? -x : x;
  let result = checkedAdd(I32F32, y, ONE);
  let term = y;
  for (let i = 2n; i < 32n && result !== undefined; i++) {
    const t = checkedMul(I32F32, term, y);
    if (t === undefined) return undefined;
    const d = checkedDiv(I32F32, t, i << 32n);
    if (d === undefined) return undefined;
    term = d;
    result = checkedAdd(I32F32, result, term);
  }
  if (result === undefined) return undefined;
  return negative ? checkedDiv(I32F32, ONE, result) : result;
}

const LIMIT = 20n << 32n;

/** `exp_safe` (EM:172): input clamped to [−20, 20]; on error 0 (x ≤ 0) or I32F32::MAX. */
export function expSafe(x: bigint): bigint {
  const safe = x < -LIMIT ? -LIMIT : x > LIMIT ? LIMIT : x;
  return exp(safe) ?? (safe <= 0n ? 0n : I32F32.max);
}
