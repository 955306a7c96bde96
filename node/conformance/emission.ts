import {
  addStake,
  balancerPrice,
  blockEmissionForIssuance,
  bumpBurn,
  createState,
  decayBurn,
  decreaseForOne,
  emissionShares,
  emitToSubnets,
  isEmitting,
  networkLockCost,
  newSharePool,
  newSubnet,
  quoteSwap,
  registerHotkey,
  removeStake,
  rootSellFlag,
  type SharePoolState,
  StakeError,
  type SubnetState,
  SwapError,
  shareValue,
  stakeOf,
  subnetTaoEmissions,
  updateValueForAll,
  updateValueForOne,
  weightsForAddedLiquidity,
} from "../../sim/emission/index.ts";
import { fromDecimal, I96F32, toDecimal, U64F64, U96F32 } from "../../sim/fixed/fixed.ts";
import { fromFloat } from "../../sim/fixed/float.ts";
import type { SafeFloat } from "../../sim/fixed/safefloat.ts";
import { compareExact } from "./compare.ts";
import { multiBlock } from "./emission_multi.ts";
import type { CaseOutcome, GroupEvaluator } from "./types.ts";

/**
 * Conformance evaluators for shared/vectors/emission (spec/emission.md §0): each group rebuilds the
 * situation described by `input` with sim/emission and compares every expected field exactly.
 */
type Json = Record<string, unknown>;

export const big = (v: unknown): bigint => {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^-?\d+$/.test(v)) return BigInt(v);
  throw new TypeError(`expected an integer, got ${JSON.stringify(v)}`);
};
/** A rao amount as the vector files hold it: a number, or a decimal string beyond 2^53 (exact). */
export const num = (b: bigint): number | string =>
  Number.isSafeInteger(Number(b)) ? Number(b) : b.toString();
const outcome = (expected: unknown, got: unknown): CaseOutcome => ({
  mismatches: compareExact(expected, got),
});
export const sfJson = (s: SafeFloat) => ({ mantissa: s.mantissa.toString(), exponent: s.exponent });

const halving: GroupEvaluator = (input: Json, expected) =>
  outcome(expected, { block_emission: num(blockEmissionForIssuance(big(input.total_issuance))) });

const emissionSplit: GroupEvaluator = (input: Json, expected) => {
  const subnets = Object.entries(input.subnets as Record<string, Json>)
    .map(([id, s]) =>
      newSubnet(Number(id), {
        movingPrice: big(s.moving_price_bits_i96f32),
        minerBurned: fromFloat(U96F32, s.miner_burned as number),
        emissionEnabled: s.emission_enabled as boolean,
        firstEmissionBlock: s.first_emission_block_set ? 1n : undefined,
        subtokenEnabled: s.subtoken_enabled as boolean,
        registrationAllowed: s.registration_allowed as boolean,
      }),
    )
    .sort((a, b) => a.netuid - b.netuid);
  const emitting = subnets.filter(isEmitting);
  const shares = emissionShares(emitting);
  const emissions = subnetTaoEmissions(emitting, shares, big(input.block_emission));
  const byNet = <T>(f: (i: number) => T) =>
    Object.fromEntries(emitting.map((s, i) => [String(s.netuid), f(i)]));
  return outcome(expected, {
    emitting_subnets: emitting.map((s) => s.netuid),
    shares_u64f64: byNet((i) => toDecimal(U64F64, shares[i] as bigint)),
    tao_emission_u96f32: byNet((i) => toDecimal(U96F32, emissions[i] as bigint)),
    tao_emission_floor_rao: byNet((i) => num((emissions[i] as bigint) >> 32n)),
    root_sell_flag: rootSellFlag(emitting),
  });
};

const injection: GroupEvaluator = (input: Json, expected) => {
  const sub = input.subnet as Json;
  const state = createState({
    params: {
      taoWeightRaw: big(input.tao_weight_raw),
      subnetOwnerCutU16: Number(input.subnet_owner_cut_u16 ?? 11796),
    },
  });
  (state.subnets.get(0) as SubnetState).tao = big(input.root_tao);
  const s = newSubnet(1, {
    tao: big(sub.tao),
    alphaIn: big(sub.alpha_in),
    alphaOut: big(sub.alpha_out),
    ownerCutEnabled: input.owner_cut_enabled as boolean,
    firstEmissionBlock: 1n,
  });
  const e = big(input.tao_emission_rao);
  const { terms } = emitToSubnets(state, [s], [e << 32n], e, input.root_sell_flag as boolean);
  const t = terms[0];
  if (t === undefined) throw new Error("no injection terms");
  return outcome(expected, {
    price_u96f32: toDecimal(U96F32, t.price),
    alpha_emission: num(t.alphaEmission),
    root_proportion_before_injection: toDecimal(U96F32, t.rootProportionBefore),
    alpha_in_capped: t.alphaInCapped,
    tao_in: num(t.taoIn),
    alpha_in: num(t.alphaIn),
    excess_tao: num(t.excessTao),
    alpha_bought_with_excess: num(t.alphaBought),
    balancer_quote_parts_after: t.quotePartsAfter.toString(),
    owner_cut: num(t.ownerCut),
    root_proportion_after_injection: toDecimal(U96F32, t.rootProportionAfter),
    pending_server_add: num(t.pendingServerAdd),
    pending_validator_add: num(t.pendingValidatorAdd),
    root_alpha: num(t.rootAlpha),
    reserves_after: { tao: num(s.tao), alpha_in: num(s.alphaIn), alpha_out: num(s.alphaOut) },
  });
};

const ammSwap: GroupEvaluator = (input: Json, expected) => {
  const pool = {
    tao: big(input.tao_reserve),
    alphaIn: big(input.alpha_reserve),
    quoteParts: big(input.balancer_quote_parts),
    feeRate: Number(input.fee_rate_u16),
  };
  const priceBefore = toDecimal(U64F64, balancerPrice(pool.quoteParts, pool.alphaIn, pool.tao));
  try {
    const q = quoteSwap(
      pool,
      input.direction as "tao_to_alpha" | "alpha_to_tao",
      big(input.amount),
      big(input.limit_price_rao),
      input.drop_fees as boolean,
    );
    return outcome(expected, {
      price_before: priceBefore,
      paid_in: num(q.paidIn),
      paid_out: num(q.paidOut),
      fee: num(q.fee),
      refund: num(q.refund),
      tao_reserve_after: num(q.taoAfter),
      alpha_reserve_after: num(q.alphaInAfter),
      price_after: toDecimal(U64F64, q.priceAfter),
    });
  } catch (err) {
    if (!(err instanceof SwapError)) throw err;
    return outcome(expected, { error: err.reason, price_before: priceBefore });
  }
};

const balancerWeights: GroupEvaluator = (input: Json, expected) => {
  const [tao, alpha, dt, da, q] = [
    input.tao_reserve,
    input.alpha_reserve,
    input.tao_delta,
    input.alpha_delta,
    input.quote_parts,
  ].map(big) as [bigint, bigint, bigint, bigint, bigint];
  const next = weightsForAddedLiquidity(q, tao, alpha, dt, da);
  return outcome(expected, {
    accepted: next !== undefined,
    quote_parts_after: (next ?? q).toString(),
    price_before: toDecimal(U64F64, balancerPrice(q, alpha, tao)),
    price_after: toDecimal(U64F64, balancerPrice(next ?? q, alpha + da, tao + dt)),
  });
};

export const poolSnapshot = (pool: SharePoolState) => ({
  total_alpha: num(pool.total),
  denominator: sfJson(pool.denominator),
  shares: Object.fromEntries([...pool.shares].map(([k, v]) => [k, sfJson(v)])),
  values: Object.fromEntries([...pool.shares.keys()].map((k) => [k, num(shareValue(pool, k))])),
});

const sharePool: GroupEvaluator = (input: Json, expected) => {
  const pool = newSharePool();
  const after: unknown[] = [];
  for (const op of input.ops as Json[]) {
    const amount = big(op.amount);
    if (op.op === "stake") updateValueForOne(pool, op.coldkey as string, amount);
    else if (op.op === "unstake") decreaseForOne(pool, op.coldkey as string, amount);
    else if (op.op === "emit") updateValueForAll(pool, amount);
    else throw new Error(`unknown share_pool op ${String(op.op)}`);
    after.push(poolSnapshot(pool));
  }
  return outcome(expected, { after_each: after });
};

const stakeFlow: GroupEvaluator = (input: Json, expected) => {
  const author = "__author__";
  const state = createState({ params: { blockAuthor: author } });
  const s = newSubnet(1, {
    tao: big(input.tao_reserve),
    alphaIn: big(input.alpha_in),
    alphaOut: big(input.alpha_out),
    feeRate: Number(input.fee_rate_u16),
    firstEmissionBlock: 1n,
  });
  state.subnets.set(1, s);
  state.netuids.push(1);
  const hotkey = input.hotkey as string;
  registerHotkey(state, hotkey, "__hotkey_owner__");
  const coldkeys = new Set<string>();
  const after: unknown[] = [];
  for (const op of input.ops as Json[]) {
    const ck = op.coldkey as string;
    coldkeys.add(ck);
    const amount = big(op.amount);
    let result: Json;
    try {
      if (op.op === "add_stake") {
        state.balances.set(ck, (state.balances.get(ck) ?? 0n) + amount);
        const r = addStake(state, ck, hotkey, 1, amount);
        result = {
          alpha_credited: num(r.alphaCredited),
          tao_fee_to_author: num(r.feeToAuthor),
          tao_into_pool: num(r.taoIntoPool),
        };
      } else {
        const r = removeStake(state, ck, hotkey, 1, amount);
        result = {
          tao_to_coldkey: num(r.taoToColdkey),
          alpha_fee: num(r.alphaFee),
          alpha_refund: num(r.alphaRefund),
          tao_fee_to_author: num(r.feeToAuthor),
        };
      }
    } catch (err) {
      // A rejected extrinsic: reported by its chain error name, state unchanged.
      if (!(err instanceof StakeError || err instanceof SwapError)) throw err;
      if (op.op === "add_stake") state.balances.set(ck, (state.balances.get(ck) ?? 0n) - amount);
      result = { error: err.reason };
    }
    after.push({
      result,
      pool: {
        tao: num(s.tao),
        alpha_in: num(s.alphaIn),
        alpha_out: num(s.alphaOut),
        total_stake_delta: num(state.totalStake),
        author_tao: num(state.balances.get(author) ?? 0n),
      },
      price: toDecimal(U64F64, balancerPrice(s.quoteParts, s.alphaIn, s.tao)),
      stakes: Object.fromEntries([...coldkeys].map((c) => [c, num(stakeOf(state, hotkey, c, 1))])),
    });
  }
  return outcome(expected, { after_each: after });
};

const registrationBurn: GroupEvaluator = (input: Json, expected) => {
  let burn = big(input.start_burn);
  const min = big(input.min_burn);
  const max = big(input.max_burn);
  const mult = big(input.increase_mult_u64f64_bits);
  const halfLife = Number(input.half_life);
  const blocks: unknown[] = [];
  (input.registrations_per_block as number[]).forEach((regs, i) => {
    const block = big(input.first_block) + BigInt(i);
    burn = decayBurn(burn, block, halfLife, min, max);
    const paid: Array<number | string> = [];
    for (let r = 0; r < regs; r++) {
      paid.push(num(burn));
      burn = bumpBurn(burn, mult, min, max);
    }
    blocks.push({ block: num(block), burn_paid: paid, burn_after: num(burn) });
  });
  return outcome(expected, { blocks });
};

const networkLock: GroupEvaluator = (input: Json, expected) =>
  outcome(expected, {
    lock_cost: (input.blocks as number[]).map((b) =>
      num(
        networkLockCost(
          big(input.last_lock),
          big(input.last_lock_block),
          big(input.min_lock),
          big(input.reduction_interval),
          big(b),
        ),
      ),
    ),
  });

/** Float inputs of the vectors (moving prices, incentives) → fixed bits by round-to-nearest. */
export const floatBits = (v: unknown, f = I96F32): bigint =>
  typeof v === "string" ? fromDecimal(f, v) : fromFloat(f, v as number);

export const groups: Record<string, GroupEvaluator> = {
  halving,
  emission_split: emissionSplit,
  injection,
  amm_swap: ammSwap,
  balancer_weights: balancerWeights,
  share_pool: sharePool,
  stake_flow: stakeFlow,
  registration_burn: registrationBurn,
  network_lock_cost: networkLock,
  multi_block: multiBlock,
};
