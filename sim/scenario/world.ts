import type { EpochInput, SparseU16 } from "../yuma/types.ts";
import { driftQuality, initialQuality } from "./agents/quality.ts";
import type { MarketAction } from "./agents/types.ts";
import type { Economy, EconomyFactory, EpochPayout } from "./economy.ts";
import type { EpochFn } from "./epoch.ts";
import { type Population, populationsFor, strategyFor } from "./populations.ts";
import { createRng, type Rng } from "./rng.ts";
import type { Hyperparameters, Scenario, ScenarioEvent } from "./schema.ts";
import { raoToTao, taoToRao } from "./units.ts";
import { floatWeightsToU16 } from "./weights.ts";

/** One individual (a hotkey with its own coldkey) of an agent population. */
export interface Individual {
  hotkey: string;
  /** uid on the population's subnet, or null if not registered (market agents, pruned uids). */
  uid: number | null;
  quality: number;
  rng: Rng;
  lastWeights: number[] | null;
  lastSetEpoch: number;
  /** Hotkey this individual's stake sits on (its own, or a validator it delegates to). */
  stakeHotkey: string;
  taoSpent: bigint;
  taoReceived: bigint;
  earnedAlpha: bigint;
}

/** The neuron table of one subnet: what the chain stores per uid for the epoch. */
export interface SubnetTable {
  netuid: number;
  tempo: number;
  hp: Hyperparameters;
  hotkeys: string[];
  weights: SparseU16;
  bonds: SparseU16;
  lastUpdate: number[];
  registeredAt: number[];
  permits: boolean[];
  consensus: number[];
  incentive: number[];
  dividends: number[];
  /** Alpha (rao) each uid received in the last epoch. */
  emission: bigint[];
  lastStep: number;
  epochs: number;
}

/** Rows recorded every `record.every` blocks (see docs/economics.md for the columns). */
export interface Records {
  subnet: Array<Record<string, number>>;
  uid: Array<Record<string, number | string>>;
  agent: Array<Record<string, number | string>>;
}

export interface World {
  scenario: Scenario;
  seed: number | string;
  economy: Economy;
  tables: Map<number, SubnetTable>;
  populations: Population[];
  records: Records;
}

function individualsByHotkey(world: World): Map<string, { pop: Population; ind: Individual }> {
  const m = new Map<string, { pop: Population; ind: Individual }>();
  for (const pop of world.populations) for (const ind of pop.members) m.set(ind.hotkey, { pop, ind });
  return m;
}

/** Builds the world at block 0: neuron tables, populations, economy with initial pools and stakes. */
export function createWorld(scenario: Scenario, seed: number | string, economies: EconomyFactory): World {
  const rng = createRng(seed);
  const tables = new Map<number, SubnetTable>();
  for (const s of scenario.subnets)
    tables.set(s.netuid, {
      netuid: s.netuid,
      tempo: s.tempo,
      hp: { ...s.hyperparameters },
      hotkeys: [],
      weights: [],
      bonds: [],
      lastUpdate: [],
      registeredAt: [],
      permits: [],
      consensus: [],
      incentive: [],
      dividends: [],
      emission: [],
      lastStep: 0,
      epochs: 0,
    });
  const populations = populationsFor(scenario, rng.fork("populations"));
  const stakes: Array<{ netuid: number; hotkey: string; coldkey: string; alpha: bigint }> = [];
  for (const pop of populations) {
    for (let i = 0; i < pop.spec.count; i++) {
      const ind = newIndividual(pop, i, rng);
      if (pop.hasUid) {
        const t = tables.get(pop.spec.subnet)!;
        placeUid(t, ind.hotkey, 0, t.hotkeys.length);
      }
      pop.members.push(ind);
      if (pop.spec.stake_alpha > 0)
        stakes.push({
          netuid: pop.spec.subnet,
          hotkey: ind.hotkey,
          coldkey: ind.hotkey,
          alpha: taoToRao(pop.spec.stake_alpha),
        });
    }
  }
  for (const t of tables.values()) t.permits = t.hotkeys.map(() => false);
  // Market agents hold their stake on the first validator of their subnet (delegated stake).
  for (const pop of populations) {
    if (pop.hasUid) continue;
    const host = populations.find((p) => p.hasUid && !p.isMiner && p.spec.subnet === pop.spec.subnet);
    for (const ind of pop.members) ind.stakeHotkey = host?.members[0]?.hotkey ?? ind.hotkey;
  }
  syncUids({ tables, populations } as World);
  const economy = economies.create({
    totalIssuance: taoToRao(scenario.network.total_issuance_tao),
    rootTao: taoToRao(scenario.network.root_tao),
    taoWeight: scenario.network.tao_weight,
    subnets: scenario.subnets.map((s) => {
      const staked = stakes.filter((x) => x.netuid === s.netuid).reduce((a, x) => a + x.alpha, 0n);
      return {
        netuid: s.netuid,
        tempo: s.tempo,
        taoReserve: taoToRao(s.pool.tao),
        alphaIn: taoToRao(s.pool.alpha_in),
        alphaOut: taoToRao(s.pool.alpha_out) + staked,
        movingPrice: s.moving_price ?? Math.min(1, s.pool.tao / s.pool.alpha_in),
        emissionEnabled: s.emission_enabled,
        burn: taoToRao(s.burn_tao),
        maxUids: s.hyperparameters.max_allowed_uids,
        immunityPeriod: s.hyperparameters.immunity_period,
        neurons: tables.get(s.netuid)!.hotkeys.slice(),
      };
    }),
    stakes,
  });
  return { scenario, seed, economy, tables, populations, records: { subnet: [], uid: [], agent: [] } };
}

function newIndividual(pop: Population, index: number, rng: Rng): Individual {
  const hotkey = `${pop.spec.id}-${index}`;
  const own = rng.fork(hotkey);
  const spec = pop.spec;
  const quality = "quality" in spec ? initialQuality(spec.quality, index, own) : 0;
  return {
    hotkey,
    uid: null,
    quality,
    rng: own,
    lastWeights: null,
    lastSetEpoch: 0,
    stakeHotkey: hotkey,
    taoSpent: 0n,
    taoReceived: 0n,
    earnedAlpha: 0n,
  };
}

/** Puts `hotkey` at `uid` (appending, or replacing a pruned neuron) with a fresh row. */
function placeUid(t: SubnetTable, hotkey: string, block: number, uid: number): void {
  if (uid === t.hotkeys.length) {
    t.hotkeys.push(hotkey);
    t.weights.push([]);
    t.bonds.push([]);
    t.lastUpdate.push(0);
    t.registeredAt.push(block);
    t.permits.push(false);
    t.consensus.push(0);
    t.incentive.push(0);
    t.dividends.push(0);
    t.emission.push(0n);
    return;
  }
  t.hotkeys[uid] = hotkey;
  t.weights[uid] = [];
  t.lastUpdate[uid] = 0;
  t.registeredAt[uid] = block;
  t.permits[uid] = false;
  t.consensus[uid] = 0;
  t.incentive[uid] = 0;
  t.dividends[uid] = 0;
  t.emission[uid] = 0n;
}

/** Refreshes `ind.uid` for every individual from the tables (after registrations/pruning). */
function syncUids(world: World): void {
  for (const pop of world.populations) {
    if (!pop.hasUid) continue;
    const t = world.tables.get(pop.spec.subnet)!;
    const index = new Map(t.hotkeys.map((h, u) => [h, u]));
    for (const ind of pop.members) ind.uid = index.get(ind.hotkey) ?? null;
  }
}

/** Registers one more individual; its registration block is the economy's (the last block run). */
function registerIndividual(world: World, pop: Population): void {
  const t = world.tables.get(pop.spec.subnet)!;
  const ind = newIndividual(pop, pop.members.length, pop.rng);
  const got = world.economy.burnRegister(t.netuid, ind.hotkey);
  if (got === null) return;
  placeUid(t, ind.hotkey, world.economy.block, got.uid);
  ind.taoSpent += got.burn;
  pop.members.push(ind);
  syncUids(world);
}

function applyEvent(world: World, e: ScenarioEvent, block: number): void {
  const pop = (id: string): Population => world.populations.find((p) => p.spec.id === id)!;
  switch (e.type) {
    case "stake":
      for (const ind of pop(e.agent).members) stake(world, pop(e.agent), ind, taoToRao(e.amount_tao));
      return;
    case "unstake":
      for (const ind of pop(e.agent).members) {
        const p = pop(e.agent);
        const held = world.economy.stakeOf(p.spec.subnet, ind.stakeHotkey, ind.hotkey);
        const amount = e.fraction >= 1 ? held : BigInt(Math.floor(Number(held) * e.fraction));
        unstake(world, p, ind, amount);
      }
      return;
    case "register":
      for (let k = 0; k < e.count; k++) registerIndividual(world, pop(e.agent));
      return;
    case "set_hyperparameter":
      (world.tables.get(e.subnet)!.hp as Record<string, unknown>)[e.name] = e.value;
      return;
    case "form_cabal":
      for (const id of e.agents) {
        pop(id).cabal = e.cabal;
        pop(id).cabalFrom = block;
      }
      return;
  }
}

function stake(world: World, pop: Population, ind: Individual, tao: bigint): void {
  const got = world.economy.addStake(pop.spec.subnet, ind.stakeHotkey, ind.hotkey, tao);
  if (got > 0n) ind.taoSpent += tao;
}

function unstake(world: World, pop: Population, ind: Individual, alpha: bigint): void {
  if (alpha <= 0n) return;
  ind.taoReceived += world.economy.removeStake(pop.spec.subnet, ind.stakeHotkey, ind.hotkey, alpha);
}

function runMarket(world: World, pop: Population, block: number): void {
  const strategy = pop.market;
  if (strategy === null) return;
  const eco = world.economy;
  const view = eco.pool(pop.spec.subnet);
  const actions: MarketAction[] = strategy(
    {
      block,
      netuid: pop.spec.subnet,
      price: view.price,
      burnTao: raoToTao(view.burn),
      alphaHeld: pop.members.map((ind) =>
        raoToTao(eco.stakeOf(pop.spec.subnet, ind.stakeHotkey, ind.hotkey)),
      ),
      count: pop.members.length,
    },
    pop.spec as never,
    pop.rng,
  );
  for (const a of actions) {
    if (a.type === "register") registerIndividual(world, pop);
    else if (a.type === "stake") stake(world, pop, pop.members[a.index], taoToRao(a.amountTao));
    else {
      const ind = pop.members[a.index];
      // Sell exactly what is held when asked for all of it (avoids float round-trip dust).
      const held = eco.stakeOf(pop.spec.subnet, ind.stakeHotkey, ind.hotkey);
      const want = taoToRao(a.amountAlpha);
      unstake(world, pop, ind, want >= held || held - want < 1000n ? held : want);
    }
  }
}

/** Validators refresh their weights (each by its strategy) right before their subnet's epoch. */
function setWeights(world: World, t: SubnetTable, block: number): void {
  const byHotkey = individualsByHotkey(world);
  const n = t.hotkeys.length;
  const quality = t.hotkeys.map((h) => byHotkey.get(h)?.ind.quality ?? 0);
  const isMiner = t.hotkeys.map((h) => byHotkey.get(h)?.pop.isMiner ?? false);
  for (let uid = 0; uid < n; uid++) {
    const owner = byHotkey.get(t.hotkeys[uid]);
    if (owner === undefined || owner.pop.isMiner) continue;
    const { pop, ind } = owner;
    const cabalOn = pop.cabal !== null && block >= pop.cabalFrom;
    const cabal = cabalOn
      ? t.hotkeys.flatMap((h, u) => (byHotkey.get(h)?.pop.cabal === pop.cabal && isMiner[u] ? [u] : []))
      : [];
    const strategy = strategyFor(pop, cabalOn);
    const w = strategy(
      {
        block,
        epoch: t.epochs,
        uid,
        n,
        quality,
        isMiner,
        consensus: t.consensus,
        cabal,
        lastWeights: ind.lastWeights,
        epochsSinceSet: t.epochs - ind.lastSetEpoch,
      },
      pop.spec as never,
      ind.rng,
    );
    if (w === null) continue;
    ind.lastWeights = w;
    ind.lastSetEpoch = t.epochs;
    t.weights[uid] = floatWeightsToU16(w, 0);
    t.lastUpdate[uid] = block;
  }
}

function epochInput(world: World, t: SubnetTable, rao: bigint, block: number): EpochInput {
  const n = t.hotkeys.length;
  const byHotkey = individualsByHotkey(world);
  const eco = world.economy;
  const stakeOn = (hotkey: string): bigint => {
    // Total alpha on a hotkey: its own coldkey plus every market agent delegating to it.
    let s = eco.stakeOf(t.netuid, hotkey, hotkey);
    for (const pop of world.populations)
      if (!pop.hasUid && pop.spec.subnet === t.netuid)
        for (const ind of pop.members)
          if (ind.stakeHotkey === hotkey) s += eco.stakeOf(t.netuid, hotkey, ind.hotkey);
    return s;
  };
  return {
    n,
    current_block: block,
    tempo: t.tempo,
    activity_cutoff: Math.max(1, Math.floor((t.hp.activity_cutoff_factor_milli * t.tempo) / 1000)),
    last_mechanism_step_block: t.lastStep,
    last_update: t.lastUpdate.slice(),
    block_at_registration: t.registeredAt.slice(),
    alpha_stake: t.hotkeys.map(stakeOn),
    tao_stake: t.hotkeys.map((h) => taoToRao(byHotkey.get(h)?.pop.spec.root_stake_tao ?? 0)),
    tao_weight: BigInt(Math.floor(world.scenario.network.tao_weight * 2 ** 53)) << 11n,
    stake_threshold: taoToRao(t.hp.stake_threshold_tao),
    owner_uid: null,
    validator_permit: t.permits.slice(),
    max_allowed_validators: t.hp.max_allowed_validators,
    weights: t.weights.map((r) => r.filter(([j]) => j < n)),
    bonds: t.bonds,
    kappa: t.hp.kappa,
    bonds_penalty: t.hp.bonds_penalty,
    bonds_moving_average: t.hp.bonds_moving_average,
    yuma3: t.hp.yuma3,
    liquid_alpha: t.hp.liquid_alpha,
    alpha_low: t.hp.alpha_low,
    alpha_high: t.hp.alpha_high,
    alpha_sigmoid_steepness: t.hp.alpha_sigmoid_steepness,
    commit_reveal_enabled: false,
    commit_blocks: new Array(n).fill(null),
    rao_emission: rao,
  };
}

/** Runs one subnet epoch: weights, the Yuma epoch, bookkeeping; returns the per-hotkey payout. */
function runEpoch(world: World, epoch: EpochFn, netuid: number, rao: bigint, block: number): EpochPayout[] {
  const t = world.tables.get(netuid);
  if (t === undefined || t.hotkeys.length === 0) return [];
  setWeights(world, t, block);
  const out = epoch(epochInput(world, t, rao, block));
  t.bonds = out.bonds;
  t.permits = out.newValidatorPermit;
  t.consensus = out.consensus;
  t.incentive = out.incentive;
  t.dividends = out.dividends;
  t.emission = t.hotkeys.map((_, u) => out.serverEmission[u] + out.validatorEmission[u]);
  t.lastStep = block;
  t.epochs += 1;
  const byHotkey = individualsByHotkey(world);
  for (let u = 0; u < t.hotkeys.length; u++) {
    const owner = byHotkey.get(t.hotkeys[u]);
    if (owner === undefined) continue;
    owner.ind.earnedAlpha += t.emission[u];
    if (owner.pop.isMiner && "drift" in owner.pop.spec)
      owner.ind.quality = driftQuality(owner.ind.quality, owner.pop.spec.drift, owner.ind.rng);
  }
  return t.hotkeys.map((hotkey, u) => ({
    hotkey,
    server: out.serverEmission[u],
    validator: out.validatorEmission[u],
  }));
}

/** Appends one set of rows (subnet, uid, agent) for the current block. */
export function record(world: World): void {
  const eco = world.economy;
  const block = eco.block;
  const series = new Set(world.scenario.record.series);
  for (const t of world.tables.values()) {
    const p = eco.pool(t.netuid);
    if (series.has("subnet"))
      world.records.subnet.push({
        block,
        netuid: t.netuid,
        price: p.price,
        moving_price: p.movingPrice,
        tao_reserve: raoToTao(p.taoReserve),
        alpha_in: raoToTao(p.alphaIn),
        alpha_out: raoToTao(p.alphaOut),
        tao_emitted: raoToTao(p.taoEmitted),
        burn: raoToTao(p.burn),
        total_issuance: raoToTao(eco.totalIssuance),
        block_emission: raoToTao(eco.lastBlockEmission),
        uids: t.hotkeys.length,
      });
  }
  const byHotkey = individualsByHotkey(world);
  if (series.has("uid"))
    for (const t of world.tables.values())
      t.hotkeys.forEach((hotkey, uid) => {
        const owner = byHotkey.get(hotkey);
        world.records.uid.push({
          block,
          netuid: t.netuid,
          uid,
          hotkey,
          agent: owner?.pop.spec.id ?? "",
          stake: raoToTao(eco.stakeOf(t.netuid, hotkey, hotkey)),
          incentive: t.incentive[uid],
          dividends: t.dividends[uid],
          consensus: t.consensus[uid],
          emission: raoToTao(t.emission[uid]),
          bonds: (t.bonds[uid] ?? []).reduce((a, [, b]) => a + b, 0) / 65535,
        });
      });
  if (series.has("agent"))
    for (const pop of world.populations) {
      const price = eco.pool(pop.spec.subnet).price;
      let alpha = 0n;
      let spent = 0n;
      let received = 0n;
      let earned = 0n;
      // Epoch terms of the population's registered uids, summed (last epoch).
      const t = world.tables.get(pop.spec.subnet)!;
      let incentive = 0;
      let dividends = 0;
      let bonds = 0;
      for (const ind of pop.members) {
        alpha += eco.stakeOf(pop.spec.subnet, ind.stakeHotkey, ind.hotkey);
        spent += ind.taoSpent;
        received += ind.taoReceived;
        earned += ind.earnedAlpha;
        if (ind.uid !== null) {
          incentive += t.incentive[ind.uid];
          dividends += t.dividends[ind.uid];
          bonds += (t.bonds[ind.uid] ?? []).reduce((a, [, b]) => a + b, 0) / 65535;
        }
      }
      world.records.agent.push({
        block,
        agent: pop.spec.id,
        kind: pop.spec.kind,
        netuid: pop.spec.subnet,
        members: pop.members.length,
        alpha: raoToTao(alpha),
        value_tao: raoToTao(alpha) * price,
        tao_spent: raoToTao(spent),
        tao_received: raoToTao(received),
        earned_alpha: raoToTao(earned),
        incentive,
        dividends,
        bonds,
      });
    }
}

/** Advances the world by one block: events, market agents, the economy (with epochs), records. */
export function stepWorld(world: World, epoch: EpochFn): void {
  const block = world.economy.block + 1;
  for (const e of world.scenario.events) if (e.at === block) applyEvent(world, e, block);
  for (const pop of world.populations) runMarket(world, pop, block);
  world.economy.step((netuid, rao, b) => runEpoch(world, epoch, netuid, rao, b));
  if (world.economy.block % world.scenario.recordEvery === 0 || world.economy.block === world.scenario.blocks)
    record(world);
}
