import { MAX_TEMPO } from "./constants.ts";
import { distributeEmission, type EpochRecord } from "./distribute.ts";
import type { EpochFn } from "./epoch.ts";
import { emitToSubnets, type InjectionTerms } from "./injection.ts";
import { emissionShares, isEmitting, rootSellFlag, subnetTaoEmissions } from "./split.ts";
import type { ChainState, Pending, SubnetState } from "./state.ts";

/**
 * `run_coinbase` (coinbase/run_coinbase.rs): split the block's minted TAO across emitting subnets,
 * inject it, accumulate pending alpha, then drain and distribute the subnets whose epoch is due.
 */
export interface CoinbaseTrace {
  emitting: number[];
  /** U64F64 share per emitting subnet, before the disabled-subnet renormalisation. */
  shares: bigint[];
  rootSell: boolean;
  unspentCredit: bigint;
  terms: InjectionTerms[];
}

/** `should_run_epoch` (stateful scheduler at HEAD). */
export function shouldRunEpoch(subnet: SubnetState, block: bigint): boolean {
  if (subnet.tempo === 0) return false;
  if (subnet.pendingEpochAt > 0n && block >= subnet.pendingEpochAt) return true;
  if (subnet.blocksSinceLastStep > BigInt(MAX_TEMPO)) return true;
  return block - subnet.lastEpochBlock >= BigInt(subnet.tempo);
}

/** `drain_pending`: advances schedules, returns the pending alpha of subnets whose epoch runs. */
function drainPending(state: ChainState, subnets: readonly SubnetState[]): Array<[SubnetState, Pending]> {
  const block = state.block;
  const out: Array<[SubnetState, Pending]> = [];
  for (const s of subnets) {
    s.blocksSinceLastStep += 1n;
    if (!shouldRunEpoch(s, block)) continue;
    if (out.length >= state.params.maxEpochsPerBlock) {
      s.pendingEpochAt = block + 1n;
      continue;
    }
    out.push([s, drainSubnet(s, block)]);
  }
  return out;
}

/** The part of `drain_pending` for one subnet whose epoch runs now: takes its pending alpha. */
export function drainSubnet(s: SubnetState, block: bigint): Pending {
  const pending = s.pending;
  s.blocksSinceLastStep = 0n;
  s.pending = { server: 0n, validator: 0n, root: 0n, ownerCut: 0n };
  s.lastEpochBlock = block;
  s.pendingEpochAt = 0n;
  s.epochIndex += 1n;
  return pending;
}

export function runCoinbase(
  state: ChainState,
  credit: bigint,
  epochFn: EpochFn,
  wantTrace: boolean,
): { epochs: EpochRecord[]; trace: CoinbaseTrace | undefined } {
  const subnets: SubnetState[] = [];
  for (const netuid of state.netuids)
    if (netuid !== 0) subnets.push(state.subnets.get(netuid) as SubnetState);
  const emitting = subnets.filter(isEmitting);
  const shares = emissionShares(emitting);
  const taoEmissions = subnetTaoEmissions(emitting, shares, credit);
  const rootSell = rootSellFlag(emitting);
  const { terms, unspentCredit } = emitToSubnets(state, emitting, taoEmissions, credit, rootSell, wantTrace);
  const epochs: EpochRecord[] = [];
  for (const [subnet, pending] of drainPending(state, subnets)) {
    const raoEmission = pending.server + pending.validator + pending.root;
    const hotkeyEmission = epochFn({ state, subnet, block: state.block, raoEmission });
    epochs.push(distributeEmission(state, subnet, pending, hotkeyEmission));
  }
  const trace = wantTrace
    ? { emitting: emitting.map((s) => s.netuid), shares, rootSell, unspentCredit, terms }
    : undefined;
  return { epochs, trace };
}
