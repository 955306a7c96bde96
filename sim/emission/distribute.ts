import {
  checkedDiv,
  fromInt,
  safeDiv,
  saturatingAdd,
  saturatingMul,
  saturatingSub,
  toUintFloor,
  U16_MAX,
  U64_MAX,
  U96F32,
} from "../fixed/fixed.ts";
import type { HotkeyEmission } from "./epoch.ts";
import { taoWeightU96 } from "./injection.ts";
import { hotkeyStake, increaseStakeFor, increaseStakeForAll } from "./stakes.ts";
import { type ChainState, type Pending, type SubnetState, stakeKey } from "./state.ts";

/**
 * Distribution of one epoch's pending alpha (run_coinbase.rs `distribute_emission`,
 * `calculate_dividend_distribution`, `distribute_dividends_and_incentives`). Child/parent delegation
 * is not modelled: every hotkey keeps its own dividends (no childkeys), which is what the chain does
 * for hotkeys without parents. Root dividends are credited as claimable, not auto-claimed.
 */
export interface EpochRecord {
  netuid: number;
  block: bigint;
  pending: Pending;
  hotkeyEmission: HotkeyEmission[];
  /** Incentive staked per hotkey (owner hotkeys withheld are absent). */
  incentivePaid: Map<string, bigint>;
  /** Owner/immune incentive burned or recycled this epoch. */
  incentiveWithheld: bigint;
  alphaDividends: Map<string, { take: bigint; nominators: bigint }>;
  rootDividends: Map<string, { take: bigint; claimable: bigint }>;
  ownerCutPaid: bigint;
}

const tou64 = (bits: bigint): bigint => toUintFloor(U96F32, bits, U64_MAX);

/** take/65535 in U96F32 per take value: a 128-bit division otherwise repeated for every hotkey. */
const takeFractions = new Map<number, bigint>();
function takeFraction(take: number): bigint {
  let f = takeFractions.get(take);
  if (f === undefined) {
    f = safeDiv(U96F32, fromInt(U96F32, take), fromInt(U96F32, U16_MAX));
    takeFractions.set(take, f);
  }
  return f;
}

/** `get_owner_hotkeys`: the owner hotkey and every registered hotkey of the owner coldkey. */
function ownerHotkeys(state: ChainState, subnet: SubnetState): Set<string> {
  const set = new Set<string>();
  if (subnet.ownerHotkey !== undefined && subnet.uids.includes(subnet.ownerHotkey))
    set.add(subnet.ownerHotkey);
  if (subnet.ownerColdkey !== undefined) {
    for (const hk of subnet.uids) if (state.hotkeys.get(hk)?.owner === subnet.ownerColdkey) set.add(hk);
  }
  return set;
}

export function distributeEmission(
  state: ChainState,
  subnet: SubnetState,
  pending: Pending,
  hotkeyEmission: HotkeyEmission[],
): EpochRecord {
  const netuid = subnet.netuid;
  const tw = taoWeightU96(state);
  let incentiveSum = 0n;
  for (const h of hotkeyEmission) incentiveSum += h.incentive;
  const validatorAlpha = incentiveSum !== 0n ? pending.validator : pending.validator + pending.server;

  // calculate_dividends_and_incentives (BTreeMap by hotkey): after sorting, duplicates are adjacent;
  // parallel arrays over the distinct hotkeys replace the chain's maps (same order, no hashing).
  const sorted = [...hotkeyEmission].sort((a, b) => (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0));
  const hks: string[] = [];
  const incentives: bigint[] = [];
  const dividends: bigint[] = [];
  for (const h of sorted) {
    const last = hks.length - 1;
    if (last >= 0 && hks[last] === h.hotkey) {
      incentives[last] = (incentives[last] as bigint) + h.incentive;
      dividends[last] = saturatingAdd(U96F32, dividends[last] as bigint, fromInt(U96F32, h.dividend));
    } else {
      hks.push(h.hotkey);
      incentives.push(h.incentive);
      dividends.push(fromInt(U96F32, h.dividend));
    }
  }
  const count = hks.length;

  // calculate_dividend_distribution
  let totalRoot = 0n;
  let totalAlpha = 0n;
  const rootDivs: bigint[] = new Array(count).fill(0n);
  const alphaDivs: bigint[] = new Array(count).fill(0n);
  // Most hotkeys earn either incentive or dividends, not both: a zero amount stays zero through
  // every product below, so its fixed-point arithmetic (and stake look-ups) is skipped.
  for (let i = 0; i < count; i++) {
    const div = dividends[i] as bigint;
    if (div === 0n) continue;
    const hk = hks[i] as string;
    const alphaStake = fromInt(U96F32, hotkeyStake(state, hk, netuid));
    const rootStake = fromInt(U96F32, hotkeyStake(state, hk, 0));
    const rootAlpha = saturatingMul(U96F32, rootStake, tw);
    const total = saturatingAdd(U96F32, alphaStake, rootAlpha);
    const rootProp = checkedDiv(U96F32, rootAlpha, total) ?? 0n;
    const r = saturatingMul(U96F32, div, rootProp);
    const a = saturatingSub(U96F32, div, r);
    alphaDivs[i] = a;
    totalAlpha = saturatingAdd(U96F32, totalAlpha, a);
    rootDivs[i] = r;
    totalRoot = saturatingAdd(U96F32, totalRoot, r);
  }
  const rootAlphaDividends: bigint[] = new Array(count).fill(0n);
  const propAlphaDividends: bigint[] = new Array(count).fill(0n);
  const pendingRoot = fromInt(U96F32, pending.root);
  const validatorAlphaBits = fromInt(U96F32, validatorAlpha);
  for (let i = 0; i < count; i++) {
    const r = rootDivs[i] as bigint;
    if (r !== 0n)
      rootAlphaDividends[i] = saturatingMul(U96F32, pendingRoot, checkedDiv(U96F32, r, totalRoot) ?? 0n);
    const a = alphaDivs[i] as bigint;
    if (a !== 0n)
      propAlphaDividends[i] = saturatingMul(
        U96F32,
        validatorAlphaBits,
        checkedDiv(U96F32, a, totalAlpha) ?? 0n,
      );
  }

  // distribute_dividends_and_incentives
  const record: EpochRecord = {
    netuid,
    block: state.block,
    pending: { ...pending },
    hotkeyEmission: sorted,
    incentivePaid: new Map(),
    incentiveWithheld: 0n,
    alphaDividends: new Map(),
    rootDividends: new Map(),
    ownerCutPaid: 0n,
  };
  if (subnet.ownerColdkey !== undefined && subnet.ownerHotkey !== undefined) {
    increaseStakeFor(state, subnet.ownerHotkey, subnet.ownerColdkey, netuid, pending.ownerCut);
    record.ownerCutPaid = pending.ownerCut;
  }
  // Without an owner the owner cut has no recipient; the chain leaves it minted in SubnetAlphaOut.

  const owners = ownerHotkeys(state, subnet);
  const infos = hks.map((hk) => state.hotkeys.get(hk));
  let totalIncentive = 0n;
  let withheld = 0n;
  for (let i = 0; i < count; i++) {
    const hk = hks[i] as string;
    const inc = incentives[i] as bigint;
    totalIncentive += inc;
    if (owners.has(hk)) {
      withheld += inc;
      if (subnet.recycleOwnerIncentive) subnet.alphaOut = subnet.alphaOut > inc ? subnet.alphaOut - inc : 0n;
      else subnet.burnedAlpha += inc;
      continue;
    }
    const owner = infos[i]?.owner ?? hk;
    increaseStakeFor(state, hk, owner, netuid, inc);
    record.incentivePaid.set(hk, inc);
  }
  record.incentiveWithheld = withheld;
  subnet.minerBurned = checkedDiv(U96F32, fromInt(U96F32, withheld), fromInt(U96F32, totalIncentive)) ?? 0n;

  for (let i = 0; i < count; i++) {
    const hk = hks[i] as string;
    const divs = propAlphaDividends[i] as bigint;
    const info = infos[i];
    const take = divs === 0n ? 0n : saturatingMul(U96F32, takeFraction(info?.take ?? 0), divs);
    const rest = divs === 0n ? 0n : saturatingSub(U96F32, divs, take);
    increaseStakeFor(state, hk, info?.owner ?? hk, netuid, tou64(take));
    increaseStakeForAll(state, hk, netuid, tou64(rest));
    record.alphaDividends.set(hk, { take: tou64(take), nominators: tou64(rest) });
  }
  for (let i = 0; i < count; i++) {
    const hk = hks[i] as string;
    const ra = rootAlphaDividends[i] as bigint;
    const info = infos[i];
    const take = ra === 0n ? 0n : saturatingMul(U96F32, takeFraction(info?.take ?? 0), ra);
    const rest = ra === 0n ? 0n : saturatingSub(U96F32, ra, take);
    increaseStakeFor(state, hk, info?.owner ?? hk, netuid, tou64(take));
    const key = stakeKey(hk, netuid);
    state.rootClaimable.set(key, (state.rootClaimable.get(key) ?? 0n) + tou64(rest));
    record.rootDividends.set(hk, { take: tou64(take), claimable: tou64(rest) });
  }
  // Per-uid emission (for pruning): what each registered hotkey received this epoch.
  const byHotkey = new Map(sorted.map((h) => [h.hotkey, h.incentive + h.dividend]));
  subnet.uidEmission = subnet.uids.map((hk) => byHotkey.get(hk) ?? 0n);
  return record;
}
