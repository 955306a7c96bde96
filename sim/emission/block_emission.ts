import { checkedDiv, fromInt, I96F32, saturatingMul, toUintFloor, U64_MAX } from "../fixed/fixed.ts";
import {
  BLOCK_TIME_MS,
  DEFAULT_BLOCK_EMISSION,
  HALVING_HALF_SUPPLY,
  MAX_TAO_ISSUANCE,
  TOTAL_SUPPLY,
} from "./constants.ts";

/**
 * `get_block_emission_for_issuance` (coinbase/block_emission.rs): the emission per block as a
 * function of issuance, in I96F32. With r = I / 21e15: k = floor(log2(1 / (1 − r))), emission =
 * floor(1e9 / 2^k). substrate-fixed's log2 counts exact halvings for its integer part, so the
 * floor is the bit length of the integer part minus one. Also used for each subnet's alpha.
 */
export function blockEmissionForIssuance(issuance: bigint): bigint {
  // The emission is a non-increasing step function of issuance: look the era up in a table of exact
  // boundaries (each found once by bisection on the fixed-point formula below).
  for (const era of eras()) if (issuance < era.end) return era.emission;
  return 0n;
}

export interface Era {
  /** First issuance with a smaller emission. */
  end: bigint;
  emission: bigint;
}

let eraTable: Era[] | undefined;

/** The exact era boundaries of the emission curve (ascending `end`), e.g. for a float64 lookup. */
export const emissionEras = (): readonly Era[] => eras();

function eras(): Era[] {
  if (eraTable !== undefined) return eraTable;
  const table: Era[] = [];
  let start = 0n;
  let emission = emissionFormula(0n);
  while (emission > 0n) {
    let lo = start;
    let hi = TOTAL_SUPPLY;
    while (lo + 1n < hi) {
      const mid = (lo + hi) / 2n;
      if (emissionFormula(mid) < emission) hi = mid;
      else lo = mid;
    }
    table.push({ end: hi, emission });
    start = hi;
    emission = emissionFormula(hi);
  }
  eraTable = table;
  return table;
}

/** The chain's formula itself (see `blockEmissionForIssuance`). */
export function emissionFormula(issuance: bigint): bigint {
  const total = fromInt(I96F32, issuance);
  if (total >= fromInt(I96F32, TOTAL_SUPPLY)) return 0n;
  const denom = saturatingMul(I96F32, fromInt(I96F32, 2), fromInt(I96F32, HALVING_HALF_SUPPLY));
  const r = checkedDiv(I96F32, total, denom);
  if (r === undefined) return 0n;
  const oneMinusR = I96F32.one - r;
  // 1 − r rounds to 0 at 32 fraction bits within ~5e6 rao of the supply: checked_div fails → 0.
  const inverse = checkedDiv(I96F32, I96F32.one, oneMinusR);
  if (inverse === undefined || inverse <= 0n) return 0n;
  const k = log2Floor(inverse);
  // multiplier = 2^k (saturating), percentage = 1 / multiplier (safe_div) in I96F32.
  const multiplier = k >= 95 ? I96F32.max : fromInt(I96F32, 1n << BigInt(k));
  const percentage = checkedDiv(I96F32, I96F32.one, multiplier) ?? 0n;
  const emission = saturatingMul(I96F32, percentage, fromInt(I96F32, DEFAULT_BLOCK_EMISSION));
  return toUintFloor(I96F32, emission, U64_MAX);
}

/** Integer part of substrate-fixed `log2` for an I96F32 value ≥ 1: how often it halves while ≥ 2. */
function log2Floor(bits: bigint): number {
  let x = bits;
  let k = 0;
  const two = 2n << 32n;
  while (x >= two) {
    x >>= 1n;
    k++;
  }
  return k;
}

/** TAO actually minted for a block: the emission, capped so issuance never exceeds the maximum. */
export function mintableEmission(totalIssuance: bigint): bigint {
  const e = blockEmissionForIssuance(totalIssuance);
  const room = MAX_TAO_ISSUANCE > totalIssuance ? MAX_TAO_ISSUANCE - totalIssuance : 0n;
  return e < room ? e : room;
}

export interface HalvingRow {
  /** 0 for the initial 1 TAO/block era. */
  index: number;
  /** Issuance at which this era starts (rao). */
  issuance: bigint;
  /** Block at which the era starts when every block mints the full emission from `startBlock`. */
  block: bigint;
  /** Wall-clock estimate at 12 s blocks from `startTimeMs`. */
  timeMs: number;
  /** Emission per block during the era (rao). */
  blockEmission: bigint;
}

/**
 * The halving schedule: each era starts when issuance reaches the first value whose emission is
 * below the previous era's (found by bisection on the exact emission function, so boundary effects
 * of the fixed-point arithmetic are included). Blocks assume every block mints its full emission.
 */
export function halvingSchedule(opts: {
  startIssuance?: bigint;
  startBlock?: bigint;
  startTimeMs?: number;
  maxRows?: number;
}): HalvingRow[] {
  const { startIssuance = 0n, startBlock = 0n, startTimeMs = 0, maxRows = 12 } = opts;
  const rows: HalvingRow[] = [];
  let issuance = startIssuance;
  let block = startBlock;
  let emission = blockEmissionForIssuance(issuance);
  for (let index = 0; rows.length < maxRows && emission > 0n; index++) {
    rows.push({
      index,
      issuance,
      block,
      timeMs: startTimeMs + Number(block - startBlock) * BLOCK_TIME_MS,
      blockEmission: emission,
    });
    const next = firstIssuanceBelow(issuance, emission);
    if (next === undefined) break;
    // Blocks to cross the boundary at constant emission (the last block may overshoot).
    block += (next - issuance + emission - 1n) / emission;
    issuance += ((next - issuance + emission - 1n) / emission) * emission;
    emission = blockEmissionForIssuance(issuance);
  }
  return rows;
}

function firstIssuanceBelow(from: bigint, emission: bigint): bigint | undefined {
  for (const era of eras()) if (era.end > from && era.emission === emission) return era.end;
  return undefined;
}
