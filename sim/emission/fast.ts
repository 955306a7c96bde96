import { InvalidInputError } from "../errors.ts";
import { U64_MAX } from "../fixed/fixed.ts";
import { PERQUINTILL_ONE } from "../fixed/perquintill.ts";
import { emissionEras, mintableEmission } from "./block_emission.ts";
import { drainSubnet } from "./coinbase.ts";
import {
  MAX_PRICE_RAO,
  MAX_SWAP_INPUT_RESERVE_MULTIPLIER,
  MAX_TAO_ISSUANCE,
  MAX_TEMPO,
  MINIMUM_RESERVE,
  RAO_PER_TAO,
} from "./constants.ts";
import { distributeEmission, type EpochRecord } from "./distribute.ts";
import type { EpochFn } from "./epoch.ts";
import { decayBurn } from "./registration_price.ts";
import { isEmitting } from "./split.ts";
import type { ChainState, SubnetState } from "./state.ts";

/**
 * Fast (float64) stepping for sweeps: `runFast(state, blocks, epochFn)` advances `blocks` blocks
 * without actions. The per-block path (block emission, split by EMA price, injection with the
 * root-proportion cap, chain buys on the balancer pool, owner cut and pending alpha, EMA prices)
 * runs in float64 over struct-of-arrays mirrors of all emitting subnets; amounts are floored
 * where the chain floors them. It is **not bit-exact**: pool weights and prices are doubles and the
 * pool's power function is `Math.pow`-based, so results drift from `step` by rounding only (the
 * unit test bounds the relative deviation of issuance, reserves and pending alpha at 1e-6 over 10k blocks;
 * values above 2^53 rao lose their last bits). Epochs run through `epochFn` (use `yumaEpoch({ mode:
 * "fast" })`) and the exact bigint distribution, on the subnet's state written back just before.
 * The bigint state is synchronised at every epoch (for that subnet) and at the end of the call;
 * the registration burn decays exactly.
 */
export interface FastRunReport {
  blocks: number;
  /** Number of epochs run. */
  epochs: number;
  /** TAO minted (before recycling of unspent credit), rao, rounded. */
  minted: bigint;
}

export interface FastRunOptions {
  /** Called with every epoch's record as it is distributed. */
  onEpoch?: (record: EpochRecord) => void;
}

const TWO32 = 2 ** 32;
const PQ = Number(PERQUINTILL_ONE);
const MAX_PRICE = Number(MAX_PRICE_RAO) / Number(RAO_PER_TAO);
const MIN_WEIGHT = 0.01;
const MAX_WEIGHT = 0.99;

/** Float mirrors of the emitting subnets (struct of arrays, index = position in `subnets`). */
interface Mirror {
  subnets: SubnetState[];
  tao: Float64Array;
  alphaIn: Float64Array;
  alphaOut: Float64Array;
  protocolAlpha: Float64Array;
  accountTao: Float64Array;
  /** Quote (TAO) weight as a fraction. */
  w2: Float64Array;
  ema: Float64Array;
  burned: Float64Array;
  pServer: Float64Array;
  pValidator: Float64Array;
  pRoot: Float64Array;
  pOwner: Float64Array;
}

const toF = (x: bigint): number => Number(x);
const toB = (x: number): bigint => BigInt(Math.max(0, Math.floor(x)));

function load(subnets: SubnetState[]): Mirror {
  const n = subnets.length;
  const f = () => new Float64Array(n);
  const m: Mirror = {
    subnets,
    tao: f(),
    alphaIn: f(),
    alphaOut: f(),
    protocolAlpha: f(),
    accountTao: f(),
    w2: f(),
    ema: f(),
    burned: f(),
    pServer: f(),
    pValidator: f(),
    pRoot: f(),
    pOwner: f(),
  };
  for (let i = 0; i < n; i++) loadOne(m, i);
  return m;
}

function loadOne(m: Mirror, i: number): void {
  const s = m.subnets[i] as SubnetState;
  m.tao[i] = toF(s.tao);
  m.alphaIn[i] = toF(s.alphaIn);
  m.alphaOut[i] = toF(s.alphaOut);
  m.protocolAlpha[i] = toF(s.protocolAlpha);
  m.accountTao[i] = toF(s.accountTao);
  m.w2[i] = toF(s.quoteParts) / PQ;
  m.ema[i] = s.mechanism === 0 ? 1 : toF(s.movingPrice) / TWO32;
  m.burned[i] = toF(s.minerBurned) / TWO32;
  m.pServer[i] = toF(s.pending.server);
  m.pValidator[i] = toF(s.pending.validator);
  m.pRoot[i] = toF(s.pending.root);
  m.pOwner[i] = toF(s.pending.ownerCut);
}

function storeOne(m: Mirror, i: number): void {
  const s = m.subnets[i] as SubnetState;
  s.tao = toB(m.tao[i] as number);
  s.alphaIn = toB(m.alphaIn[i] as number);
  s.alphaOut = toB(m.alphaOut[i] as number);
  s.protocolAlpha = toB(m.protocolAlpha[i] as number);
  s.accountTao = toB(m.accountTao[i] as number);
  s.quoteParts = BigInt(Math.round((m.w2[i] as number) * PQ));
  if (s.mechanism !== 0) s.movingPrice = toB((m.ema[i] as number) * TWO32);
  s.pending = {
    server: toB(m.pServer[i] as number),
    validator: toB(m.pValidator[i] as number),
    root: toB(m.pRoot[i] as number),
    ownerCut: toB(m.pOwner[i] as number),
  };
}

/** Float era table of the emission curve. */
const eraEnds = (): { ends: number[]; emissions: number[] } => {
  const eras = emissionEras();
  return { ends: eras.map((e) => Number(e.end)), emissions: eras.map((e) => Number(e.emission)) };
};

function emissionFor(issuance: number, ends: number[], emissions: number[]): number {
  for (let k = 0; k < ends.length; k++) if (issuance < (ends[k] as number)) return emissions[k] as number;
  return 0;
}

export function runFast(
  state: ChainState,
  blocks: number,
  epochFn: EpochFn,
  opts: FastRunOptions = {},
): FastRunReport {
  if (!Number.isSafeInteger(blocks) || blocks < 0)
    throw new InvalidInputError("blocks", `not a block count: ${blocks}`, "an integer >= 0");
  const all: SubnetState[] = [];
  for (const netuid of state.netuids) if (netuid !== 0) all.push(state.subnets.get(netuid) as SubnetState);
  const subnets = all.filter(isEmitting);
  const n = subnets.length;
  const m = load(subnets);
  const { ends, emissions } = eraEnds();
  const params = state.params;
  const tw = Number(params.taoWeightRaw) / Number(U64_MAX);
  const cutFraction = params.subnetOwnerCutU16 / 65535;
  const a0 = Number(params.subnetMovingAlpha) / TWO32;
  const root = state.subnets.get(0);
  const startCall = subnets.map((s) =>
    s.firstEmissionBlock === undefined || s.firstEmissionBlock === 0n ? 0 : Number(s.firstEmissionBlock) - 1,
  );
  const halving = subnets.map((s) => Number(s.emaPriceHalvingBlocks));
  const enabled = subnets.map((s) => s.emissionEnabled);
  const hasDisabled = enabled.some((e) => !e);
  const stable = subnets.map((s) => s.mechanism === 0);
  const share = new Float64Array(n);
  const taoInA = new Float64Array(n);
  const alphaInA = new Float64Array(n);
  const excessA = new Float64Array(n);
  const alphaEmA = new Float64Array(n);
  let issuance = toF(state.totalIssuance);
  let recycled = 0;
  let totalStake = 0;
  let minted = 0n;
  let epochCount = 0;
  // Mirror index of each subnet in chain (netuid) order, -1 for the non-emitting ones.
  const mirrorIndex = all.map((s) => subnets.indexOf(s));
  // Epoch schedules of every subnet as numbers (block numbers stay far below 2^53).
  const tempo = all.map((s) => s.tempo);
  const sinceStep = Float64Array.from(all, (s) => Number(s.blocksSinceLastStep));
  const lastEpoch = Float64Array.from(all, (s) => Number(s.lastEpochBlock));
  const pendingAt = Float64Array.from(all, (s) => Number(s.pendingEpochAt));
  const storeSchedule = (k: number): void => {
    const s = all[k] as SubnetState;
    s.blocksSinceLastStep = BigInt(sinceStep[k] as number);
    s.lastEpochBlock = BigInt(lastEpoch[k] as number);
    s.pendingEpochAt = BigInt(pendingAt[k] as number);
  };

  for (let b = 0; b < blocks; b++) {
    state.block += 1n;
    const block = Number(state.block);
    for (const s of all)
      if (s.burn !== s.minBurn) s.burn = decayBurn(s.burn, state.block, s.burnHalfLife, s.minBurn, s.maxBurn);
    // Block emission: exact on the (rounded) issuance, capped at the maximum supply.
    const emission =
      issuance < Number(MAX_TAO_ISSUANCE) ? Number(mintableEmission(BigInt(Math.round(issuance)))) : 0;
    issuance += emission;
    minted += BigInt(emission);

    // Split by EMA price × (1 − MinerBurned), disabled subnets renormalised out.
    let priceSum = 0;
    for (let i = 0; i < n; i++) priceSum += m.ema[i] as number;
    let weightSum = 0;
    for (let i = 0; i < n; i++) {
      const burned = m.burned[i] as number;
      const w = (priceSum > 0 ? (m.ema[i] as number) / priceSum : 0) * (1 - (burned < 1 ? burned : 1));
      share[i] = w;
      weightSum += w;
    }
    if (weightSum > 0) for (let i = 0; i < n; i++) share[i] = (share[i] as number) / weightSum;
    else for (let i = 0; i < n; i++) share[i] = priceSum > 0 ? (m.ema[i] as number) / priceSum : 0;
    if (hasDisabled) {
      let enabledSum = 0;
      for (let i = 0; i < n; i++) if (enabled[i]) enabledSum += share[i] as number;
      for (let i = 0; i < n; i++)
        share[i] = enabled[i] && enabledSum > 0 ? (share[i] as number) / enabledSum : 0;
    }
    const rootSell = priceSum > 1;

    // get_subnet_terms
    const weighted = toF(root?.tao ?? 0n) * tw;
    for (let i = 0; i < n; i++) {
      const e = emission * (share[i] as number);
      const aIn = m.alphaIn[i] as number;
      const alphaEmission = emissionFor(aIn + (m.alphaOut[i] as number), ends, emissions);
      const w2 = m.w2[i] as number;
      const price = stable[i] ? 1 : aIn === 0 ? 0 : ((1 - w2) / w2) * ((m.tao[i] as number) / aIn);
      let taoIn = e;
      let alphaIn = price === 0 ? 0 : e / price;
      const rp = weighted / (weighted + aIn + (m.alphaOut[i] as number));
      const cap = rp * alphaEmission;
      if (alphaIn > cap) {
        alphaIn = cap;
        taoIn = alphaIn * price;
      }
      taoInA[i] = Math.floor(taoIn);
      alphaInA[i] = Math.floor(alphaIn);
      excessA[i] = Math.floor(e - taoIn);
      alphaEmA[i] = alphaEmission;
    }

    // inject_and_maybe_swap
    let remaining = emission;
    for (let i = 0; i < n; i++) {
      const taoIn = taoInA[i] as number;
      const alphaIn = alphaInA[i] as number;
      const excess = excessA[i] as number;
      const tao = m.tao[i] as number;
      const alpha = m.alphaIn[i] as number;
      const w2 = m.w2[i] as number;
      // update_weights_for_added_liquidity: the weight keeping the price unchanged.
      const q1 = (1 - w2) * tao * (alpha + alphaIn);
      const q2 = w2 * alpha * (tao + taoIn);
      const next = q1 + q2 !== 0 ? q2 / (q1 + q2) : 0.5;
      const allowed = next >= MIN_WEIGHT && next <= MAX_WEIGHT;
      if (allowed) m.w2[i] = next;
      if (excess > 0 && remaining >= excess) {
        remaining -= excess;
        const out = chainBuy(m, i, stable[i] as boolean, excess);
        if (out < 0) m.accountTao[i] = (m.accountTao[i] as number) + excess;
        else {
          m.tao[i] = (m.tao[i] as number) + excess;
          m.alphaIn[i] = Math.max(0, (m.alphaIn[i] as number) - out);
          m.alphaOut[i] = (m.alphaOut[i] as number) + out;
          m.protocolAlpha[i] = (m.protocolAlpha[i] as number) + out;
          totalStake += excess;
        }
      }
      if (allowed) m.alphaIn[i] = (m.alphaIn[i] as number) + alphaIn;
      if (allowed && taoIn > 0 && remaining >= taoIn) {
        remaining -= taoIn;
        m.tao[i] = (m.tao[i] as number) + taoIn;
        totalStake += taoIn;
      }
    }
    if (remaining > 0) {
      issuance -= remaining;
      recycled += remaining;
    }

    // alpha out, owner cut, pending
    for (let i = 0; i < n; i++) {
      const s = subnets[i] as SubnetState;
      let alphaOut = alphaEmA[i] as number;
      m.alphaOut[i] = (m.alphaOut[i] as number) + alphaOut;
      if (s.ownerCutEnabled) {
        const cut = alphaOut * cutFraction;
        alphaOut -= cut;
        m.pOwner[i] = (m.pOwner[i] as number) + Math.floor(cut);
      }
      const rp = weighted / (weighted + (m.alphaIn[i] as number) + (m.alphaOut[i] as number));
      const rootAlpha = (rp * alphaOut) / 2;
      const server = alphaOut / 2;
      m.pServer[i] = (m.pServer[i] as number) + Math.floor(server);
      m.pValidator[i] = (m.pValidator[i] as number) + Math.floor(alphaOut - server - rootAlpha);
      if (rootSell) m.pRoot[i] = (m.pRoot[i] as number) + Math.floor(rootAlpha);
      else m.alphaOut[i] = Math.max(0, (m.alphaOut[i] as number) - Math.floor(rootAlpha));
    }

    // drain_pending: epochs of due subnets, on their synchronised bigint state.
    let run = 0;
    for (let k = 0; k < all.length; k++) {
      const since = (sinceStep[k] as number) + 1;
      sinceStep[k] = since;
      // should_run_epoch, on the number mirrors (see `shouldRunEpoch`).
      const t = tempo[k] as number;
      const at = pendingAt[k] as number;
      const due =
        t !== 0 && ((at > 0 && block >= at) || since > MAX_TEMPO || block - (lastEpoch[k] as number) >= t);
      if (!due) continue;
      if (run >= params.maxEpochsPerBlock) {
        pendingAt[k] = block + 1;
        continue;
      }
      run++;
      const s = all[k] as SubnetState;
      const i = mirrorIndex[k] as number;
      if (i >= 0) storeOne(m, i);
      storeSchedule(k);
      state.totalIssuance = toB(issuance);
      const pending = drainSubnet(s, state.block);
      sinceStep[k] = 0;
      lastEpoch[k] = block;
      pendingAt[k] = 0;
      const raoEmission = pending.server + pending.validator + pending.root;
      const record = distributeEmission(
        state,
        s,
        pending,
        epochFn({ state, subnet: s, block: state.block, raoEmission }),
      );
      epochCount++;
      opts.onEpoch?.(record);
      if (i >= 0) {
        // The distribution moves alpha out (recycling) and sets MinerBurned; pending is now zero.
        m.alphaOut[i] = toF(s.alphaOut);
        m.burned[i] = toF(s.minerBurned) / TWO32;
        m.pServer[i] = 0;
        m.pValidator[i] = 0;
        m.pRoot[i] = 0;
        m.pOwner[i] = 0;
      }
    }

    // EMA prices: α = a0 · b/(b + h), spot capped at 1.
    for (let i = 0; i < n; i++) {
      if (stable[i]) continue;
      const bl = block > (startCall[i] as number) ? block - (startCall[i] as number) : 0;
      const alpha = (a0 * bl) / (bl + (halving[i] as number));
      const aIn = m.alphaIn[i] as number;
      const w2 = m.w2[i] as number;
      const spot = aIn === 0 ? 0 : ((1 - w2) / w2) * ((m.tao[i] as number) / aIn);
      // Stored as I96F32: the chain truncates to 32 fraction bits every block (a drift of up to
      // 2^-32 per block that is not negligible against small prices).
      m.ema[i] =
        Math.floor((alpha * (spot < 1 ? spot : 1) + (1 - alpha) * (m.ema[i] as number)) * TWO32) / TWO32;
    }
  }

  for (let i = 0; i < n; i++) storeOne(m, i);
  for (let k = 0; k < all.length; k++) storeSchedule(k);
  state.totalIssuance = toB(issuance);
  state.recycledTao += toB(recycled);
  state.totalStake += toB(totalStake);
  return { blocks, epochs: epochCount, minted };
}

/**
 * A fee-free chain buy of `dy` TAO (`quoteSwap` with dropped fees and the maximum limit): alpha out,
 * or −1 when the chain would refuse the swap (the TAO then stays on the subnet account).
 */
function chainBuy(m: Mirror, i: number, stable: boolean, dy: number): number {
  const tao = m.tao[i] as number;
  const alpha = m.alphaIn[i] as number;
  if (stable) return dy;
  if (dy > tao * Number(MAX_SWAP_INPUT_RESERVE_MULTIPLIER) || alpha < Number(MINIMUM_RESERVE)) return -1;
  const w2 = m.w2[i] as number;
  const w1 = 1 - w2;
  if (alpha === 0 || (w1 / w2) * (tao / alpha) >= MAX_PRICE) return -1;
  // x · (1 − (y/(y+dy))^(w2/w1)), with expm1/log1p for the small ratios of a block's emission.
  const out = Math.floor(alpha * -Math.expm1((w2 / w1) * Math.log1p(-dy / (tao + dy))));
  if (dy !== 0 && out <= 0) return -1;
  return out > alpha ? -1 : out;
}
