import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CheckpointMismatchError, ScenarioInputError } from "../../sim/scenario/errors.ts";
import { hashString } from "../../sim/scenario/rng.ts";
import { parseScenario, type Scenario } from "../../sim/scenario/schema.ts";
import type { WorldSnapshot } from "../../sim/scenario/snapshot.ts";
import { snapshotWorld } from "../../sim/scenario/snapshot.ts";
import type { Records } from "../../sim/scenario/world.ts";
import { writeFileAtomic } from "./atomic.ts";
import { renderSvg } from "./chart.ts";
import { toCsv } from "./csv.ts";
import { renderHtml } from "./html.ts";
import { emptyCounts, type JournalCounts, RowJournal } from "./journal.ts";
import { loadDocument } from "./load.ts";
import { createProgress } from "./progress.ts";
import { scenarioCharts, scenarioReport } from "./scenario-report.ts";
import { type Engines, simulate } from "./simulate.ts";

export interface RunScenarioOptions {
  file: string;
  out: string;
  /** Monte Carlo repetitions over derived seeds (default 1). */
  runs?: number;
  /** Overrides the scenario's seed. */
  seed?: number | string;
  /** Continue from `<out>/checkpoint.json`. */
  resume?: boolean;
  signal?: AbortSignal;
  /** Draw a progress bar on stderr (only when it is a TTY). */
  progress?: boolean;
  /** Write a checkpoint every this many blocks (0 = only when interrupted). */
  checkpointEvery?: number;
}

export interface RunScenarioResult {
  out: string;
  interrupted: boolean;
  runs: number;
  blocks: number;
  files: string[];
}

interface Checkpoint {
  format: "plexus-run-checkpoint/2";
  name: string;
  seeds: Array<number | string>;
  /** Index of the run in progress; earlier runs are complete on disk. */
  run: number;
  /** The run's world without its rows, which are in runs/<run>/rows.jsonl up to `rows`. */
  world: WorldSnapshot | null;
  rows: JournalCounts;
}

/** Seed of run k: the scenario's seed for run 0, then seeds derived from it. */
export function runSeeds(base: number | string, runs: number): Array<number | string> {
  return Array.from({ length: runs }, (_, k) => (k === 0 ? base : hashString(`${base}#${k}`)));
}

export const DEFAULT_CHECKPOINT_EVERY = 50_000;

const runDir = (out: string, k: number): string => join(out, "runs", String(k));
const journalPath = (out: string, k: number): string => join(runDir(out, k), "rows.jsonl");

/** Per-run outputs: one CSV per series kind and one JSON with all of them. */
function writeRun(dir: string, scenario: Scenario, seed: number | string, rec: Records): string[] {
  const files: string[] = [];
  const put = (name: string, data: string) => {
    writeFileAtomic(join(dir, name), data);
    files.push(join(dir, name));
  };
  put("subnets.csv", toCsv(rec.subnet));
  put("uids.csv", toCsv(rec.uid));
  put("agents.csv", toCsv(rec.agent));
  put(
    "series.json",
    `${JSON.stringify({ scenario: scenario.name, seed, blocks: scenario.blocks, ...rec })}\n`,
  );
  return files;
}

function readRun(dir: string): Records {
  const j = JSON.parse(readFileSync(join(dir, "series.json"), "utf8")) as Records;
  return { subnet: j.subnet, uid: j.uid, agent: j.agent };
}

/**
 * Runs a scenario file (once or `runs` times over derived seeds) and writes, under `out`:
 * runs/<k>/{subnets,uids,agents}.csv and series.json, summary.json, charts/<id>.svg and
 * report.html. Same file + seed → byte-identical files. On abort it writes the rows recorded so
 * far plus checkpoint.json and returns `interrupted: true`; `resume` continues from there.
 */
export async function runScenarioFile(
  opts: RunScenarioOptions,
  engines: Engines,
): Promise<RunScenarioResult> {
  const doc = loadDocument(opts.file);
  const scenario = parseScenario(
    opts.seed === undefined ? doc : { ...(doc as Record<string, unknown>), seed: opts.seed },
  );
  const nRuns = opts.runs ?? 1;
  if (!Number.isInteger(nRuns) || nRuns < 1)
    throw new ScenarioInputError("--runs", `${nRuns} runs`, "an integer >= 1");
  const every = opts.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  if (!Number.isInteger(every) || every < 0)
    throw new ScenarioInputError(
      "--checkpoint-every",
      `${every} blocks`,
      "an integer >= 0 (0: only on Ctrl-C)",
    );
  const seeds = runSeeds(scenario.seed, nRuns);
  const ckPath = join(opts.out, "checkpoint.json");
  let startRun = 0;
  let from: WorldSnapshot | undefined;
  let startRows = emptyCounts();
  if (opts.resume && existsSync(ckPath)) {
    const ck = JSON.parse(readFileSync(ckPath, "utf8")) as Checkpoint;
    if (ck.format !== "plexus-run-checkpoint/2")
      throw new CheckpointMismatchError("unknown checkpoint format");
    if (ck.name !== scenario.name || JSON.stringify(ck.seeds) !== JSON.stringify(seeds))
      throw new CheckpointMismatchError("scenario name, seed or --runs differ");
    startRun = ck.run;
    if (ck.world !== null) {
      from = { ...ck.world, records: RowJournal.load(journalPath(opts.out, ck.run), ck.rows) };
      startRows = ck.rows;
    }
  }
  const total = scenario.blocks * nRuns;
  const bar = opts.progress ? createProgress(total, scenario.name) : null;
  const files: string[] = [];
  // Rows go to the journal first, then the (small) checkpoint that counts them.
  const saveCheckpoint = (run: number, journal: RowJournal | null, world: WorldSnapshot | null) => {
    const rows = journal !== null && world !== null ? journal.flush(world.records) : emptyCounts();
    const state = world === null ? null : { ...world, records: { subnet: [], uid: [], agent: [] } };
    const ck: Checkpoint = {
      format: "plexus-run-checkpoint/2",
      name: scenario.name,
      seeds,
      run,
      world: state,
      rows,
    };
    writeFileAtomic(ckPath, JSON.stringify(ck));
  };
  try {
    for (let k = startRun; k < nRuns; k++) {
      const journal = new RowJournal(journalPath(opts.out, k), k === startRun ? startRows : emptyCounts());
      if (k !== startRun || from === undefined) journal.remove();
      const res = await simulate(scenario, seeds[k], engines, {
        signal: opts.signal,
        from: k === startRun ? from : undefined,
        checkpointEvery: every,
        onCheckpoint: (snap) => saveCheckpoint(k, journal, snap),
        onBlocks: (done) => bar?.update(k * scenario.blocks + done),
      });
      files.push(...writeRun(runDir(opts.out, k), scenario, seeds[k], res.world.records));
      if (res.interrupted) {
        saveCheckpoint(k, journal, snapshotWorld(res.world));
        return {
          out: opts.out,
          interrupted: true,
          runs: nRuns,
          blocks: scenario.blocks,
          files: [...files, ckPath],
        };
      }
      saveCheckpoint(k + 1, null, null);
      journal.remove();
    }
  } finally {
    bar?.stop();
  }
  const runs = seeds.map((_, k) => readRun(runDir(opts.out, k)));
  files.push(...(await writeReport(opts.out, scenario, seeds, runs)));
  rmSync(ckPath, { force: true });
  return { out: opts.out, interrupted: false, runs: nRuns, blocks: scenario.blocks, files };
}

/** summary.json, charts/*.svg and report.html for completed runs. */
async function writeReport(
  out: string,
  scenario: Scenario,
  seeds: ReadonlyArray<number | string>,
  runs: readonly Records[],
): Promise<string[]> {
  const charts = scenarioCharts(runs);
  const svgs = new Map<string, string>();
  const files: string[] = [];
  for (const c of charts) {
    const svg = await renderSvg(c);
    svgs.set(c.id, svg);
    writeFileAtomic(join(out, "charts", `${c.id}.svg`), svg);
    files.push(join(out, "charts", `${c.id}.svg`));
  }
  const summary = {
    scenario: scenario.name,
    blocks: scenario.blocks,
    seeds,
    charts: charts.map((c) => ({ id: c.id, title: c.title, points: c.points })),
  };
  writeFileAtomic(join(out, "summary.json"), `${JSON.stringify(summary)}\n`);
  writeFileAtomic(join(out, "report.html"), renderHtml(scenarioReport(scenario, seeds, runs, svgs, charts)));
  files.push(join(out, "summary.json"), join(out, "report.html"));
  return files;
}
