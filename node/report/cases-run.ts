import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CASE_VARIANTS,
  type CaseResult,
  type CaseVariant,
  runCase,
  type YumaCase,
} from "../../sim/scenario/cases.ts";
import { epochFor } from "../../sim/scenario/epochs.ts";
import { ScenarioInputError } from "../../sim/scenario/errors.ts";
import { writeFileAtomic } from "./atomic.ts";
import { type LineChart, renderSvg } from "./chart.ts";
import { type Row, toCsv } from "./csv.ts";
import { type ReportSection, renderHtml } from "./html.ts";

export interface RunCasesOptions {
  /** The cases file (yuma_simulation_cases.json format). */
  file: string;
  out: string;
  /** 1-based case numbers to run (default: all). */
  cases?: number[];
  variants?: CaseVariant[];
  signal?: AbortSignal;
}

export interface RunCasesResult {
  out: string;
  results: CaseResult[];
  files: string[];
}

/** `"Case 12 - all validators switch…"` → `case-12`. */
export function caseSlug(name: string, index: number): string {
  const m = /^Case (\d+)/.exec(name);
  return `case-${m ? m[1] : index + 1}`;
}

export function parseVariants(text: string): CaseVariant[] {
  const list = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const v of list)
    if (!(CASE_VARIANTS as readonly string[]).includes(v))
      throw new ScenarioInputError(
        "--variants",
        `unknown variant ${JSON.stringify(v)}`,
        CASE_VARIANTS.join(", "),
      );
  if (list.length === 0) throw new ScenarioInputError("--variants", "empty list", CASE_VARIANTS.join(", "));
  return list as CaseVariant[];
}

function loadCases(file: string): YumaCase[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ScenarioInputError(file, `cannot read the cases file: ${(err as Error).message}`);
  }
  if (!Array.isArray(doc)) throw new ScenarioInputError(file, "expected a JSON array of cases");
  return doc as YumaCase[];
}

function caseRows(r: CaseResult): { dividends: Row[]; bonds: Row[]; incentive: Row[] } {
  const dividends: Row[] = [];
  const bonds: Row[] = [];
  const incentive: Row[] = [];
  for (const e of r.epochs) {
    r.validators.forEach((v, i) => {
      dividends.push({
        variant: r.variant,
        epoch: e.epoch,
        validator: v,
        dividend: e.dividends[i],
        validator_emission_rao: e.validatorEmission[i],
      });
      r.servers.forEach((s, j) => {
        bonds.push({ variant: r.variant, epoch: e.epoch, validator: v, server: s, bond: e.bonds[i][j] });
      });
    });
    r.servers.forEach((s, j) => {
      incentive.push({ variant: r.variant, epoch: e.epoch, server: s, incentive: e.incentive[j] });
    });
  }
  return { dividends, bonds, incentive };
}

function caseCharts(slug: string, name: string, results: readonly CaseResult[]): LineChart[] {
  const charts: LineChart[] = [];
  for (const r of results) {
    charts.push({
      id: `${slug}-dividends-${r.variant}`,
      title: `${name}: dividends per validator (${r.variant})`,
      xTitle: "epoch",
      yTitle: "dividend share",
      points: r.epochs.flatMap((e) =>
        r.validators.map((v, i) => ({ x: e.epoch, y: e.dividends[i], series: v })),
      ),
    });
    charts.push({
      id: `${slug}-bonds-${r.variant}`,
      title: `${name}: bonds (${r.variant})`,
      xTitle: "epoch",
      yTitle: "bond (u16 / 65535)",
      points: r.epochs.flatMap((e) =>
        r.validators.flatMap((v, i) =>
          r.servers.map((s, j) => ({ x: e.epoch, y: e.bonds[i][j], series: `${v} → ${s}` })),
        ),
      ),
    });
    charts.push({
      id: `${slug}-incentive-${r.variant}`,
      title: `${name}: incentive per server (${r.variant})`,
      xTitle: "epoch",
      yTitle: "incentive",
      points: r.epochs.flatMap((e) =>
        r.servers.map((s, j) => ({ x: e.epoch, y: e.incentive[j], series: s })),
      ),
    });
  }
  charts.push({
    id: `${slug}-total-dividends`,
    title: `${name}: total dividends per validator`,
    xTitle: "validator",
    yTitle: "Σ dividend share over epochs",
    bars: true,
    points: results.flatMap((r) =>
      r.validators.map((v, i) => ({ x: i, y: r.totalDividends[i], series: r.variant, group: v })),
    ),
  });
  return charts;
}

/**
 * Runs the named yuma-simulation cases through the chain's epoch under each variant and writes,
 * under `out`: total_dividends.csv (case × variant × validator), cases/<slug>/{dividends,bonds,
 * incentive}.csv and case.json, charts/<id>.svg and report.html.
 */
export async function runCasesFile(opts: RunCasesOptions): Promise<RunCasesResult> {
  const all = loadCases(opts.file);
  const variants = opts.variants ?? [...CASE_VARIANTS];
  const selected = all
    .map((c, i) => ({ c, i, slug: caseSlug(c.name, i) }))
    .filter(({ slug }) => opts.cases === undefined || opts.cases.some((n) => slug === `case-${n}`));
  if (selected.length === 0)
    throw new ScenarioInputError(
      "--case",
      `no case ${opts.cases?.join(", ")}`,
      all.map((c, i) => caseSlug(c.name, i).slice(5)).join(", "),
    );
  const files: string[] = [];
  const put = (path: string, data: string) => {
    writeFileAtomic(path, data);
    files.push(path);
  };
  const totals: Row[] = [];
  const results: CaseResult[] = [];
  const sections: ReportSection[] = [];
  for (const { c, i, slug } of selected) {
    if (opts.signal?.aborted) break;
    const perVariant = variants.map((v) =>
      runCase(c, v, epochFor(v === "fast" ? "fast" : "exact"), `cases[${i}]`),
    );
    results.push(...perVariant);
    const dir = join(opts.out, "cases", slug);
    const rows = perVariant.map(caseRows);
    put(join(dir, "dividends.csv"), toCsv(rows.flatMap((r) => r.dividends)));
    put(join(dir, "bonds.csv"), toCsv(rows.flatMap((r) => r.bonds)));
    put(join(dir, "incentive.csv"), toCsv(rows.flatMap((r) => r.incentive)));
    put(
      join(dir, "case.json"),
      `${JSON.stringify(perVariant, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}\n`,
    );
    const table: Row[] = [];
    for (const r of perVariant)
      r.validators.forEach((v, k) => {
        const row = { case: c.name, variant: r.variant, validator: v, total_dividends: r.totalDividends[k] };
        totals.push(row);
        table.push({ variant: r.variant, validator: v, total_dividends: r.totalDividends[k].toFixed(6) });
      });
    const charts = caseCharts(slug, c.name, perVariant);
    const svgs: Array<{ id: string; svg: string }> = [];
    for (const ch of charts) {
      const svg = await renderSvg(ch);
      put(join(opts.out, "charts", `${ch.id}.svg`), svg);
      svgs.push({ id: ch.id, svg });
    }
    const ignored = perVariant[0]?.ignoredOverrides ?? [];
    sections.push({
      heading: c.name,
      text:
        `${c.validators.length} validators, ${c.servers.length} servers, ${c.num_epochs} epochs` +
        (c.reset_bonds
          ? `; bonds to server ${c.reset_bonds_index} reset at epoch ${c.reset_bonds_epoch}`
          : "") +
        (ignored.length > 0
          ? `; overrides with no chain equivalent (not applied): ${ignored.join(", ")}`
          : ""),
      charts: svgs,
      table: { columns: ["variant", "validator", "total_dividends"], rows: table },
    });
  }
  put(join(opts.out, "total_dividends.csv"), toCsv(totals));
  put(
    join(opts.out, "report.html"),
    renderHtml({
      title: "Yuma simulation cases through the chain's epoch",
      meta: [
        `variants: ${variants.join(", ")} (fast = float64 epoch with Yuma3 settings)`,
        "Dividends are each validator's share of the epoch's validator emission; totals sum them over epochs.",
      ],
      sections,
    }),
  );
  return { out: opts.out, results, files };
}
