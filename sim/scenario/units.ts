import { InvalidInputError } from "../errors.ts";

/** rao per TAO (and per alpha: alpha has 9 decimals like TAO). */
export const RAO_PER_TAO = 1_000_000_000n;
/** Blocks per day at 12 s blocks. */
export const BLOCKS_PER_DAY = 7200;

/**
 * TAO (a decimal number as written in a scenario file) → rao, exactly: the decimal text is parsed,
 * not multiplied as a float, so 0.1 TAO is 100_000_000 rao and 21e6 TAO does not lose precision.
 */
export function taoToRao(tao: number, field = "amount"): bigint {
  if (!Number.isFinite(tao) || tao < 0)
    throw new InvalidInputError(field, `${tao} is not a TAO amount`, ">= 0");
  const text = tao.toFixed(9);
  const [whole, frac = ""] = text.split(".");
  return BigInt(whole) * RAO_PER_TAO + BigInt(frac.padEnd(9, "0").slice(0, 9));
}

/** rao → TAO as a float, for charts and tables only. */
export function raoToTao(rao: bigint): number {
  const whole = rao / RAO_PER_TAO;
  const frac = rao % RAO_PER_TAO;
  return Number(whole) + Number(frac) / 1e9;
}
