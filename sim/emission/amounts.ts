import { InvalidInputError } from "../errors.ts";

/** "1.5" TAO → 1_500_000_000 rao, exactly; at most 9 decimals. */
export function parseRao(field: string, text: string | number): bigint {
  const s = String(text).trim();
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(s);
  if (m === null)
    throw new InvalidInputError(
      field,
      `not a TAO amount: ${JSON.stringify(s)}`,
      "a decimal >= 0 with at most 9 decimals",
    );
  return BigInt(m[1] as string) * 1_000_000_000n + BigInt((m[2] ?? "").padEnd(9, "0"));
}

/** rao → "1.5" TAO (exact, trailing zeros removed). */
export function formatTao(rao: bigint): string {
  const neg = rao < 0n;
  const a = neg ? -rao : rao;
  const frac = (a % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / 1_000_000_000n}${frac === "" ? "" : `.${frac}`}`;
}
