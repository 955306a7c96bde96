import {
  checkedDiv,
  convert,
  fromInt,
  safeDiv,
  saturatingAdd,
  saturatingMul,
  saturatingSub,
  toUintFloor,
  U16_MAX,
  U64_MAX,
  U64F64,
  U96F32,
} from "../fixed/fixed.ts";
import { fromFloat } from "../fixed/float.ts";
import { weightsForAddedLiquidity } from "./balancer.ts";
import { blockEmissionForIssuance } from "./block_emission.ts";
import { MAX_PRICE_RAO } from "./constants.ts";
import { SwapError } from "./errors.ts";
import type { ChainState, SubnetState } from "./state.ts";
import { poolPrice, quoteSwap } from "./swap.ts";

/**
 * Per-subnet injection of one block (coinbase/run_coinbase.rs `get_subnet_terms`,
 * `inject_and_maybe_swap`, `emit_to_subnets`): TAO and alpha added to the pool at the current price
 * (capped by root proportion × alpha emission), the excess TAO chain-buying alpha, then alpha out,
 * owner cut, and the server / validator / root pending accumulators.
 */
export interface InjectionTerms {
  netuid: number;
  /** U96F32 bits: the subnet's TAO emission, spot price, root proportion before and after. */
  taoEmission: bigint;
  price: bigint;
  rootProportionBefore: bigint;
  rootProportionAfter: bigint;
  /** Every other amount is rao (TAO or alpha), as floored by the chain. */
  alphaEmission: bigint;
  alphaInCapped: boolean;
  /** TAO and alpha actually injected (0 when the weight update was refused). */
  taoIn: bigint;
  alphaIn: bigint;
  excessTao: bigint;
  excessTaoSwappedIn: bigint;
  alphaBought: bigint;
  quotePartsAfter: bigint;
  alphaOut: bigint;
  ownerCut: bigint;
  pendingServerAdd: bigint;
  pendingValidatorAdd: bigint;
  rootAlpha: bigint;
}

const HALF_U96 = fromFloat(U96F32, 0.5);

export const taoWeightU96 = (state: ChainState): bigint =>
  safeDiv(U96F32, fromInt(U96F32, state.params.taoWeightRaw), fromInt(U96F32, U64_MAX));

/** `root_proportion`: (root TAO · w) / (root TAO · w + alpha issuance), U96F32. */
export function rootProportion(state: ChainState, subnet: SubnetState, tw = taoWeightU96(state)): bigint {
  const rootTao = state.subnets.get(0)?.tao ?? 0n;
  const weighted = saturatingMul(U96F32, fromInt(U96F32, rootTao), tw);
  const issuance = fromInt(U96F32, subnet.alphaIn + subnet.alphaOut);
  return checkedDiv(U96F32, weighted, saturatingAdd(U96F32, weighted, issuance)) ?? 0n;
}

const tou64 = (bits: bigint): bigint => toUintFloor(U96F32, bits, U64_MAX);

/**
 * Runs the injection for the emitting subnets in order and returns what each received. The credit
 * left over by flooring is recycled (issuance decreases); the minted block emission must already be
 * in `state.totalIssuance`.
 */
export function emitToSubnets(
  state: ChainState,
  subnets: readonly SubnetState[],
  taoEmissions: readonly bigint[],
  credit: bigint,
  rootSell: boolean,
): { terms: InjectionTerms[]; unspentCredit: bigint } {
  const tw = taoWeightU96(state);
  // --- get_subnet_terms (all subnets first, from the state before any injection)
  const bits: Array<{ taoIn: bigint; alphaIn: bigint; excess: bigint; alphaOut: bigint }> = [];
  const terms: InjectionTerms[] = subnets.map((s, i) => {
    const e = taoEmissions[i] as bigint;
    const alphaEmission = fromInt(U96F32, blockEmissionForIssuance(s.alphaIn + s.alphaOut));
    const price = convert(U64F64, U96F32, poolPrice(s));
    let taoIn = e;
    let alphaIn = price === 0n ? 0n : (checkedDiv(U96F32, e, price) ?? 0n);
    const rp = rootProportion(state, s, tw);
    const cap = saturatingMul(U96F32, rp, alphaEmission);
    const capped = alphaIn > cap;
    if (capped) {
      alphaIn = cap;
      taoIn = saturatingMul(U96F32, alphaIn, price);
    }
    bits.push({ taoIn, alphaIn, excess: saturatingSub(U96F32, e, taoIn), alphaOut: alphaEmission });
    return {
      netuid: s.netuid,
      taoEmission: e,
      price,
      alphaEmission: tou64(alphaEmission),
      rootProportionBefore: rp,
      alphaInCapped: capped,
      taoIn: 0n,
      alphaIn: 0n,
      excessTao: 0n,
      excessTaoSwappedIn: 0n,
      alphaBought: 0n,
      quotePartsAfter: s.quoteParts,
      alphaOut: 0n,
      ownerCut: 0n,
      rootProportionAfter: 0n,
      pendingServerAdd: 0n,
      pendingValidatorAdd: 0n,
      rootAlpha: 0n,
    };
  });

  // --- inject_and_maybe_swap
  let remaining = credit;
  subnets.forEach((s, i) => {
    const t = terms[i] as InjectionTerms;
    const b = bits[i] as (typeof bits)[number];
    const taoIn = tou64(b.taoIn);
    const alphaIn = tou64(b.alphaIn);
    const excess = tou64(b.excess);
    const newWeight = weightsForAddedLiquidity(s.quoteParts, s.tao, s.alphaIn, taoIn, alphaIn);
    const [injTao, injAlpha] = newWeight === undefined ? [0n, 0n] : [taoIn, alphaIn];
    if (newWeight !== undefined) s.quoteParts = newWeight;
    if (excess > 0n && remaining >= excess) {
      remaining -= excess;
      try {
        const q = quoteSwap(s, "tao_to_alpha", excess, MAX_PRICE_RAO, true);
        s.tao = q.taoAfter;
        s.alphaIn = q.alphaInAfter;
        s.alphaOut += q.paidOut;
        s.protocolAlpha += q.paidOut;
        state.totalStake += excess;
        // TAO spent to the subnet account but not taken by the pool stays on the account.
        s.accountTao += excess - q.paidIn;
        t.excessTaoSwappedIn = q.paidIn;
        t.alphaBought = q.paidOut;
      } catch (err) {
        if (!(err instanceof SwapError)) throw err;
        s.accountTao += excess;
      }
    }
    s.alphaIn += injAlpha;
    if (injTao > 0n && remaining >= injTao) {
      remaining -= injTao;
      s.tao += injTao;
      state.totalStake += injTao;
    }
    t.taoIn = injTao;
    t.alphaIn = injAlpha;
    t.excessTao = excess;
    t.quotePartsAfter = s.quoteParts;
  });
  if (remaining > 0n) {
    state.totalIssuance -= remaining;
    state.recycledTao += remaining;
  }

  // --- alpha out, owner cut, pending
  const cutPercent = safeDiv(
    U96F32,
    fromInt(U96F32, state.params.subnetOwnerCutU16),
    fromInt(U96F32, U16_MAX),
  );
  subnets.forEach((s, i) => {
    const t = terms[i] as InjectionTerms;
    let alphaOut = (bits[i] as (typeof bits)[number]).alphaOut;
    const created = tou64(alphaOut);
    s.alphaOut += created;
    if (s.ownerCutEnabled) {
      const cut = saturatingMul(U96F32, alphaOut, cutPercent);
      alphaOut = saturatingSub(U96F32, alphaOut, cut);
      t.ownerCut = tou64(cut);
      s.pending.ownerCut += t.ownerCut;
    }
    const rp = rootProportion(state, s, tw);
    const rootAlpha = saturatingMul(U96F32, saturatingMul(U96F32, rp, alphaOut), HALF_U96);
    const server = saturatingMul(U96F32, alphaOut, HALF_U96);
    const validator = saturatingSub(U96F32, saturatingSub(U96F32, alphaOut, server), rootAlpha);
    t.alphaOut = created;
    t.rootProportionAfter = rp;
    t.pendingServerAdd = tou64(server);
    t.pendingValidatorAdd = tou64(validator);
    t.rootAlpha = tou64(rootAlpha);
    s.pending.server += t.pendingServerAdd;
    s.pending.validator += t.pendingValidatorAdd;
    if (rootSell) s.pending.root += t.rootAlpha;
    else s.alphaOut = s.alphaOut > t.rootAlpha ? s.alphaOut - t.rootAlpha : 0n;
  });
  return { terms, unspentCredit: remaining };
}
