import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { runScenarioFile, runSeeds } from "../../../node/report/scenario-run.ts";
import type { Engines } from "../../../node/report/simulate.ts";
import { fastEpoch } from "../../../sim/scenario/epochs.ts";
import { fakeEconomies } from "../sim/scenario/fake-economy.ts";

const engines: Engines = { economies: fakeEconomies, epochFor: () => fastEpoch };

const SCENARIO = `name: small
seed: 3
duration: { blocks: 600 }
subnets:
  - { netuid: 1, tempo: 30, pool: { tao: 500, alpha_in: 5000 } }
agents:
  - { id: m, kind: miner, subnet: 1, count: 3, quality: { mean: 0.5, sd: 0.3 } }
  - { id: v, kind: honest_validator, subnet: 1, count: 2, stake_alpha: 800, noise: 0.2 }
  - { id: whale, kind: whale, subnet: 1, amount_tao: 100, enter_block: 200, exit_block: 400 }
`;

function setup(): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "plexus-run-"));
  const file = join(dir, "s.yaml");
  writeFileSync(file, SCENARIO);
  return { file, dir };
}

/** Every output file under `dir` (relative path → content), skipping the checkpoint. */
function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out[p.slice(dir.length)] = readFileSync(p, "utf8");
  }
  return out;
}

test("the same file and seed give byte-identical outputs", async (t) => {
  const { file, dir } = setup();
  await runScenarioFile({ file, out: join(dir, "a") }, engines);
  await runScenarioFile({ file, out: join(dir, "b") }, engines);
  const a = snapshotDir(join(dir, "a"));
  t.deepEqual(a, snapshotDir(join(dir, "b")));
  t.truthy(a["/report.html"]);
  t.truthy(a["/runs/0/uids.csv"]);
  t.truthy(a["/charts/agent-value.svg"]);
});

test("several runs use derived seeds and the report shows median bands", async (t) => {
  const { file, dir } = setup();
  const r = await runScenarioFile({ file, out: dir, runs: 3 }, engines);
  t.is(r.runs, 3);
  t.deepEqual(runSeeds(3, 3).length, 3);
  t.true(existsSync(join(dir, "runs", "2", "agents.csv")));
  const html = readFileSync(join(dir, "report.html"), "utf8");
  t.regex(html, /p10–p90/);
  const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
  t.true(summary.charts[0].points.some((p: { lo?: number }) => p.lo !== undefined));
});

test("an interrupted run keeps its rows and a checkpoint, and --resume ends identical", async (t) => {
  const { file, dir } = setup();
  await runScenarioFile({ file, out: join(dir, "full"), runs: 2 }, engines);
  const ac = new AbortController();
  const interrupted = runScenarioFile({ file, out: join(dir, "cut"), runs: 2, signal: ac.signal }, engines);
  // Abort once the first chunk of blocks has run (the runner yields between chunks).
  setImmediate(() => ac.abort());
  const r1 = await interrupted;
  t.true(r1.interrupted);
  t.true(existsSync(join(dir, "cut", "checkpoint.json")));
  t.true(existsSync(join(dir, "cut", "runs", "0", "subnets.csv")));
  const r2 = await runScenarioFile({ file, out: join(dir, "cut"), runs: 2, resume: true }, engines);
  t.false(r2.interrupted);
  t.false(existsSync(join(dir, "cut", "checkpoint.json")));
  t.deepEqual(snapshotDir(join(dir, "cut")), snapshotDir(join(dir, "full")));
});

test("resuming with a different --runs is refused", async (t) => {
  const { file, dir } = setup();
  const ac = new AbortController();
  ac.abort();
  await runScenarioFile({ file, out: dir, runs: 2, signal: ac.signal }, engines);
  await t.throwsAsync(runScenarioFile({ file, out: dir, runs: 3, resume: true }, engines), {
    code: "SCENARIO_CHECKPOINT_MISMATCH",
  } as never);
});

test("a run count below one is an input error naming --runs", async (t) => {
  const { file, dir } = setup();
  await t.throwsAsync(runScenarioFile({ file, out: dir, runs: 0 }, engines), { message: /--runs/ });
});

test("periodic checkpoints keep rows in an append-only journal, and a resume from one ends identical", async (t) => {
  const { file, dir } = setup();
  await runScenarioFile({ file, out: join(dir, "full") }, engines);
  const cut = join(dir, "cut");
  const ac = new AbortController();
  // Checkpoints every 100 blocks inside the first chunk of blocks; stop after that chunk.
  const running = runScenarioFile({ file, out: cut, signal: ac.signal, checkpointEvery: 100 }, engines);
  setImmediate(() => ac.abort());
  t.true((await running).interrupted);
  const ck = JSON.parse(readFileSync(join(cut, "checkpoint.json"), "utf8"));
  t.deepEqual(ck.world.records, { subnet: [], uid: [], agent: [] });
  t.true(ck.rows.uid > 0);
  t.is(
    readFileSync(join(cut, "runs", "0", "rows.jsonl"), "utf8")
      .trim()
      .split("\n").length,
    ck.rows.subnet + ck.rows.uid + ck.rows.agent,
  );
  await runScenarioFile({ file, out: cut, resume: true }, engines);
  t.false(existsSync(join(cut, "runs", "0", "rows.jsonl")));
  t.deepEqual(snapshotDir(cut), snapshotDir(join(dir, "full")));
});
