import test from "ava";
import { fastEpoch } from "../../../../sim/scenario/epochs.ts";
import { parseScenario } from "../../../../sim/scenario/schema.ts";
import { restoreWorld, snapshotWorld } from "../../../../sim/scenario/snapshot.ts";
import { createWorld, stepWorld, type World } from "../../../../sim/scenario/world.ts";
import { fakeEconomies } from "./fake-economy.ts";

const doc = {
  name: "world",
  seed: 5,
  duration: { blocks: 300 },
  subnets: [{ netuid: 1, tempo: 20, pool: { tao: 1000, alpha_in: 10_000 } }],
  agents: [
    { id: "good", kind: "miner", subnet: 1, count: 2, quality: 0.9 },
    { id: "bad", kind: "cabal_miner", subnet: 1, count: 2, cabal: "c", quality: 0.05 },
    { id: "v", kind: "honest_validator", subnet: 1, count: 2, stake_alpha: 1000, noise: 0 },
    {
      id: "cab",
      kind: "cabal_validator",
      subnet: 1,
      count: 1,
      stake_alpha: 1000,
      cabal: "c",
      from_block: 100,
    },
    { id: "wash", kind: "wash_trader", subnet: 1, amount_tao: 10, every_blocks: 7 },
  ],
  events: [{ at: 150, type: "register", agent: "good", count: 1 }],
};

function run(blocks: number, world = createWorld(parseScenario(doc), 5, fakeEconomies)): World {
  while (world.economy.block < blocks) stepWorld(world, fastEpoch);
  return world;
}

test("the same scenario and seed produce identical records", (t) => {
  t.deepEqual(JSON.stringify(run(300).records), JSON.stringify(run(300).records));
});

test("a different seed changes the outcome", (t) => {
  const noisy = parseScenario({
    ...doc,
    agents: [
      ...doc.agents,
      { id: "noisy", kind: "honest_validator", subnet: 1, stake_alpha: 500, noise: 0.3 },
    ],
  });
  const a = run(300, createWorld(noisy, 5, fakeEconomies));
  const b = run(300, createWorld(noisy, 6, fakeEconomies));
  t.notDeepEqual(JSON.stringify(a.records.uid), JSON.stringify(b.records.uid));
});

test("a world resumed from a snapshot continues exactly as an uninterrupted one", (t) => {
  const full = run(300);
  const half = run(140);
  const snap = JSON.parse(JSON.stringify(snapshotWorld(half)));
  const resumed = run(300, restoreWorld(parseScenario(doc), 5, snap, fakeEconomies));
  t.is(JSON.stringify(resumed.records), JSON.stringify(full.records));
});

test("once the cabal acts, its miners take incentive from better honest miners", (t) => {
  const w = run(300);
  const incentiveOf = (agent: string, block: number) =>
    w.records.uid
      .filter((r) => r.agent === agent && r.block === block)
      .reduce((a, r) => a + Number(r.incentive), 0);
  t.true(incentiveOf("bad", 80) < 0.1);
  t.true(incentiveOf("bad", 300) > incentiveOf("bad", 80));
});

test("a register event adds a uid and charges the burn", (t) => {
  const w = run(300);
  const good = w.records.agent.filter((r) => r.agent === "good");
  t.is(good.at(0)?.members, 2);
  t.is(good.at(-1)?.members, 3);
  t.true(Number(good.at(-1)?.tao_spent) > 0);
});

test("a wash trader ends each cycle with no position and pays in and out", (t) => {
  const w = run(300);
  const wash = w.records.agent.filter((r) => r.agent === "wash").at(-1)!;
  t.true(Number(wash.tao_spent) > 0);
  t.true(Number(wash.tao_received) > 0);
});

test("rows are recorded every record interval and at the end", (t) => {
  const w = run(300);
  t.deepEqual(
    w.records.subnet.map((r) => r.block),
    Array.from({ length: 300 / 20 }, (_, k) => (k + 1) * 20),
  );
});
