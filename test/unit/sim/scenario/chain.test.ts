import test from "ava";
import { chainEconomies } from "../../../../sim/scenario/chain.ts";
import type { EconomyInit } from "../../../../sim/scenario/economy.ts";
import { epochFor, fastEpoch } from "../../../../sim/scenario/epochs.ts";
import { parseScenario } from "../../../../sim/scenario/schema.ts";
import { restoreWorld, snapshotWorld } from "../../../../sim/scenario/snapshot.ts";
import { createWorld, stepWorld, type World } from "../../../../sim/scenario/world.ts";

const TAO = 1_000_000_000n;

const init = (): EconomyInit => ({
  totalIssuance: 7_000_000n * TAO,
  rootTao: 3_000_000n * TAO,
  taoWeight: 0.18,
  subnets: [
    {
      netuid: 1,
      tempo: 10,
      taoReserve: 1000n * TAO,
      alphaIn: 10_000n * TAO,
      alphaOut: 100n * TAO,
      movingPrice: 0.1,
      emissionEnabled: true,
      burn: TAO,
      maxUids: 2,
      immunityPeriod: 5000,
      neurons: ["v"],
    },
  ],
  stakes: [{ netuid: 1, hotkey: "v", coldkey: "v", alpha: 100n * TAO }],
});

test("a buy and an immediate sell on the chain economy return less TAO than paid (swap fees)", (t) => {
  const eco = chainEconomies.create(init());
  const alpha = eco.addStake(1, "v", "trader", 10n * TAO);
  t.true(alpha > 0n);
  const back = eco.removeStake(1, "v", "trader", alpha);
  t.true(back > 0n && back < 10n * TAO);
});

test("registration pays the burn, raises it, and replaces a neuron when the subnet is full", (t) => {
  const eco = chainEconomies.create(init());
  const first = eco.burnRegister(1, "m1");
  t.deepEqual(first, { uid: 1, burn: TAO });
  t.true(eco.pool(1).burn > TAO);
  const second = eco.burnRegister(1, "m2");
  t.not(second, null);
  t.true(second!.uid < 2);
});

test("blocks mint emission into the pool and epochs pay the hook's hotkeys", (t) => {
  const eco = chainEconomies.create(init());
  const paid: bigint[] = [];
  for (let b = 0; b < 20; b++)
    eco.step((_netuid, rao) => {
      paid.push(rao);
      return [{ hotkey: "v", server: 0n, validator: rao }];
    });
  t.is(eco.block, 20);
  t.is(eco.lastBlockEmission, TAO);
  t.true(paid.length >= 1 && paid[0] > 0n);
  t.true(eco.stakeOf(1, "v", "v") > 100n * TAO);
  t.true(eco.pool(1).taoEmitted > 0n);
});

const doc = {
  name: "chain",
  seed: 2,
  duration: { blocks: 240 },
  network: { root_tao: 3_000_000 },
  subnets: [{ netuid: 1, tempo: 30, pool: { tao: 1000, alpha_in: 10_000 } }],
  agents: [
    { id: "m", kind: "miner", subnet: 1, count: 3, quality: { mean: 0.5, sd: 0.3 } },
    { id: "v", kind: "honest_validator", subnet: 1, count: 2, stake_alpha: 500, noise: 0.1 },
    { id: "w", kind: "wash_trader", subnet: 1, amount_tao: 5, every_blocks: 7 },
  ],
};

function run(blocks: number, world: World): World {
  while (world.economy.block < blocks) stepWorld(world, fastEpoch);
  return world;
}

test("a scenario on the chain economy resumes from a checkpoint byte-identically", (t) => {
  const s = parseScenario(doc);
  const full = run(240, createWorld(s, 2, chainEconomies));
  const half = run(100, createWorld(s, 2, chainEconomies));
  const snap = JSON.parse(JSON.stringify(snapshotWorld(half)));
  const resumed = run(240, restoreWorld(s, 2, snap, chainEconomies));
  t.is(JSON.stringify(resumed.records), JSON.stringify(full.records));
  t.true(full.records.agent.some((r) => r.agent === "m" && Number(r.earned_alpha) > 0));
});

test("the exact and the fast epoch give nearly the same scenario outcome", (t) => {
  const fast = run(240, createWorld(parseScenario(doc), 2, chainEconomies));
  const exactScenario = parseScenario({ ...doc, epoch_mode: "exact" });
  const world = createWorld(exactScenario, 2, chainEconomies);
  while (world.economy.block < 240) stepWorld(world, epochFor("exact"));
  const earned = (w: World, agent: string) =>
    Number(w.records.agent.filter((r) => r.agent === agent).at(-1)?.earned_alpha);
  for (const agent of ["m", "v"]) {
    const a = earned(fast, agent);
    const b = earned(world, agent);
    t.true(a > 0 && Math.abs(a - b) / a < 1e-3, `${agent}: fast ${a} exact ${b}`);
  }
});

test("a whale's entry lifts the alpha price and its exit hands back its TAO minus costs", (t) => {
  const s = parseScenario({
    ...doc,
    agents: [
      ...doc.agents.slice(0, 2),
      { id: "whale", kind: "whale", subnet: 1, amount_tao: 200, enter_block: 61, exit_block: 151 },
      { id: "lazy", kind: "lazy_validator", subnet: 1, stake_alpha: 100, every_epochs: 3 },
    ],
    record: { every: 30 },
  });
  const w = run(240, createWorld(s, 2, chainEconomies));
  const price = (block: number) => Number(w.records.subnet.find((r) => r.block === block)?.price);
  t.true(price(90) > price(60) * 1.2);
  const whale = (block: number) => w.records.agent.find((r) => r.agent === "whale" && r.block === block)!;
  t.is(whale(90).tao_spent, 200);
  t.true(Number(whale(90).alpha) > 0);
  t.is(whale(180).alpha, 0);
  t.true(Number(whale(180).tao_received) > 150);
  // The lazy validator refreshes its weights only every third epoch, yet keeps earning dividends.
  t.true(Number(w.records.agent.filter((r) => r.agent === "lazy").at(-1)!.earned_alpha) > 0);
});
