/**
 * `safe_div` by a divisor shared by many dividends (a column sum, a column maximum): the quotient
 * is estimated with a multiplication by the rounded reciprocal instead of a division, then made
 * exact with the same remainder step as `div` (sim/fixed/fixnum.ts).
 *
 * Why it is exact: for 0 ≤ a and 0 < d < 2^50, `big = a·2^32` is exact, and `fl(big · fl(1/d))`
 * is within a relative 2^-52 (plus a negligible term) of `big / d`. Below 2^51 that is an absolute
 * error under 0.5, so the floor is the true quotient q or q ± 1. The remainder `big − q·d` is then
 * computed exactly (TwoProduct, as in `div`, whose proof covers q < 2^52 and d < 2^50) and one
 * step corrects q. Any other operand goes to `div` itself.
 *
 * Short cut: below 2^33 (every proportion the epoch divides) the estimate is within 2^-18.9 of
 * `big / d`, so when its fractional part lies in [2^-18, 1 − 2^-18] no integer lies between the
 * two and its floor already is q: the remainder step is only needed next to an integer quotient.
 */
import { correctQuotient, div, ONE } from "../fixed/fixnum.ts";

const TWO50 = 1125899906842624;
const TWO51 = 2251799813685248;
const TWO33 = 8589934592;
const EDGE = 2 ** -18;

/** The reciprocal to pass to `divRecip` for divisor `d` (0 where `divRecip` must use `div`). */
export const reciprocal = (d: number): number => (d > 0 && d < TWO50 ? 1 / d : 0);

/** `div(a, d)` (`safe_div`) given `inv = reciprocal(d)`. */
export function divRecip(a: number, d: number, inv: number): number {
  if (inv !== 0 && a >= 0) {
    const big = a * ONE;
    const estimate = big * inv;
    const q = Math.floor(estimate);
    if (estimate < TWO33) {
      const fraction = estimate - q; // exact
      if (fraction >= EDGE && fraction <= 1 - EDGE) return q;
    }
    if (q < TWO51) return correctQuotient(big, q, d);
  }
  return div(a, d);
}
