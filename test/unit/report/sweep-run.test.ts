import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { parseCsv } from "../../../node/report/csv.ts";
import { mergeSweepDirs, runSweepFile } from "../../../node/report/sweep-run.ts";

function setup(): { dir: string; sweep: string } {
  const dir = mkdtempSync(join(tmpdir(), "plexus-sweep-"));
  writeFileSync(
    join(dir, "base.yaml"),
    `name: tiny
seed: 4
duration: { blocks: 120 }
network: { root_tao: 3000000 }
subnets:
  - { netuid: 1, tempo: 40, pool: { tao: 1000, alpha_in: 10000 } }
agents:
  - { id: m, kind: miner, subnet: 1, count: 3, quality: { mean: 0.5, sd: 0.2 } }
  - { id: v, kind: honest_validator, subnet: 1, count: 2, stake_alpha: 500 }
`,
  );
  const sweep = join(dir, "sweep.yaml");
  writeFileSync(
    sweep,
    `name: tiny-grid
scenario: base.yaml
grid:
  subnets[0].hyperparameters.kappa: [16384, 32767]
  subnets[0].hyperparameters.yuma3: [true, false]
metrics: [agent_earned_alpha, subnet_price]
`,
  );
  return { dir, sweep };
}

test("a sweep runs every grid point in worker threads and writes one summary row per point", async (t) => {
  const { dir, sweep } = setup();
  const r = await runSweepFile({ file: sweep, out: join(dir, "all"), workers: 2 });
  t.is(r.results.length, 4);
  const rows = parseCsv(readFileSync(join(dir, "all", "summary.csv"), "utf8"));
  t.deepEqual(
    rows.map((x) => x.point),
    ["0", "1", "2", "3"],
  );
  t.is(rows[1]["subnets[0].hyperparameters.yuma3"], "false");
  t.true(Number(rows[0]["agent_earned_alpha:v"]) > 0);
  t.regex(readFileSync(join(dir, "all", "report.html"), "utf8"), /<svg/);
});

test("shards merged together give the same summary as the whole grid", async (t) => {
  const { dir, sweep } = setup();
  await runSweepFile({ file: sweep, out: join(dir, "all"), workers: 2 });
  await runSweepFile({ file: sweep, out: join(dir, "s0"), shard: "0/2", workers: 1 });
  await runSweepFile({ file: sweep, out: join(dir, "s1"), shard: "1/2", workers: 1 });
  const m = await mergeSweepDirs([join(dir, "s1"), join(dir, "s0")], join(dir, "merged"));
  t.false(m.interrupted);
  t.is(
    readFileSync(join(dir, "merged", "summary.csv"), "utf8"),
    readFileSync(join(dir, "all", "summary.csv"), "utf8"),
  );
});

test("merging folders of different sweeps is refused", async (t) => {
  const { dir, sweep } = setup();
  await runSweepFile({ file: sweep, out: join(dir, "a"), shard: "0/2", workers: 1 });
  const other = readFileSync(sweep, "utf8").replace("tiny-grid", "other-grid");
  writeFileSync(join(dir, "other.yaml"), other);
  await runSweepFile({ file: join(dir, "other.yaml"), out: join(dir, "b"), shard: "1/2", workers: 1 });
  await t.throwsAsync(mergeSweepDirs([join(dir, "a"), join(dir, "b")], join(dir, "m")), {
    message: /other-grid/,
  });
});

test("a grid value the scenario refuses is an input error naming the grid point", async (t) => {
  const { dir, sweep } = setup();
  writeFileSync(sweep, readFileSync(sweep, "utf8").replace("[16384, 32767]", "[16384, 70000]"));
  const err = await t.throwsAsync(runSweepFile({ file: sweep, out: join(dir, "bad"), workers: 1 }));
  t.is((err as { code?: string }).code, "INPUT_INVALID");
  t.regex(err!.message, /grid point [23].*kappa/);
});
