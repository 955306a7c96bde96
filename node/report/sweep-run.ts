import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { PlexusError } from "../../sim/errors.ts";
import { ScenarioInputError } from "../../sim/scenario/errors.ts";
import { expandGrid, parseShard, parseSweep, type Sweep, shardPoints } from "../../sim/scenario/sweep.ts";
import { writeFileAtomic } from "./atomic.ts";
import { type LineChart, renderSvg } from "./chart.ts";
import { type Row, toCsv } from "./csv.ts";
import { renderHtml } from "./html.ts";
import { loadDocument } from "./load.ts";
import type { PointResult, PointTask } from "./sweep-point.ts";

export interface RunSweepOptions {
  file: string;
  out: string;
  /** `i/n`: run only grid points with index ≡ i (mod n). */
  shard?: string;
  /** Worker threads (default 2). */
  workers?: number;
  signal?: AbortSignal;
  /** Called after each finished point with (done, total). */
  onPoint?: (done: number, total: number) => void;
}

/** What a sweep folder describes about itself (written as sweep.json, read back by merge). */
export interface SweepMeta {
  format: "plexus-sweep/1";
  name: string;
  keys: string[];
  totalPoints: number;
  shard: { index: number; count: number } | null;
}

export interface SweepResult {
  out: string;
  meta: SweepMeta;
  results: PointResult[];
  interrupted: boolean;
}

/** A failed grid point, with the code of the underlying error. */
export class SweepPointError extends PlexusError {
  constructor(index: number, code: string, message: string) {
    super("SWEEP_POINT_FAILED", `grid point ${index} failed: ${message} [${code}]`, {
      meta: { index, code },
    });
    this.name = "SweepPointError";
  }
}

/**
 * Runs the grid points in worker threads (node:worker_threads); each worker takes the next point
 * when it finishes one. Results come back in grid order whatever the finishing order.
 */
async function runInWorkers(
  tasks: PointTask[],
  workers: number,
  opts: RunSweepOptions,
): Promise<PointResult[]> {
  const results: PointResult[] = [];
  let next = 0;
  let done = 0;
  const pool = Array.from(
    { length: Math.max(1, Math.min(workers, tasks.length)) },
    () => new Worker(new URL("./sweep-worker.mjs", import.meta.url)),
  );
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolveWorker, reject) => {
            let current: PointTask | undefined;
            const feed = () => {
              if (opts.signal?.aborted || next >= tasks.length) return resolveWorker();
              current = tasks[next++];
              w.postMessage(current);
            };
            w.on(
              "message",
              (m: { ok: boolean; result?: PointResult; error?: { code: string; message: string } }) => {
                if (!m.ok) {
                  const idx = current?.point.index ?? -1;
                  const code = m.error?.code ?? "?";
                  const message = m.error?.message ?? "unknown";
                  // A grid value the scenario schema refuses is the user's input error (exit 2).
                  if (code.startsWith("INPUT_"))
                    return reject(new ScenarioInputError(`grid point ${idx}`, message));
                  return reject(new SweepPointError(idx, code, message));
                }
                results.push(m.result!);
                opts.onPoint?.(++done, tasks.length);
                feed();
              },
            );
            w.on("error", reject);
            opts.signal?.addEventListener("abort", () => resolveWorker(), { once: true });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results.sort((a, b) => a.index - b.index);
}

/** `plexus sim sweep`: runs (a shard of) the grid and writes summary.csv, points.json, a chart, report.html. */
export async function runSweepFile(opts: RunSweepOptions): Promise<SweepResult> {
  const sweep = parseSweep(loadDocument(opts.file));
  const scenarioPath = resolve(dirname(opts.file), sweep.scenario);
  if (!existsSync(scenarioPath))
    throw new ScenarioInputError(
      "scenario",
      `no scenario file at ${scenarioPath}`,
      "a path relative to the sweep file",
    );
  const base = loadDocument(scenarioPath);
  const all = expandGrid(sweep.grid);
  const shard = opts.shard === undefined ? null : parseShard(opts.shard);
  const points = shard === null ? all : shardPoints(all, shard);
  const tasks: PointTask[] = points.map((point) => ({
    base,
    point,
    runs: sweep.runs,
    metrics: sweep.metrics,
  }));
  const workers = opts.workers ?? 2;
  if (!Number.isInteger(workers) || workers < 1)
    throw new ScenarioInputError("--workers", `${workers}`, "an integer >= 1");
  const results = await runInWorkers(tasks, workers, opts);
  const meta: SweepMeta = {
    format: "plexus-sweep/1",
    name: sweep.name,
    keys: Object.keys(sweep.grid),
    totalPoints: all.length,
    shard,
  };
  const interrupted = results.length < tasks.length;
  await writeSweepOutputs(opts.out, meta, results, sweep);
  return { out: opts.out, meta, results, interrupted };
}

function summaryRows(meta: SweepMeta, results: readonly PointResult[]): { columns: string[]; rows: Row[] } {
  const metricKeys = [...new Set(results.flatMap((r) => Object.keys(r.metrics)))].sort();
  const columns = ["point", ...meta.keys, ...metricKeys];
  const rows = results.map((r) => {
    const row: Row = { point: r.index };
    for (const k of meta.keys) row[k] = r.values[k] as Row[string];
    for (const k of metricKeys) row[k] = r.metrics[k] ?? null;
    return row;
  });
  return { columns, rows };
}

/** One chart per metric: x = the first grid key when numeric (else the point index). */
function sweepCharts(meta: SweepMeta, results: readonly PointResult[]): LineChart[] {
  const first = meta.keys[0];
  const numeric = first !== undefined && results.every((r) => typeof r.values[first] === "number");
  // Series are told apart by the other grid keys that take more than one value, by their last name.
  const varying = meta.keys
    .slice(numeric ? 1 : 0)
    .filter((k) => new Set(results.map((r) => String(r.values[k]))).size > 1);
  const shortKey = (k: string) => k.slice(k.lastIndexOf(".") + 1);
  const byMetric = new Map<string, LineChart>();
  for (const r of results)
    for (const [key, y] of Object.entries(r.metrics)) {
      const [metric, series] = key.split(":");
      let chart = byMetric.get(metric);
      if (chart === undefined) {
        chart = {
          id: `sweep-${metric.replaceAll("_", "-")}`,
          title: `${meta.name}: final ${metric} (median over runs)`,
          xTitle: numeric ? first : "grid point",
          yTitle: metric,
          points: [],
        };
        byMetric.set(metric, chart);
      }
      const others = varying.map((k) => `${shortKey(k)}=${String(r.values[k])}`);
      chart.points.push({
        x: numeric ? Number(r.values[first]) : r.index,
        y,
        series: [series, ...others].join(" | "),
      });
    }
  return [...byMetric.values()];
}

async function writeSweepOutputs(
  out: string,
  meta: SweepMeta,
  results: readonly PointResult[],
  sweep?: Sweep,
): Promise<void> {
  const { columns, rows } = summaryRows(meta, results);
  writeFileAtomic(join(out, "sweep.json"), `${JSON.stringify(meta)}\n`);
  writeFileAtomic(join(out, "points.json"), `${JSON.stringify(results)}\n`);
  writeFileAtomic(join(out, "summary.csv"), toCsv(rows, columns));
  const charts = sweepCharts(meta, results);
  const svgs: Array<{ id: string; svg: string }> = [];
  for (const c of charts) {
    const svg = await renderSvg(c);
    writeFileAtomic(join(out, "charts", `${c.id}.svg`), svg);
    svgs.push({ id: c.id, svg });
  }
  const shardText = meta.shard === null ? "all points" : `shard ${meta.shard.index}/${meta.shard.count}`;
  writeFileAtomic(
    join(out, "report.html"),
    renderHtml({
      title: `Sweep: ${meta.name}`,
      meta: [
        `${results.length} of ${meta.totalPoints} grid points (${shardText}); grid keys: ${meta.keys.join(", ")}`,
        sweep === undefined
          ? ""
          : `${sweep.runs} run(s) per point; values are medians over runs of the final row`,
      ].filter((m) => m !== ""),
      sections: [{ heading: "Summary", charts: svgs, table: { columns, rows } }],
    }),
  );
}

/** `plexus sim merge`: joins shard folders of one sweep into one summary (each point once). */
export async function mergeSweepDirs(dirs: readonly string[], out: string): Promise<SweepResult> {
  if (dirs.length === 0) throw new ScenarioInputError("dirs", "no sweep folders given");
  let meta: SweepMeta | undefined;
  const byIndex = new Map<number, PointResult>();
  for (const dir of dirs) {
    const metaPath = join(dir, "sweep.json");
    if (!existsSync(metaPath)) throw new ScenarioInputError(dir, "not a sweep output folder (no sweep.json)");
    const m = JSON.parse(readFileSync(metaPath, "utf8")) as SweepMeta;
    if (meta !== undefined && (m.name !== meta.name || JSON.stringify(m.keys) !== JSON.stringify(meta.keys)))
      throw new ScenarioInputError(dir, `belongs to sweep ${m.name}, not ${meta.name}`);
    meta ??= m;
    for (const r of JSON.parse(readFileSync(join(dir, "points.json"), "utf8")) as PointResult[])
      byIndex.set(r.index, r);
  }
  const merged: SweepMeta = { ...(meta as SweepMeta), shard: null };
  const results = [...byIndex.values()].sort((a, b) => a.index - b.index);
  await writeSweepOutputs(out, merged, results);
  return { out, meta: merged, results, interrupted: results.length < merged.totalPoints };
}
