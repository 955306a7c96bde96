import type { EpochInput, SparseU16, YumaVariantName } from "../yuma/types.ts";
import { YUMA_VARIANTS } from "../yuma/types.ts";
import type { EpochFn } from "./epoch.ts";
import { ScenarioInputError } from "./errors.ts";
import { floatWeightsToU16 } from "./weights.ts";

/**
 * The named synthetic cases of the yuma-simulation research package, run through the chain's epoch:
 * float weights/stakes are turned into what the chain would store (u16 weights max-upscaled as
 * `set_weights` does, stake in rao), and bonds and validator permits are carried between epochs.
 */
export interface YumaCase {
  name: string;
  validators: string[];
  servers: string[];
  base_validator: string;
  num_epochs: number;
  reset_bonds: boolean;
  reset_bonds_index: number | null;
  reset_bonds_epoch: number | null;
  config_overrides: Record<string, unknown>;
  /** [epoch][validator][server] float weights. */
  weights_epochs: number[][][];
  /** [epoch][validator] float stakes. */
  stakes_epochs: number[][];
}

/** Case variants: three chain-exact Yuma settings and the float64 fast mode (Yuma3 settings). */
export const CASE_VARIANTS = ["yuma2", "yuma3", "yuma3-liquid", "fast"] as const;
export type CaseVariant = (typeof CASE_VARIANTS)[number];

/** Blocks between epochs in the case runs (the default tempo); only the spacing matters. */
export const CASE_TEMPO = 360;
/** Total stake the float stakes are scaled to: 1e6 alpha in rao. */
export const CASE_TOTAL_STAKE_RAO = 1_000_000_000_000_000;
/** Alpha (rao) each epoch distributes: 1 alpha. */
export const CASE_EPOCH_EMISSION_RAO = 1_000_000_000;

/** One epoch of one case under one variant. */
export interface CaseEpoch {
  epoch: number;
  /** Dividend share per validator (normalised dividends, sums to 1 when any weight counts). */
  dividends: number[];
  /** Validator emission per validator, rao. */
  validatorEmission: bigint[];
  /** Incentive per server. */
  incentive: number[];
  /** Bond of each validator to each server as stored (u16 / 65535). */
  bonds: number[][];
}

export interface CaseResult {
  name: string;
  variant: CaseVariant;
  validators: string[];
  servers: string[];
  epochs: CaseEpoch[];
  /** Σ over epochs of each validator's dividend share (the number researchers quote). */
  totalDividends: number[];
  /** Config overrides of the original case the chain has no equivalent for (e.g. winner_takes_all). */
  ignoredOverrides: string[];
}

/** Float stakes → rao, scaled so that a stake of 1.0 is `CASE_TOTAL_STAKE_RAO`. */
export function floatStakeToRao(stake: number): number {
  return Math.round(Math.max(0, stake) * CASE_TOTAL_STAKE_RAO);
}

function checkCase(c: YumaCase, where: string): void {
  const v = c.validators.length;
  const s = c.servers.length;
  if (c.weights_epochs.length < c.num_epochs || c.stakes_epochs.length < c.num_epochs)
    throw new ScenarioInputError(`${where}.num_epochs`, "more epochs than weights/stakes given");
  c.weights_epochs.forEach((e, k) => {
    if (e.length !== v || e.some((r) => r.length !== s))
      throw new ScenarioInputError(`${where}.weights_epochs[${k}]`, `expected ${v} rows of ${s} weights`);
  });
}

/** Runs one case under one variant with the given epoch function (exact or fast). */
export function runCase(c: YumaCase, variant: CaseVariant, epoch: EpochFn, where = "case"): CaseResult {
  checkCase(c, where);
  const v = c.validators.length;
  const s = c.servers.length;
  const n = v + s;
  const hp = YUMA_VARIANTS[(variant === "fast" ? "yuma3" : variant) as YumaVariantName];
  let bonds: SparseU16 = Array.from({ length: n }, () => []);
  // Validators start permitted, as in a network that has run before; servers hold no stake.
  let permits = Array.from({ length: n }, (_, i) => i < v);
  const registered = new Array<number>(n).fill(0);
  let lastStep = 0;
  const epochs: CaseEpoch[] = [];
  const total = new Array<number>(v).fill(0);
  for (let e = 0; e < c.num_epochs; e++) {
    const block = (e + 1) * CASE_TEMPO;
    if (c.reset_bonds && c.reset_bonds_epoch === e && c.reset_bonds_index !== null) {
      // A re-registered server: the chain drops bonds to uids registered since the last epoch.
      registered[v + c.reset_bonds_index] = lastStep + 1;
    }
    const input: EpochInput = {
      n,
      current_block: block,
      tempo: CASE_TEMPO,
      activity_cutoff: 5000,
      last_mechanism_step_block: lastStep,
      last_update: Array.from({ length: n }, (_, i) => (i < v ? block : 0)),
      block_at_registration: registered.slice(),
      alpha_stake: Array.from({ length: n }, (_, i) => (i < v ? floatStakeToRao(c.stakes_epochs[e][i]) : 0)),
      tao_stake: new Array(n).fill(0),
      tao_weight: "0",
      stake_threshold: 0,
      owner_uid: null,
      validator_permit: permits,
      max_allowed_validators: 64,
      weights: Array.from({ length: n }, (_, i) =>
        i < v ? floatWeightsToU16(c.weights_epochs[e][i], v) : [],
      ),
      bonds,
      ...hp,
      commit_reveal_enabled: false,
      commit_blocks: new Array(n).fill(null),
      rao_emission: CASE_EPOCH_EMISSION_RAO,
    };
    const out = epoch(input);
    bonds = out.bonds;
    permits = out.newValidatorPermit;
    lastStep = block;
    const dividends = out.dividends.slice(0, v);
    dividends.forEach((d, i) => {
      total[i] += d;
    });
    epochs.push({
      epoch: e,
      dividends,
      validatorEmission: out.validatorEmission.slice(0, v),
      incentive: out.incentive.slice(v),
      bonds: Array.from({ length: v }, (_, i) => {
        const row = new Array<number>(s).fill(0);
        for (const [j, b] of out.bonds[i] ?? []) if (j >= v) row[j - v] = b / 65535;
        return row;
      }),
    });
  }
  return {
    name: c.name,
    variant,
    validators: c.validators,
    servers: c.servers,
    epochs,
    totalDividends: total,
    ignoredOverrides: Object.keys(c.config_overrides),
  };
}
