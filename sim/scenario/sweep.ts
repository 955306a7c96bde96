import { z } from "zod";
import { ScenarioInputError } from "./errors.ts";
import { formatPath } from "./schema.ts";

/**
 * A parameter sweep: a base scenario and a grid of values for dotted paths into it
 * (`subnets[0].hyperparameters.kappa`). Every combination is one grid point; grid points are
 * numbered in a fixed order so that shards (`--shard i/n`) are reproducible.
 */
export const sweepSchema = z
  .object({
    name: z.string().min(1),
    /** Path of the base scenario file, relative to the sweep file. */
    scenario: z.string().min(1),
    /** Dotted/indexed path → list of values. */
    grid: z.record(z.string().min(1), z.array(z.union([z.number(), z.boolean(), z.string()])).min(1)),
    /** Seeds per grid point (Monte Carlo). */
    runs: z.number().int().min(1).max(1000).default(1),
    /** Metrics summarised per grid point (from the final recorded row). */
    metrics: z
      .array(
        z.enum([
          "agent_alpha",
          "agent_value_tao",
          "agent_earned_alpha",
          "subnet_price",
          "subnet_tao_reserve",
        ]),
      )
      .min(1)
      .default(["agent_value_tao", "subnet_price"]),
  })
  .strict();

export type Sweep = z.infer<typeof sweepSchema>;
export type GridValue = number | boolean | string;
export interface GridPoint {
  index: number;
  values: Record<string, GridValue>;
}

export function parseSweep(doc: unknown): Sweep {
  const r = sweepSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ScenarioInputError(formatPath(issue.path), issue.message);
  }
  for (const key of Object.keys(r.data.grid)) parsePath(key, `grid.${key}`);
  return r.data;
}

/** All grid points, last key varying fastest. */
export function expandGrid(grid: Record<string, readonly GridValue[]>): GridPoint[] {
  const keys = Object.keys(grid);
  let points: Array<Record<string, GridValue>> = [{}];
  for (const k of keys) points = points.flatMap((p) => grid[k].map((v) => ({ ...p, [k]: v })));
  return points.map((values, index) => ({ index, values }));
}

/** `"2/4"` → the grid indices of shard 2 of 4 (0-based shard, round-robin). */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index >= count)
    throw new ScenarioInputError(
      "--shard",
      `${JSON.stringify(text)} is not i/n`,
      "i/n with 0 <= i < n, e.g. 0/4",
    );
  return { index, count };
}

export function shardPoints(
  points: readonly GridPoint[],
  shard: { index: number; count: number },
): GridPoint[] {
  return points.filter((p) => p.index % shard.count === shard.index);
}

type PathStep = string | number;

/** `subnets[0].hyperparameters.kappa` → ["subnets", 0, "hyperparameters", "kappa"]. */
export function parsePath(path: string, field = "path"): PathStep[] {
  const steps: PathStep[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|(\.)/gy;
  let last = 0;
  while (last < path.length) {
    const m = re.exec(path);
    if (m === null) break;
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    last = re.lastIndex;
  }
  if (last !== path.length || steps.length === 0)
    throw new ScenarioInputError(
      field,
      `cannot parse path ${JSON.stringify(path)}`,
      "names, [index] and dots",
    );
  return steps;
}

/** A deep copy of `doc` with `value` set at `path` (intermediate objects must exist). */
export function setPath(doc: unknown, path: string, value: GridValue): unknown {
  const steps = parsePath(path);
  const copy = structuredClone(doc) as Record<PathStep, unknown>;
  let node: Record<PathStep, unknown> = copy;
  steps.slice(0, -1).forEach((s, k) => {
    let next = node[s];
    if (next === undefined) {
      // Create missing objects (e.g. a `hyperparameters` block the base scenario left to defaults).
      next = typeof steps[k + 1] === "number" ? [] : {};
      node[s] = next;
    }
    if (typeof next !== "object" || next === null)
      throw new ScenarioInputError(`grid.${path}`, `${formatPath(steps.slice(0, k + 1))} is not an object`);
    node = next as Record<PathStep, unknown>;
  });
  node[steps[steps.length - 1]] = value;
  return copy;
}

export type SweepMetric = Sweep["metrics"][number];

/**
 * The final value of each requested metric in one run, keyed `metric:series` (series = agent id
 * or `subnet N`), e.g. `agent_value_tao:whale`, `subnet_price:subnet 1`.
 */
export function finalMetrics(
  rec: { subnet: Array<Record<string, number>>; agent: Array<Record<string, number | string>> },
  metrics: readonly SweepMetric[],
): Record<string, number> {
  const out: Record<string, number> = {};
  const lastBlock = (rows: Array<Record<string, number | string>>) =>
    rows.length > 0 ? rows[rows.length - 1].block : -1;
  const agents = rec.agent.filter((r) => r.block === lastBlock(rec.agent));
  const subnets = rec.subnet.filter((r) => r.block === lastBlock(rec.subnet));
  const agentCol: Partial<Record<SweepMetric, string>> = {
    agent_alpha: "alpha",
    agent_value_tao: "value_tao",
    agent_earned_alpha: "earned_alpha",
  };
  const subnetCol: Partial<Record<SweepMetric, string>> = {
    subnet_price: "price",
    subnet_tao_reserve: "tao_reserve",
  };
  for (const m of metrics) {
    const a = agentCol[m];
    const s = subnetCol[m];
    if (a !== undefined) for (const r of agents) out[`${m}:${r.agent}`] = Number(r[a]);
    if (s !== undefined) for (const r of subnets) out[`${m}:subnet ${r.netuid}`] = Number(r[s]);
  }
  return out;
}
