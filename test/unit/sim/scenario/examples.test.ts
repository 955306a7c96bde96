import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { parse } from "yaml";
import { chainEconomies } from "../../../../sim/scenario/chain.ts";
import { epochFor } from "../../../../sim/scenario/epochs.ts";
import { parseScenario } from "../../../../sim/scenario/schema.ts";
import { parseSweep } from "../../../../sim/scenario/sweep.ts";
import { createWorld, stepWorld } from "../../../../sim/scenario/world.ts";
import { repoRoot } from "../../../helpers/shared.ts";

const dir = join(repoRoot, "examples", "scenarios");
const docs = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => ({ f, doc: parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown> }));
const scenarios = docs.filter((d) => !("grid" in d.doc));

test("the five example scenarios and the example sweep are present and valid", (t) => {
  t.is(scenarios.length, 5);
  for (const { f, doc } of docs) {
    if ("grid" in doc) {
      const sweep = parseSweep(doc);
      t.true(readdirSync(dir).includes(sweep.scenario), f);
    } else t.notThrows(() => parseScenario(doc), f);
  }
});

for (const { f, doc } of scenarios) {
  test(`example ${f} runs (shortened to two epochs of its first subnet)`, (t) => {
    const full = parseScenario(doc);
    const blocks = 2 * full.subnets[0].tempo;
    const s = parseScenario({ ...doc, duration: { blocks }, record: { every: full.subnets[0].tempo } });
    const world = createWorld(s, s.seed, chainEconomies);
    const epoch = epochFor(s.epoch_mode);
    while (world.economy.block < blocks) stepWorld(world, epoch);
    t.is(world.records.subnet.length, 2 * s.subnets.length);
    t.true(world.records.uid.some((r) => Number(r.emission) > 0));
  });
}
