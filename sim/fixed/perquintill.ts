/**
 * sp_arithmetic `Perquintill`: a fraction stored as parts of 1e18. Only what the swap pallet uses.
 */
export const PERQUINTILL_ONE = 1_000_000_000_000_000_000n;

/** `Perquintill::from_rational(p, q)`: floor(p · 1e18 / q), or 1.0 when p ≥ q (q = 0 gives 1.0). */
export function perquintillFromRational(p: bigint, q: bigint): bigint {
  if (q === 0n || p >= q) return PERQUINTILL_ONE;
  return (p * PERQUINTILL_ONE) / q;
}

/** `ONE.saturating_sub(p)`. */
export const perquintillComplement = (parts: bigint): bigint =>
  parts >= PERQUINTILL_ONE ? 0n : PERQUINTILL_ONE - parts;
