import { fromInt, I32F32, I96F32, safeDiv, saturatingMul, toUintFloor, U64_MAX } from "../fixed/fixed.ts";
import type { ChainState, SubnetState } from "./state.ts";

/**
 * The epoch as the emission engine sees it (subnets/mechanism.rs `epoch_with_mechanisms`): given the
 * alpha to distribute (`raoEmission` = pending server + validator + root, owner cut excluded) it
 * returns, per hotkey, the server (incentive) and validator (dividend) emission in rao. The engine
 * is agnostic of how the epoch is computed: plug in sim/yuma's exact or fast epoch, or `termsEpoch`.
 */
export interface EpochInput {
  state: ChainState;
  subnet: SubnetState;
  /** Block in which the epoch runs. */
  block: bigint;
  raoEmission: bigint;
}

export interface HotkeyEmission {
  hotkey: string;
  /** Server (miner) emission, rao of alpha. */
  incentive: bigint;
  /** Validator emission, rao of alpha. */
  dividend: bigint;
}

export type EpochFn = (input: EpochInput) => HotkeyEmission[];

/** Normalised epoch terms of one hotkey: I32F32 bits of incentive and dividend. */
export interface EpochTerms {
  hotkey: string;
  incentive: bigint;
  dividend: bigint;
}

/**
 * The rao split of run_epoch.rs (§6.2): with S = Σ(incentive + dividend) in I32F32, each term is
 * normalised by S (`safe_div`), widened to I96F32, multiplied by the emission and floored. Duplicate
 * hotkeys are summed; the result is sorted by hotkey (the chain's BTreeMap order). When S = 0 the
 * chain pays validators by stake instead — pass `fallbackDividends` (I32F32 weights) for that.
 */
export function emissionFromTerms(
  terms: readonly EpochTerms[],
  raoEmission: bigint,
  fallbackDividends?: readonly EpochTerms[],
): HotkeyEmission[] {
  let sum = 0n;
  for (const t of terms) sum += t.incentive + t.dividend;
  const rao = fromInt(I96F32, raoEmission);
  const toRao = (x: bigint): bigint => toUintFloor(I96F32, saturatingMul(I96F32, x, rao), U64_MAX);
  const out = new Map<string, HotkeyEmission>();
  const add = (hotkey: string, incentive: bigint, dividend: bigint) => {
    const e = out.get(hotkey);
    if (e === undefined) out.set(hotkey, { hotkey, incentive, dividend });
    else {
      e.incentive += incentive;
      e.dividend += dividend;
    }
  };
  if (sum === 0n) {
    for (const t of terms) add(t.hotkey, 0n, 0n);
    for (const t of fallbackDividends ?? []) add(t.hotkey, 0n, toRao(t.dividend));
  } else {
    // I32F32 → I96F32 keeps the 32 fraction bits: the bit pattern is unchanged.
    for (const t of terms)
      add(t.hotkey, toRao(safeDiv(I32F32, t.incentive, sum)), toRao(safeDiv(I32F32, t.dividend, sum)));
  }
  return [...out.values()].sort((a, b) => (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0));
}

/** Wraps a function returning normalised terms into an `EpochFn`. */
export const termsEpoch =
  (fn: (input: EpochInput) => EpochTerms[]): EpochFn =>
  (input) =>
    emissionFromTerms(fn(input), input.raoEmission);
