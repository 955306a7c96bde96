import { epochExact } from "../yuma/epoch.ts";
import {
  type Csr,
  csrToRows,
  csrU16FromRows,
  epochFastArrays,
  type FastEpochInput,
} from "../yuma/fast/index.ts";
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

/** What the fast epoch keeps per subnet, in its own typed-array form (no round trip to rows). */
interface FastMemory {
  bonds: Csr<Uint16Array>;
  permits: Uint8Array;
  lastUpdate: Float64Array;
  lastStep: number;
}

export function yumaEpoch(opts: YumaEpochOptions): EpochFn {
  return opts.mode === "fast" ? yumaEpochFast(opts) : yumaEpochExact(opts);
}

function yumaEpochExact(opts: YumaEpochOptions): EpochFn {
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
    const r = epochExact(input);
    const out: HotkeyEmission[] = subnet.uids.map((hotkey, uid) => ({
      hotkey,
      incentive: r.server_emission[uid] ?? 0n,
      dividend: r.validator_emission[uid] ?? 0n,
    }));
    memory.set(subnet.netuid, {
      bonds: r.bonds,
      permits: r.new_validator_permit,
      lastUpdate,
      lastStep: block,
    });
    return out;
  };
}

/**
 * The fast epoch fed directly with typed arrays (the fields `toFastInput` would produce from the
 * exact input, without building that input) and read directly from its typed-array output.
 */
function yumaEpochFast(opts: YumaEpochOptions): EpochFn {
  const memory = new Map<number, FastMemory>();
  const hyper = { ...DEFAULT_HYPERPARAMETERS, ...opts.hyperparameters };
  const activityCutoff = Number(opts.activityCutoff ?? 5000n);
  const stakeThreshold = Number(opts.stakeThreshold ?? 0n);
  const maxAllowedValidators = opts.maxAllowedValidators ?? NEW_SUBNET_MAX_VALIDATORS;
  const noCommits = new Map<number, Float64Array>();
  return ({ state, subnet, block, raoEmission }) => {
    const n = subnet.uids.length;
    const netuid = subnet.netuid;
    const mem = memory.get(netuid);
    const now = Number(block);
    const weights = opts.weights(subnet, block);
    const lastUpdate = new Float64Array(n);
    const blockAtRegistration = new Float64Array(n);
    const alphaStake = new Float64Array(n);
    const taoStake = new Float64Array(n);
    for (let uid = 0; uid < n; uid++) {
      const hk = subnet.uids[uid] as string;
      lastUpdate[uid] = (weights[uid]?.length ?? 0) > 0 ? now : (mem?.lastUpdate[uid] ?? 0);
      blockAtRegistration[uid] = Number(subnet.blockAtRegistration[uid] ?? 0n);
      alphaStake[uid] = Number(hotkeyStake(state, hk, netuid));
      taoStake[uid] = Number(hotkeyStake(state, hk, 0));
    }
    let commitBlocks = noCommits.get(n);
    if (commitBlocks === undefined) {
      commitBlocks = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
      noCommits.set(n, commitBlocks);
    }
    const ownerUid = subnet.ownerHotkey === undefined ? -1 : subnet.uids.indexOf(subnet.ownerHotkey);
    const bonds =
      mem === undefined
        ? csrU16FromRows([], n)
        : mem.bonds.rows === n
          ? mem.bonds
          : csrU16FromRows(
              csrToRows(mem.bonds, (v) => v),
              n,
            );
    const input: FastEpochInput = {
      n,
      currentBlock: now,
      tempo: subnet.tempo,
      activityCutoff,
      lastMechanismStepBlock: mem?.lastStep ?? 0,
      lastUpdate,
      blockAtRegistration,
      alphaStake,
      taoStake,
      taoWeight: Number(state.params.taoWeightRaw) / 2 ** 64,
      stakeThreshold,
      ownerUid,
      validatorPermit: mem?.permits ?? new Uint8Array(0),
      maxAllowedValidators,
      weights: csrU16FromRows(weights, n),
      bonds,
      kappa: hyper.kappa,
      bondsPenalty: hyper.bonds_penalty,
      bondsMovingAverage: Number(hyper.bonds_moving_average),
      yuma3: hyper.yuma3,
      liquidAlpha: hyper.liquid_alpha,
      alphaLow: hyper.alpha_low,
      alphaHigh: hyper.alpha_high,
      alphaSigmoidSteepness: hyper.alpha_sigmoid_steepness,
      commitRevealEnabled: false,
      commitBlocks,
      raoEmission: Number(raoEmission),
    };
    const r = epochFastArrays(input);
    const rao = (x: number | undefined) => (x === undefined || !(x > 0) ? 0n : BigInt(Math.floor(x)));
    const out: HotkeyEmission[] = new Array(n);
    for (let uid = 0; uid < n; uid++)
      out[uid] = {
        hotkey: subnet.uids[uid] as string,
        incentive: rao(r.serverEmission[uid]),
        dividend: rao(r.validatorEmission[uid]),
      };
    // Permits may live in scratch buffers reused by the next epoch: keep a copy.
    memory.set(netuid, { bonds: r.bonds, permits: r.newValidatorPermit.slice(), lastUpdate, lastStep: now });
    return out;
  };
}
