import type { EpochFn, HotkeyEmission } from "../../../sim/emission/epoch.ts";
import { hotkeyStake } from "../../../sim/emission/stakes.ts";
import { epochExact } from "../../../sim/yuma/epoch.ts";
import { DEFAULT_HYPERPARAMETERS, type EpochInput } from "../../../sim/yuma/types.ts";
import type { SimGlobalParams } from "./defaults.ts";
import type { SimSubnetExtras } from "./extras.ts";

/**
 * The epoch sim/emission calls every tempo, computed by sim/yuma's exact `epoch_mechanism` (Yuma 2
 * defaults of the runtime) on SimChain's per-subnet vectors; its outputs (incentive, dividends,
 * consensus, bonds, permits, activity) are stored back the way the chain stores them.
 */
export function yumaEpochFn(
  extrasOf: (netuid: number) => SimSubnetExtras,
  global: () => SimGlobalParams,
): EpochFn {
  return ({ state, subnet, block, raoEmission }) => {
    const x = extrasOf(subnet.netuid);
    const n = subnet.uids.length;
    const ownerUid = subnet.ownerHotkey === undefined ? -1 : subnet.uids.indexOf(subnet.ownerHotkey);
    const input: EpochInput = {
      n,
      current_block: block,
      tempo: subnet.tempo,
      activity_cutoff: x.params.activityCutoff,
      last_mechanism_step_block: x.lastStepBlock,
      last_update: x.lastUpdate.slice(0, n),
      block_at_registration: subnet.blockAtRegistration.slice(0, n),
      alpha_stake: subnet.uids.map((hk) => hotkeyStake(state, hk, subnet.netuid)),
      tao_stake: subnet.uids.map((hk) => hotkeyStake(state, hk, 0)),
      tao_weight: state.params.taoWeightRaw,
      stake_threshold: global().stakeThreshold,
      owner_uid: ownerUid < 0 ? null : ownerUid,
      validator_permit: x.validatorPermit.slice(0, n),
      max_allowed_validators: x.params.maxAllowedValidators,
      weights: x.weights.slice(0, n).map((row) => row.filter(([uid]) => uid < n)),
      bonds: x.bonds.slice(0, n).map((row) => row.filter(([uid]) => uid < n)),
      ...DEFAULT_HYPERPARAMETERS,
      kappa: x.params.kappa,
      bonds_moving_average: x.params.bondsMovingAverage,
      commit_reveal_enabled: false,
      commit_blocks: Array(n).fill(null),
      rao_emission: raoEmission,
    };
    const out = epochExact(input);
    x.incentive = out.incentive_u16;
    x.dividends = out.dividends_u16;
    x.consensus = out.consensus_u16;
    x.validatorPermit = out.new_validator_permit;
    x.active = out.active;
    x.bonds = out.bonds;
    x.lastStepBlock = block;
    const emission: HotkeyEmission[] = subnet.uids.map((hotkey, uid) => ({
      hotkey,
      incentive: out.server_emission[uid] ?? 0n,
      dividend: out.validator_emission[uid] ?? 0n,
    }));
    // Same order as the chain's BTreeMap of hotkeys.
    return emission.sort((a, b) => (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0));
  };
}
