import { bands } from "../../sim/scenario/aggregate.ts";
import type { Scenario } from "../../sim/scenario/schema.ts";
import type { Records } from "../../sim/scenario/world.ts";
import type { LineChart, Point } from "./chart.ts";
import type { Row } from "./csv.ts";
import type { Report } from "./html.ts";

type AnyRow = Record<string, number | string>;

/** One metric drawn per series (a subnet, an agent) over blocks, median + p10–p90 across runs. */
interface MetricDef {
  id: string;
  title: string;
  yTitle: string;
  table: keyof Records;
  column: string;
  seriesOf: (r: AnyRow) => string;
  /** Sum rows sharing (series, block) first (e.g. all uids of an agent). */
  sum?: boolean;
}

const bySubnet = (r: AnyRow): string => `subnet ${r.netuid}`;
const byAgent = (r: AnyRow): string => String(r.agent);

export const SCENARIO_METRICS: MetricDef[] = [
  {
    id: "subnet-price",
    title: "Alpha spot price",
    yTitle: "TAO per alpha",
    table: "subnet",
    column: "price",
    seriesOf: bySubnet,
  },
  {
    id: "subnet-moving-price",
    title: "EMA price (drives the emission split)",
    yTitle: "TAO per alpha",
    table: "subnet",
    column: "moving_price",
    seriesOf: bySubnet,
  },
  {
    id: "subnet-tao-reserve",
    title: "Pool TAO reserve",
    yTitle: "TAO",
    table: "subnet",
    column: "tao_reserve",
    seriesOf: bySubnet,
  },
  {
    id: "subnet-tao-emitted",
    title: "TAO emitted into each subnet (cumulative)",
    yTitle: "TAO",
    table: "subnet",
    column: "tao_emitted",
    seriesOf: bySubnet,
  },
  {
    id: "network-block-emission",
    title: "Block emission (halvings)",
    yTitle: "TAO per block",
    table: "subnet",
    column: "block_emission",
    seriesOf: () => "network",
  },
  {
    id: "agent-value",
    title: "Agent position value (alpha × spot price)",
    yTitle: "TAO",
    table: "agent",
    column: "value_tao",
    seriesOf: byAgent,
  },
  {
    id: "agent-earned",
    title: "Alpha earned by each agent's uids (cumulative)",
    yTitle: "alpha",
    table: "agent",
    column: "earned_alpha",
    seriesOf: byAgent,
  },
  {
    id: "agent-dividends",
    title: "Dividends per agent (sum over its uids, last epoch)",
    yTitle: "share of validator emission",
    table: "uid",
    column: "dividends",
    seriesOf: byAgent,
    sum: true,
  },
  {
    id: "agent-incentive",
    title: "Incentive per agent (sum over its uids, last epoch)",
    yTitle: "share of miner emission",
    table: "uid",
    column: "incentive",
    seriesOf: byAgent,
    sum: true,
  },
  {
    id: "agent-bonds",
    title: "Bonds held per agent (sum of stored bond rows)",
    yTitle: "bond (u16 / 65535)",
    table: "uid",
    column: "bonds",
    seriesOf: byAgent,
    sum: true,
  },
];

/** Per series, one (x, y) list per run. */
function seriesOf(
  runs: readonly Records[],
  m: MetricDef,
): Map<string, Array<Array<{ x: number; y: number }>>> {
  const out = new Map<string, Array<Array<{ x: number; y: number }>>>();
  runs.forEach((rec, k) => {
    const acc = new Map<string, Map<number, number>>();
    for (const r of rec[m.table] as AnyRow[]) {
      const s = m.seriesOf(r);
      if (
        m.table === "subnet" &&
        m.id.startsWith("network") &&
        Number(r.netuid) !== Number((rec.subnet[0] ?? r).netuid)
      )
        continue;
      let byX = acc.get(s);
      if (byX === undefined) {
        byX = new Map();
        acc.set(s, byX);
      }
      const x = Number(r.block);
      const y = Number(r[m.column]);
      byX.set(x, m.sum ? (byX.get(x) ?? 0) + y : y);
    }
    for (const [s, byX] of acc) {
      let list = out.get(s);
      if (list === undefined) {
        list = runs.map(() => []);
        out.set(s, list);
      }
      list[k] = [...byX.entries()].map(([x, y]) => ({ x, y }));
    }
  });
  return out;
}

/** The charts of a scenario report (medians with p10–p90 bands when there are several runs). */
export function scenarioCharts(runs: readonly Records[]): LineChart[] {
  const charts: LineChart[] = [];
  for (const m of SCENARIO_METRICS) {
    const points: Point[] = [];
    for (const [series, perRun] of seriesOf(runs, m)) {
      // A series that is zero throughout (e.g. validators' incentive) only clutters the legend.
      if (perRun.every((run) => run.every((p) => p.y === 0))) continue;
      for (const b of bands(perRun))
        points.push(
          runs.length > 1
            ? { x: b.x, y: b.median, lo: b.p10, hi: b.p90, series }
            : { x: b.x, y: b.median, series },
        );
    }
    if (points.length === 0) continue;
    charts.push({
      id: m.id,
      title: m.title,
      xTitle: "block",
      yTitle: m.yTitle,
      points,
      band: runs.length > 1,
    });
  }
  return charts;
}

/** Final row per agent, median over runs: the table under the charts. */
export function agentSummary(runs: readonly Records[]): { columns: string[]; rows: Row[] } {
  const columns = [
    "agent",
    "kind",
    "members",
    "alpha",
    "value_tao",
    "tao_spent",
    "tao_received",
    "earned_alpha",
  ];
  const finals = runs.map((r) => {
    const last = r.agent.length > 0 ? r.agent[r.agent.length - 1].block : 0;
    return r.agent.filter((a) => a.block === last);
  });
  const first = finals[0] ?? [];
  const rows: Row[] = first.map((a, i) => {
    const row: Row = { agent: a.agent, kind: a.kind };
    for (const c of columns.slice(2)) {
      const ys = finals.map((f) => Number(f[i]?.[c] ?? Number.NaN)).sort((p, q) => p - q);
      const med = bands([ys.map((y) => ({ x: 0, y }))])[0]?.median ?? Number.NaN;
      row[c] = Number(med.toPrecision(10));
    }
    return row;
  });
  return { columns, rows };
}

export function scenarioReport(
  scenario: Scenario,
  seeds: ReadonlyArray<number | string>,
  runs: readonly Records[],
  svgs: Map<string, string>,
  charts: readonly LineChart[],
): Report {
  const chart = (id: string) => (svgs.has(id) ? [{ id, svg: svgs.get(id)! }] : []);
  const ids = (prefix: string) => charts.filter((c) => c.id.startsWith(prefix)).flatMap((c) => chart(c.id));
  return {
    title: `Scenario: ${scenario.name}`,
    meta: [
      scenario.description,
      `${scenario.blocks} blocks (${(scenario.blocks / 7200).toFixed(1)} days), epoch mode ${scenario.epoch_mode}, ` +
        `${runs.length} run(s), seeds ${seeds.join(", ")}` +
        (runs.length > 1 ? "; lines are medians, shaded bands p10–p90 across runs" : ""),
    ].filter((m) => m !== ""),
    sections: [
      { heading: "Network and subnets", charts: [...ids("network"), ...ids("subnet")] },
      { heading: "Agents", charts: ids("agent"), table: agentSummary(runs) },
    ],
  };
}
