import { bands } from "../../sim/scenario/aggregate.ts";
import { parseScenario } from "../../sim/scenario/schema.ts";
import { finalMetrics, type GridPoint, type SweepMetric, setPath } from "../../sim/scenario/sweep.ts";
import { runSeeds } from "./scenario-run.ts";
import { type Engines, simulate } from "./simulate.ts";

/** One grid point's result: its values and the median (over runs) of each final metric. */
export interface PointResult {
  index: number;
  values: Record<string, number | boolean | string>;
  metrics: Record<string, number>;
}

export interface PointTask {
  base: unknown;
  point: GridPoint;
  runs: number;
  metrics: SweepMetric[];
}

/** Runs one grid point in memory (no files): the base scenario with the point's values set. */
export async function runPoint(
  task: PointTask,
  engines: Engines,
  signal?: AbortSignal,
): Promise<PointResult> {
  let doc = task.base;
  for (const [path, value] of Object.entries(task.point.values)) doc = setPath(doc, path, value);
  const scenario = parseScenario(doc);
  const perRun: Array<Record<string, number>> = [];
  for (const seed of runSeeds(scenario.seed, task.runs)) {
    const { world } = await simulate(scenario, seed, engines, { signal });
    perRun.push(finalMetrics(world.records, task.metrics));
  }
  const metrics: Record<string, number> = {};
  for (const key of Object.keys(perRun[0] ?? {}))
    metrics[key] = bands([perRun.map((m) => ({ x: 0, y: m[key] }))])[0].median;
  return { index: task.point.index, values: task.point.values, metrics };
}
