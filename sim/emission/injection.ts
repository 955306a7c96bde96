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

/** TaoWeight as U96F32; memoised on the raw parameter (a 128-bit division otherwise run per call). */
let twMemo: { raw: bigint; value: bigint } | undefined;
export function taoWeightU96(state: ChainState): bigint {
  const raw = state.params.taoWeightRaw;
  if (twMemo === undefined || twMemo.raw !== raw)
    twMemo = { raw, value: safeDiv(U96F32, fromInt(U96F32, raw), fromInt(U96F32, U64_MAX)) };
  return twMemo.value;
}

/** Root TAO × TaoWeight in U96F32, the numerator of every root proportion. */
const weightedRootTao = (state: ChainState, tw: bigint): bigint =>
  saturatingMul(U96F32, fromInt(U96F32, state.subnets.get(0)?.tao ?? 0n), tw);

const proportion = (weighted: bigint, subnet: SubnetState): bigint =>
  checkedDiv(
    U96F32,
    weighted,
    saturatingAdd(U96F32, weighted, fromInt(U96F32, subnet.alphaIn + subnet.alphaOut)),
  ) ?? 0n;

/** `root_proportion`: (root TAO · w) / (root TAO · w + alpha issuance), U96F32. */
export function rootProportion(state: ChainState, subnet: SubnetState, tw = taoWeightU96(state)): bigint {
  return proportion(weightedRootTao(state, tw), subnet);
}

/** Owner cut u16/65535 as U96F32, memoised on the parameter. */
let cutMemo: { u16: number; value: bigint } | undefined;
function ownerCutFraction(state: ChainState): bigint {
  const u16 = state.params.subnetOwnerCutU16;
  if (cutMemo === undefined || cutMemo.u16 !== u16)
    cutMemo = { u16, value: safeDiv(U96F32, fromInt(U96F32, u16), fromInt(U96F32, U16_MAX)) };
  return cutMemo.value;
}

const tou64 = (bits: bigint): bigint => toUintFloor(U96F32, bits, U64_MAX);

/**
 * Runs the injection for the emitting subnets in order and returns what each received. The credit
 * left over by flooring is recycled (issuance decreases); the minted block emission must already be
 * in `state.totalIssuance`. `wantTerms = false` skips building the per-subnet `terms` (returned
 * empty): the stepper asks for them only when tracing.
 */
export function emitToSubnets(
  state: ChainState,
  subnets: readonly SubnetState[],
  taoEmissions: readonly bigint[],
  credit: bigint,
  rootSell: boolean,
  wantTerms = true,
): { terms: InjectionTerms[]; unspentCredit: bigint } {
  const tw = taoWeightU96(state);
  const n = subnets.length;
  const terms: InjectionTerms[] = [];
  // U96F32 intermediates per subnet, parallel to `subnets`.
  const taoInBits: bigint[] = new Array(n);
  const alphaInBits: bigint[] = new Array(n);
  const excessBits: bigint[] = new Array(n);
  const alphaOutBits: bigint[] = new Array(n);

  // --- get_subnet_terms (all subnets first, from the state before any injection)
  let weighted = weightedRootTao(state, tw);
  for (let i = 0; i < n; i++) {
    const s = subnets[i] as SubnetState;
    const e = taoEmissions[i] as bigint;
    const alphaEmission = fromInt(U96F32, blockEmissionForIssuance(s.alphaIn + s.alphaOut));
    const price = convert(U64F64, U96F32, poolPrice(s));
    let taoIn = e;
    let alphaIn = price === 0n ? 0n : (checkedDiv(U96F32, e, price) ?? 0n);
    const rp = proportion(weighted, s);
    const cap = saturatingMul(U96F32, rp, alphaEmission);
    const capped = alphaIn > cap;
    if (capped) {
      alphaIn = cap;
      taoIn = saturatingMul(U96F32, alphaIn, price);
    }
    taoInBits[i] = taoIn;
    alphaInBits[i] = alphaIn;
    excessBits[i] = saturatingSub(U96F32, e, taoIn);
    alphaOutBits[i] = alphaEmission;
    if (wantTerms)
      terms.push({
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
      });
  }

  // --- inject_and_maybe_swap
  let remaining = credit;
  for (let i = 0; i < n; i++) {
    const s = subnets[i] as SubnetState;
    const t = terms[i];
    const taoIn = tou64(taoInBits[i] as bigint);
    const alphaIn = tou64(alphaInBits[i] as bigint);
    const excess = tou64(excessBits[i] as bigint);
    const newWeight = weightsForAddedLiquidity(s.quoteParts, s.tao, s.alphaIn, taoIn, alphaIn);
    const injTao = newWeight === undefined ? 0n : taoIn;
    const injAlpha = newWeight === undefined ? 0n : alphaIn;
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
        if (t !== undefined) {
          t.excessTaoSwappedIn = q.paidIn;
          t.alphaBought = q.paidOut;
        }
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
    if (t !== undefined) {
      t.taoIn = injTao;
      t.alphaIn = injAlpha;
      t.excessTao = excess;
      t.quotePartsAfter = s.quoteParts;
    }
  }
  if (remaining > 0n) {
    state.totalIssuance -= remaining;
    state.recycledTao += remaining;
  }

  // --- alpha out, owner cut, pending
  const cutPercent = ownerCutFraction(state);
  weighted = weightedRootTao(state, tw);
  for (let i = 0; i < n; i++) {
    const s = subnets[i] as SubnetState;
    const t = terms[i];
    let alphaOut = alphaOutBits[i] as bigint;
    const created = tou64(alphaOut);
    s.alphaOut += created;
    let ownerCut = 0n;
    if (s.ownerCutEnabled) {
      const cut = saturatingMul(U96F32, alphaOut, cutPercent);
      alphaOut = saturatingSub(U96F32, alphaOut, cut);
      ownerCut = tou64(cut);
      s.pending.ownerCut += ownerCut;
    }
    const rp = proportion(weighted, s);
    const rootAlphaBits = saturatingMul(U96F32, saturatingMul(U96F32, rp, alphaOut), HALF_U96);
    const serverBits = saturatingMul(U96F32, alphaOut, HALF_U96);
    const validatorBits = saturatingSub(U96F32, saturatingSub(U96F32, alphaOut, serverBits), rootAlphaBits);
    const server = tou64(serverBits);
    const validator = tou64(validatorBits);
    const rootAlpha = tou64(rootAlphaBits);
    s.pending.server += server;
    s.pending.validator += validator;
    if (rootSell) s.pending.root += rootAlpha;
    else s.alphaOut = s.alphaOut > rootAlpha ? s.alphaOut - rootAlpha : 0n;
    if (t !== undefined) {
      t.ownerCut = ownerCut;
      t.alphaOut = created;
      t.rootProportionAfter = rp;
      t.pendingServerAdd = server;
      t.pendingValidatorAdd = validator;
      t.rootAlpha = rootAlpha;
    }
  }
  return { terms, unspentCredit: remaining };
}
