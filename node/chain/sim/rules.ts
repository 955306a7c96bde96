import { hotkeyStake } from "../../../sim/emission/stakes.ts";
import type { ChainState, SubnetState } from "../../../sim/emission/state.ts";
import { vecU16MaxUpscaleToU16 } from "../../../sim/yuma/upscale.ts";
import { withinMaxWeightLimit } from "../weights.ts";
import type { SimGlobalParams } from "./defaults.ts";
import type { SimSubnetExtras } from "./extras.ts";

/**
 * The checks `do_set_weights` makes, in the chain's order (subnets/weights.rs, spec/chain.md §3.3);
 * returns the pallet error name of the first that fails, or undefined. `fromReveal` skips the
 * commit-reveal and rate-limit checks, as a reveal does.
 */
export function setWeightsError(
  state: ChainState,
  s: SubnetState | undefined,
  x: SimSubnetExtras | undefined,
  global: SimGlobalParams,
  p: { netuid: number; hotkey: string; uids: number[]; weights: number[]; versionKey: bigint },
  block: bigint,
  fromReveal = false,
): string | undefined {
  if (p.netuid === 0) return "CanNotSetRootNetworkWeights";
  if (p.uids.length !== p.weights.length) return "WeightVecNotEqualSize";
  if (s === undefined || x === undefined) return "SubnetNotExists";
  if (!fromReveal && x.params.commitRevealEnabled) return "CommitRevealEnabled";
  const n = s.uids.length;
  if (p.uids.length > n) return "UidsLengthExceedUidsInSubNet";
  const uid = s.uids.indexOf(p.hotkey);
  if (uid < 0) return "HotKeyNotRegisteredInSubNet";
  if (hotkeyStake(state, p.hotkey, p.netuid) < global.stakeThreshold) return "NotEnoughStakeToSetWeights";
  if (x.params.weightsVersionKey !== 0n && p.versionKey < x.params.weightsVersionKey)
    return "IncorrectWeightVersionKey";
  if (!fromReveal && block - (x.lastUpdate[uid] ?? 0n) < x.params.weightsSetRateLimit)
    return "SettingWeightsTooFast";
  const selfOnly = p.uids.length === 1 && p.uids[0] === uid;
  const isOwner = s.ownerHotkey === p.hotkey;
  if (!selfOnly && !isOwner && x.validatorPermit[uid] !== true) return "NeuronNoValidatorPermit";
  if (new Set(p.uids).size !== p.uids.length) return "DuplicateUids";
  if (p.uids.some((u) => u >= n)) return "UidVecContainInvalidOne";
  if (!selfOnly && p.uids.length < Math.min(x.params.minAllowedWeights, n)) return "WeightVecLengthIsLow";
  if (!selfOnly && maxWeightExceeded(p.weights, x.params.maxWeightsLimit)) return "MaxWeightExceeded";
  return undefined;
}

/** MaxWeightExceeded is checked on the max-upscaled values, in exact I32F32 (node/chain/weights.ts). */
function maxWeightExceeded(weights: number[], limit: number): boolean {
  return !withinMaxWeightLimit(vecU16MaxUpscaleToU16(weights), limit);
}

/** The row stored in `Weights`: sorted by uid, max-upscaled (largest = 65535). */
export function storedWeightsRow(uids: number[], weights: number[]): Array<[number, number]> {
  const up = vecU16MaxUpscaleToU16(weights);
  return uids.map((u, i) => [u, up[i] ?? 0] as [number, number]).sort((a, b) => a[0] - b[0]);
}
