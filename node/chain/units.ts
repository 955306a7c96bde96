import { InvalidInputError } from "../../sim/errors.ts";
import { RAO_PER_TAO } from "./subtensor/known.ts";

/** "1.5" TAO (or alpha) → 1_500_000_000n rao, exactly (up to 9 decimals). */
export function parseTao(field: string, text: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (m === null)
    throw new InvalidInputError(
      field,
      `${JSON.stringify(text)} is not an amount`,
      "a decimal like 1 or 0.25 (at most 9 decimals)",
    );
  return BigInt(m[1] as string) * RAO_PER_TAO + BigInt((m[2] ?? "").padEnd(9, "0"));
}

/** 1_500_000_000n → "1.5". */
export function formatTao(rao: bigint): string {
  const whole = rao / RAO_PER_TAO;
  const frac = (rao % RAO_PER_TAO).toString().padStart(9, "0").replace(/0+$/, "");
  return frac === "" ? whole.toString() : `${whole}.${frac}`;
}

/** JSON.stringify with bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}
