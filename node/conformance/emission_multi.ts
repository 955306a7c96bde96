import {
  addSubnet,
  type ChainState,
  createState,
  DEFAULT_DELEGATE_TAKE_U16,
  type EpochRecord,
  type EpochTerms,
  emissionFromTerms,
  type InjectionTerms,
  increaseStakeFor,
  newSubnet,
  type Params,
  poolPrice,
  registerHotkey,
  shareValue,
  step,
} from "../../sim/emission/index.ts";
import { I32F32, I96F32, toDecimal, U64F64, U96F32 } from "../../sim/fixed/fixed.ts";
import { compareExact } from "./compare.ts";
import { big, floatBits, num } from "./emission.ts";
import type { GroupEvaluator } from "./types.ts";

/**
 * multi_block: builds the described chain, runs `blocks` blocks through the stepper with each
 * subnet's fixed epoch output (normalised incentive/dividend per hotkey) and compares every block.
 */
type Json = Record<string, unknown>;

function buildChain(chain: Json): { state: ChainState; terms: Map<number, EpochTerms[]> } {
  // Optional chain-level overrides (absent in the public vectors: chain defaults apply).
  const params: Partial<Params> = {};
  if (chain.tao_weight_raw !== undefined) params.taoWeightRaw = big(chain.tao_weight_raw);
  if (chain.subnet_owner_cut_u16 !== undefined) params.subnetOwnerCutU16 = Number(chain.subnet_owner_cut_u16);
  if (chain.max_epochs_per_block !== undefined) params.maxEpochsPerBlock = Number(chain.max_epochs_per_block);
  const state = createState({
    block: big(chain.start_block),
    totalIssuance: big(chain.total_issuance),
    params,
  });
  (state.subnets.get(0) as { tao: bigint }).tao = big(chain.root_tao);
  for (const [hk, info] of Object.entries(chain.hotkeys as Record<string, Json>)) {
    registerHotkey(state, hk, info.owner as string, Number(info.take ?? DEFAULT_DELEGATE_TAKE_U16));
  }
  const terms = new Map<number, EpochTerms[]>();
  for (const [id, sn] of Object.entries(chain.subnets as Record<string, Json>)) {
    const netuid = Number(id);
    const epoch = (sn.epoch as Json[]).map((e) => ({
      hotkey: e.hotkey as string,
      incentive: floatBits(e.incentive, I32F32),
      dividend: floatBits(e.dividend, I32F32),
    }));
    terms.set(netuid, epoch);
    addSubnet(
      state,
      newSubnet(netuid, {
        tao: big(sn.tao),
        alphaIn: big(sn.alpha_in),
        alphaOut: big(sn.alpha_out),
        movingPrice: floatBits(sn.moving_price, I96F32),
        minerBurned: sn.miner_burned === undefined ? 0n : floatBits(sn.miner_burned, U96F32),
        tempo: Number(sn.tempo),
        lastEpochBlock: big(sn.last_epoch_block),
        ownerColdkey: sn.owner_coldkey as string | undefined,
        ownerHotkey: sn.owner_hotkey as string | undefined,
        emissionEnabled: (sn.emission_enabled as boolean | undefined) ?? true,
        // Optional per-subnet overrides; defaults are the chain's.
        ownerCutEnabled: (sn.owner_cut_enabled as boolean | undefined) ?? true,
        subtokenEnabled: (sn.subtoken_enabled as boolean | undefined) ?? true,
        registrationAllowed: (sn.registration_allowed as boolean | undefined) ?? true,
        recycleOwnerIncentive: sn.recycle_or_burn === "recycle",
        ...(sn.balancer_quote_parts === undefined ? {} : { quoteParts: big(sn.balancer_quote_parts) }),
        ...(sn.fee_rate_u16 === undefined ? {} : { feeRate: Number(sn.fee_rate_u16) }),
        ...(sn.protocol_alpha === undefined ? {} : { protocolAlpha: big(sn.protocol_alpha) }),
        firstEmissionBlock: sn.first_emission_block === undefined ? 1n : big(sn.first_emission_block),
        uids: epoch.map((e) => e.hotkey),
        blockAtRegistration: epoch.map(() => 0n),
        uidEmission: epoch.map(() => 0n),
      }),
    );
  }
  for (const [id, sn] of Object.entries(chain.subnets as Record<string, Json>)) {
    const p = sn.pending as Json | undefined;
    const subnet = state.subnets.get(Number(id));
    if (p !== undefined && subnet !== undefined) {
      subnet.pending = {
        server: big(p.server ?? 0),
        validator: big(p.validator ?? 0),
        root: big(p.root ?? 0),
        ownerCut: big(p.owner_cut ?? 0),
      };
    }
  }
  for (const st of chain.stakes as Json[]) {
    increaseStakeFor(state, st.hotkey as string, st.coldkey as string, Number(st.netuid), big(st.alpha));
  }
  return { state, terms };
}

const termsJson = (t: InjectionTerms) => ({
  tao_emission: toDecimal(U96F32, t.taoEmission),
  tao_in: num(t.taoIn),
  alpha_in: num(t.alphaIn),
  excess_tao: num(t.excessTao),
  excess_tao_swapped_in: num(t.excessTaoSwappedIn),
  alpha_bought: num(t.alphaBought),
  alpha_out: num(t.alphaOut),
  balancer_quote_parts: t.quotePartsAfter.toString(),
  owner_cut: num(t.ownerCut),
  root_proportion: toDecimal(U96F32, t.rootProportionAfter),
  pending_server_add: num(t.pendingServerAdd),
  pending_validator_add: num(t.pendingValidatorAdd),
  root_alpha: num(t.rootAlpha),
});

const epochJson = (r: EpochRecord) => ({
  pending: {
    server: num(r.pending.server),
    validator: num(r.pending.validator),
    root: num(r.pending.root),
    owner_cut: num(r.pending.ownerCut),
  },
  hotkey_emission: r.hotkeyEmission.map((h) => ({
    hotkey: h.hotkey,
    incentive: num(h.incentive),
    dividend: num(h.dividend),
  })),
  incentive_paid: Object.fromEntries([...r.incentivePaid].map(([k, v]) => [k, num(v)])),
  alpha_div: Object.fromEntries(
    [...r.alphaDividends].map(([k, v]) => [k, { take: num(v.take), nominators: num(v.nominators) }]),
  ),
  root_alpha_div: Object.fromEntries(
    [...r.rootDividends].map(([k, v]) => [k, { take: num(v.take), claimable: num(v.claimable) }]),
  ),
  owner_cut_paid: num(r.ownerCutPaid),
});

function stateJson(state: ChainState) {
  const subnets: Record<string, unknown> = {};
  const burned: Record<string, unknown> = {};
  for (const netuid of state.netuids) {
    if (netuid === 0) continue;
    const s = state.subnets.get(netuid);
    if (s === undefined) continue;
    subnets[String(netuid)] = {
      tao: num(s.tao),
      alpha_in: num(s.alphaIn),
      alpha_out: num(s.alphaOut),
      protocol_alpha: num(s.protocolAlpha),
      price: toDecimal(U64F64, poolPrice(s)),
      moving_price: toDecimal(I96F32, s.movingPrice),
      balancer_quote_parts: s.quoteParts.toString(),
      pending: {
        server: num(s.pending.server),
        validator: num(s.pending.validator),
        root: num(s.pending.root),
        owner_cut: num(s.pending.ownerCut),
      },
      miner_burned: toDecimal(U96F32, s.minerBurned),
      last_epoch_block: num(s.lastEpochBlock),
    };
    if (s.burnedAlpha !== 0n) burned[String(netuid)] = num(s.burnedAlpha);
  }
  const stakes: Record<string, Record<string, unknown>> = {};
  for (const [key, pool] of state.stakes) {
    if (pool.shares.size === 0) continue;
    const entry: Record<string, unknown> = {};
    for (const ck of pool.shares.keys()) entry[ck] = num(shareValue(pool, ck));
    entry._total = num(pool.total);
    stakes[key] = entry;
  }
  return {
    total_issuance: num(state.totalIssuance),
    total_stake: num(state.totalStake),
    subnets,
    stakes,
    root_claimable: Object.fromEntries([...state.rootClaimable].map(([k, v]) => [k, num(v)])),
    burned_alpha: burned,
  };
}

export const multiBlock: GroupEvaluator = (input: Json, expected) => {
  const { state, terms } = buildChain(input.chain as Json);
  const epochFn = ({ subnet, raoEmission }: { subnet: { netuid: number }; raoEmission: bigint }) =>
    emissionFromTerms(terms.get(subnet.netuid) ?? [], raoEmission);
  const perBlock: unknown[] = [];
  for (let i = 0; i < Number(input.blocks); i++) {
    const report = step(state, [], epochFn, { trace: true, skipBurnDecay: true });
    const cb = report.coinbase;
    if (cb === undefined) throw new Error("no coinbase trace");
    perBlock.push({
      block: num(report.block),
      block_emission: num(report.blockEmission),
      shares: Object.fromEntries(
        cb.emitting.map((n, j) => [String(n), toDecimal(U64F64, cb.shares[j] as bigint)]),
      ),
      root_sell_flag: cb.rootSell,
      unspent_credit_recycled: num(cb.unspentCredit),
      subnets: Object.fromEntries(cb.terms.map((t) => [String(t.netuid), termsJson(t)])),
      epochs: Object.fromEntries(report.epochs.map((r) => [String(r.netuid), epochJson(r)])),
      state: stateJson(state),
    });
  }
  return { mismatches: compareExact(expected, { per_block: perBlock }) };
};
