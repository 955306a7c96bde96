import { decodeAddress } from "@polkadot/util-crypto";
import { InvalidInputError } from "../../sim/errors.ts";

/**
 * Input checks shared by both adapters: only types and ranges the extrinsic encoding needs.
 * Chain rules (lengths equal, duplicates, limits…) are left to the chain (or SimChain's copy of
 * them) so both adapters report them with the same pallet error names.
 */
export function checkU16(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff)
    throw new InvalidInputError(field, `${value} is not a u16`, "integer 0..65535");
}

export function checkU16Array(field: string, values: number[]): void {
  if (!Array.isArray(values)) throw new InvalidInputError(field, "not an array", "array of u16");
  for (const [i, v] of values.entries()) checkU16(`${field}[${i}]`, v);
}

export function checkRao(field: string, value: bigint): void {
  if (typeof value !== "bigint" || value < 0n || value >= 1n << 64n) {
    throw new InvalidInputError(field, `${String(value)} is not a u64 amount in rao`, "bigint 0..2^64-1");
  }
}

export function checkAddress(field: string, address: string): void {
  try {
    if (decodeAddress(address).length !== 32) throw new Error("length");
  } catch {
    throw new InvalidInputError(
      field,
      `${JSON.stringify(address)} is not an SS58 account`,
      "ss58 address (prefix 42)",
    );
  }
}
