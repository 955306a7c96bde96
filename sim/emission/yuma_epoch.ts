import { epochExact } from "../yuma/epoch.ts";
import { epochFast } from "../yuma/fast/index.ts";
import {
  DEFAULT_HYPERPARAMETERS,
  type EpochInput,
  type EpochMode,
  type SparseU16,
  type YumaHyperparameters,
} from "../yuma/types.ts";
import { NEW_SUBNET_MAX_VALIDATORS } from "./constants.ts";
import type { EpochFn, HotkeyEmission } from "./epoch.ts";
import { hotkeyStake } from "./stakes.ts";
import type { SubnetState } from "./state.ts";

/**
 * An `EpochFn` backed by sim/yuma: builds the epoch input of a subnet from the simulated chain
 * (uids, alpha and root stake of each hotkey, registration blocks, TaoWeight) plus the weights the
 * caller supplies, runs the exact or the fast epoch, and keeps each subnet's bonds and validator
 * permits for its next epoch, as the chain stores them. Single mechanism, no commit-reveal, no
 * child keys (the effective stake is the hotkey's own).
 */
export interface YumaEpochOptions {
  mode: EpochMode;
  hyperparameters?: Partial<YumaHyperparameters>;
  /** `Weights` rows of the subnet (u16, sorted by column), one per uid. */
  weights: (subnet: SubnetState, block: bigint) => SparseU16;
  /** Activity cutoff in blocks (default 5000). */
  activityCutoff?: bigint;
  stakeThreshold?: bigint;
  maxAllowedValidators?: number;
}

interface SubnetMemory {
  bonds: SparseU16;
  permits: boolean[];
  lastUpdate: bigint[];
  lastStep: bigint;
}

export function yumaEpoch(opts: YumaEpochOptions): EpochFn {
  const memory = new Map<number, SubnetMemory>();
  const hyper = { ...DEFAULT_HYPERPARAMETERS, ...opts.hyperparameters };
  return ({ state, subnet, block, raoEmission }) => {
    const n = subnet.uids.length;
    const mem = memory.get(subnet.netuid) ?? { bonds: [], permits: [], lastUpdate: [], lastStep: 0n };
    const weights = opts.weights(subnet, block);
    const lastUpdate = subnet.uids.map((_, uid) =>
      (weights[uid]?.length ?? 0) > 0 ? block : (mem.lastUpdate[uid] ?? 0n),
    );
    const ownerUid = subnet.ownerHotkey === undefined ? -1 : subnet.uids.indexOf(subnet.ownerHotkey);
    const input: EpochInput = {
      n,
      current_block: block,
      tempo: subnet.tempo,
      activity_cutoff: opts.activityCutoff ?? 5000n,
      last_mechanism_step_block: mem.lastStep,
      last_update: lastUpdate,
      block_at_registration: subnet.blockAtRegistration.slice(0, n),
      alpha_stake: subnet.uids.map((hk) => hotkeyStake(state, hk, subnet.netuid)),
      tao_stake: subnet.uids.map((hk) => hotkeyStake(state, hk, 0)),
      tao_weight: state.params.taoWeightRaw,
      stake_threshold: opts.stakeThreshold ?? 0n,
      owner_uid: ownerUid < 0 ? null : ownerUid,
      validator_permit: mem.permits,
      max_allowed_validators: opts.maxAllowedValidators ?? NEW_SUBNET_MAX_VALIDATORS,
      weights: Array.from({ length: n }, (_, uid) => weights[uid] ?? []),
      bonds: Array.from({ length: n }, (_, uid) => mem.bonds[uid] ?? []),
      ...hyper,
      commit_reveal_enabled: false,
      commit_blocks: subnet.uids.map(() => null),
      rao_emission: raoEmission,
    };
    const out: HotkeyEmission[] = [];
    if (opts.mode === "exact") {
      const r = epochExact(input);
      subnet.uids.forEach((hotkey, uid) => {
        out.push({
          hotkey,
          incentive: r.server_emission[uid] ?? 0n,
          dividend: r.validator_emission[uid] ?? 0n,
        });
      });
      memory.set(subnet.netuid, {
        bonds: r.bonds,
        permits: r.new_validator_permit,
        lastUpdate,
        lastStep: block,
      });
    } else {
      const r = epochFast(input);
      const rao = (x: number | undefined) => (x === undefined || !(x > 0) ? 0n : BigInt(Math.floor(x)));
      subnet.uids.forEach((hotkey, uid) => {
        out.push({
          hotkey,
          incentive: rao(r.server_emission[uid]),
          dividend: rao(r.validator_emission[uid]),
        });
      });
      memory.set(subnet.netuid, {
        bonds: r.bonds,
        permits: r.new_validator_permit,
        lastUpdate,
        lastStep: block,
      });
    }
    return out;
  };
}
