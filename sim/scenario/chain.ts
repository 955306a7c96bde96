import type { EpochInput as EngineEpochInput, HotkeyEmission } from "../emission/epoch.ts";
import { registerNeuron } from "../emission/registration.ts";
import { increaseStakeFor, stakeOf } from "../emission/stakes.ts";
import { addStake, removeStake } from "../emission/staking.ts";
import { addSubnet, type ChainState, createState, newSubnet, registerHotkey } from "../emission/state.ts";
import { step } from "../emission/step.ts";
import { poolPrice } from "../emission/swap.ts";
import { PlexusError } from "../errors.ts";
import { I96F32 } from "../fixed/fixed.ts";
import { fromFloat } from "../fixed/float.ts";
import { decodeState, encodeState } from "./codec.ts";
import type { Economy, EconomyFactory, EconomyInit, EpochHook, PoolView } from "./economy.ts";

/**
 * The scenario economy over sim/emission: the chain-exact block stepper (halving, EMA-price split,
 * injection, Balancer pools with fees, share pools, burned registration). Agents' coldkeys are
 * funded from outside the network before each purchase (their TAO comes from elsewhere).
 */
interface AdapterState {
  chain: ChainState;
  lastBlockEmission: bigint;
  /** TAO emitted into each subnet so far (rao), by netuid. */
  taoEmitted: Map<number, bigint>;
}

const TWO_64 = 2 ** 64;
const TWO_32 = 2 ** 32;

class ChainEconomy implements Economy {
  constructor(private readonly s: AdapterState) {}

  get block(): number {
    return Number(this.s.chain.block);
  }
  get totalIssuance(): bigint {
    return this.s.chain.totalIssuance;
  }
  get lastBlockEmission(): bigint {
    return this.s.lastBlockEmission;
  }

  pool(netuid: number): PoolView {
    const sub = this.s.chain.subnets.get(netuid)!;
    return {
      taoReserve: sub.tao,
      alphaIn: sub.alphaIn,
      alphaOut: sub.alphaOut,
      price: Number(poolPrice(sub)) / TWO_64,
      movingPrice: Number(sub.movingPrice) / TWO_32,
      burn: sub.burn,
      taoEmitted: this.s.taoEmitted.get(netuid) ?? 0n,
    };
  }

  stakeOf(netuid: number, hotkey: string, coldkey: string): bigint {
    return stakeOf(this.s.chain, hotkey, coldkey, netuid);
  }

  /** Gives `coldkey` exactly enough free TAO for a purchase of `tao`. */
  private fund(coldkey: string, tao: bigint): void {
    const bal = this.s.chain.balances.get(coldkey) ?? 0n;
    if (bal < tao) this.s.chain.balances.set(coldkey, tao);
  }

  private attempt<T>(fn: () => T): T | null {
    try {
      return fn();
    } catch (err) {
      // The chain refuses (too small, too little liquidity, full subnet…): the agent's action is a no-op.
      if (err instanceof PlexusError) return null;
      throw err;
    }
  }

  addStake(netuid: number, hotkey: string, coldkey: string, tao: bigint): bigint {
    this.fund(coldkey, tao);
    return this.attempt(() => addStake(this.s.chain, coldkey, hotkey, netuid, tao).alphaCredited) ?? 0n;
  }

  removeStake(netuid: number, hotkey: string, coldkey: string, alpha: bigint): bigint {
    return this.attempt(() => removeStake(this.s.chain, coldkey, hotkey, netuid, alpha).taoToColdkey) ?? 0n;
  }

  burnRegister(netuid: number, hotkey: string): { uid: number; burn: bigint } | null {
    this.fund(hotkey, this.s.chain.subnets.get(netuid)!.burn);
    return this.attempt(() => registerNeuron(this.s.chain, hotkey, hotkey, netuid));
  }

  step(hook: EpochHook): void {
    const report = step(
      this.s.chain,
      [],
      (x: EngineEpochInput): HotkeyEmission[] =>
        hook(x.subnet.netuid, x.raoEmission, Number(x.block)).map((p) => ({
          hotkey: p.hotkey,
          incentive: p.server,
          dividend: p.validator,
        })),
      { trace: true },
    );
    this.s.lastBlockEmission = report.blockEmission;
    for (const t of report.coinbase?.terms ?? [])
      this.s.taoEmitted.set(t.netuid, (this.s.taoEmitted.get(t.netuid) ?? 0n) + (t.taoEmission >> 32n));
  }

  snapshot(): unknown {
    return encodeState(this.s);
  }
}

function create(init: EconomyInit): Economy {
  const chain = createState({ totalIssuance: init.totalIssuance });
  chain.subnets.get(0)!.tao = init.rootTao;
  chain.params.taoWeightRaw = BigInt(Math.floor(init.taoWeight * 2 ** 53)) << 11n;
  for (const s of init.subnets) {
    addSubnet(
      chain,
      newSubnet(s.netuid, {
        tempo: s.tempo,
        tao: s.taoReserve,
        alphaIn: s.alphaIn,
        alphaOut: s.alphaOut,
        movingPrice: fromFloat(I96F32, s.movingPrice),
        emissionEnabled: s.emissionEnabled,
        burn: s.burn,
        maxUids: s.maxUids,
        immunityPeriod: BigInt(s.immunityPeriod),
        // The subnet has started (start_call) at genesis.
        firstEmissionBlock: 1n,
      }),
    );
    const sub = chain.subnets.get(s.netuid)!;
    for (const hotkey of s.neurons) {
      registerHotkey(chain, hotkey, hotkey);
      sub.uids.push(hotkey);
      sub.blockAtRegistration.push(0n);
      sub.uidEmission.push(0n);
    }
  }
  for (const st of init.stakes) {
    registerHotkey(chain, st.hotkey, st.hotkey);
    increaseStakeFor(chain, st.hotkey, st.coldkey, st.netuid, st.alpha);
  }
  return new ChainEconomy({ chain, lastBlockEmission: 0n, taoEmitted: new Map() });
}

/** Economies backed by the chain-exact emission engine (sim/emission). */
export const chainEconomies: EconomyFactory = {
  create,
  restore: (snapshot) => new ChainEconomy(decodeState(snapshot) as AdapterState),
};
