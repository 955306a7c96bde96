import { InvalidInputError, PlexusError } from "../errors.ts";
import { mintableEmission } from "./block_emission.ts";
import { type CoinbaseTrace, runCoinbase } from "./coinbase.ts";
import type { EpochRecord } from "./distribute.ts";
import type { EpochFn } from "./epoch.ts";
import { StakeError } from "./errors.ts";
import { updateMovingPrice } from "./moving_price.ts";
import { registerNetwork, registerNeuron, startCall } from "./registration.ts";
import { decayBurn } from "./registration_price.ts";
import { isEmitting } from "./split.ts";
import { addStake, moveStake, removeStake } from "./staking.ts";
import { balanceOf, type ChainState, type SubnetState } from "./state.ts";

/**
 * The block stepper: one call = one block. Order as in `block_step` (coinbase/block_step.rs), then
 * the block's extrinsics:
 *   1. registration burn decay for every subnet;
 *   2. block emission minted (TotalIssuance += emission, capped at the maximum supply);
 *   3. `run_coinbase`: split, injection, pending alpha, due epochs via `epochFn`, distribution;
 *   4. EMA (moving) prices of emitting subnets updated;
 *   5. `actions` applied in order (each either succeeds or leaves the state unchanged).
 */
export type Action =
  | { type: "transfer"; from: string; to: string; tao: bigint }
  | {
      type: "add_stake";
      coldkey: string;
      hotkey: string;
      netuid: number;
      tao: bigint;
      limitPriceRao?: bigint;
    }
  | {
      type: "remove_stake";
      coldkey: string;
      hotkey: string;
      netuid: number;
      alpha: bigint;
      limitPriceRao?: bigint;
    }
  | {
      type: "move_stake";
      coldkey: string;
      from: { hotkey: string; netuid: number };
      to: { hotkey: string; netuid: number };
      alpha: bigint;
    }
  | { type: "register_neuron"; coldkey: string; hotkey: string; netuid: number }
  | { type: "register_network"; coldkey: string; hotkey: string }
  | { type: "start_call"; netuid: number }
  | { type: "set_emission_enabled"; netuid: number; enabled: boolean };

export interface ActionOutcome {
  action: Action;
  ok: boolean;
  /** Stable error code when the chain would reject the action. */
  error?: string;
  /** uid for neuron registrations, netuid for network registrations. */
  id?: number;
}

export interface BlockReport {
  block: bigint;
  blockEmission: bigint;
  epochs: EpochRecord[];
  actions: ActionOutcome[];
  /** Per-subnet injection details; only with `{ trace: true }`. */
  coinbase?: CoinbaseTrace;
}

export interface StepOptions {
  /** Collect the injection terms of every subnet (slower; for reports and conformance). */
  trace?: boolean;
  /** Skip the burn decay (the multi-block vectors do not run it). */
  skipBurnDecay?: boolean;
}

export function step(
  state: ChainState,
  actions: readonly Action[],
  epochFn: EpochFn,
  opts: StepOptions = {},
): BlockReport {
  state.block += 1n;
  if (!opts.skipBurnDecay) {
    for (const netuid of state.netuids) {
      if (netuid === 0) continue;
      const s = state.subnets.get(netuid) as SubnetState;
      s.burn = decayBurn(s.burn, state.block, s.burnHalfLife, s.minBurn, s.maxBurn);
    }
  }
  const emission = mintableEmission(state.totalIssuance);
  state.totalIssuance += emission;
  const { epochs, trace } = runCoinbase(state, emission, epochFn, opts.trace ?? false);
  for (const netuid of state.netuids) {
    const s = state.subnets.get(netuid) as SubnetState;
    if (isEmitting(s)) updateMovingPrice(state, s);
  }
  const outcomes = actions.map((a) => applyAction(state, a));
  return {
    block: state.block,
    blockEmission: emission,
    epochs,
    actions: outcomes,
    ...(trace ? { coinbase: trace } : {}),
  };
}

/** Applies one extrinsic; a rejected one (a PlexusError) is reported and changes nothing. */
export function applyAction(state: ChainState, action: Action): ActionOutcome {
  try {
    switch (action.type) {
      case "transfer": {
        if (action.tao < 0n) throw new InvalidInputError("tao", "negative transfer", ">= 0");
        if (balanceOf(state, action.from) < action.tao) {
          throw new StakeError("InsufficientBalance", `${action.from} cannot pay ${action.tao}`);
        }
        state.balances.set(action.from, balanceOf(state, action.from) - action.tao);
        state.balances.set(action.to, balanceOf(state, action.to) + action.tao);
        return { action, ok: true };
      }
      case "add_stake":
        addStake(state, action.coldkey, action.hotkey, action.netuid, action.tao, {
          limitPriceRao: action.limitPriceRao,
        });
        return { action, ok: true };
      case "remove_stake":
        removeStake(state, action.coldkey, action.hotkey, action.netuid, action.alpha, {
          limitPriceRao: action.limitPriceRao,
        });
        return { action, ok: true };
      case "move_stake":
        moveStake(state, action.coldkey, action.from, action.to, action.alpha);
        return { action, ok: true };
      case "register_neuron":
        return {
          action,
          ok: true,
          id: registerNeuron(state, action.coldkey, action.hotkey, action.netuid).uid,
        };
      case "register_network":
        return { action, ok: true, id: registerNetwork(state, action.coldkey, action.hotkey) };
      case "start_call":
        startCall(state, action.netuid);
        return { action, ok: true };
      case "set_emission_enabled": {
        const s = state.subnets.get(action.netuid);
        if (s === undefined) throw new InvalidInputError("netuid", `subnet ${action.netuid} does not exist`);
        s.emissionEnabled = action.enabled;
        return { action, ok: true };
      }
    }
  } catch (err) {
    if (err instanceof PlexusError) return { action, ok: false, error: err.code };
    throw err;
  }
}
