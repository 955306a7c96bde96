import { readFile } from "node:fs/promises";
import { PlexusError } from "../../sim/errors.ts";
import { firstMismatches } from "./compare.ts";
import { loadGroupEvaluators } from "./groups.ts";
import { quoteUnsafeIntegers } from "./lossless_json.ts";
import type { GroupEvaluator, Mismatch, VectorCase, VectorFile } from "./types.ts";

export interface CaseReport {
  file: string;
  id: string;
  group: string;
  passed: boolean;
  mismatches: Mismatch[];
  error?: string;
}

export interface ConformanceReport {
  passed: number;
  failed: number;
  cases: CaseReport[];
  /** Per group, the maximum of each metric an evaluator reported (e.g. fast mode's deviation). */
  metrics: Record<string, Record<string, number>>;
}

export class VectorFileError extends PlexusError {
  constructor(file: string, problem: string, cause?: unknown) {
    super("INPUT_VECTOR_FILE", `${file}: ${problem}`, { meta: { file }, cause });
    this.name = "VectorFileError";
  }
}

export async function readVectorFile(file: string): Promise<VectorFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new VectorFileError(file, `cannot read the file (${(err as Error).message})`, err);
  }
  let data: unknown;
  try {
    data = JSON.parse(quoteUnsafeIntegers(text));
  } catch (err) {
    throw new VectorFileError(file, `not valid JSON (${(err as Error).message})`, err);
  }
  const cases = (data as VectorFile | null)?.cases;
  if (!Array.isArray(cases)) {
    throw new VectorFileError(file, 'not a vector file: expected {"cases": [{id, group, input, expected}]}');
  }
  cases.forEach((c, i) => {
    if (typeof c?.id !== "string" || typeof c?.group !== "string" || !("input" in c) || !("expected" in c)) {
      throw new VectorFileError(file, `cases[${i}] lacks one of id, group, input, expected`);
    }
  });
  return data as VectorFile;
}

/** Runs one case; an exception from the evaluator is a failure of that case, never of the run. */
export async function evaluateCase(
  evaluators: Map<string, GroupEvaluator>,
  file: string,
  c: VectorCase,
  metrics?: ConformanceReport["metrics"],
): Promise<CaseReport> {
  const base = { file, id: c.id, group: c.group };
  const evaluator = evaluators.get(c.group);
  if (evaluator === undefined) {
    return { ...base, passed: false, mismatches: [], error: `unsupported group "${c.group}"` };
  }
  try {
    const outcome = await evaluator(c.input, c.expected);
    if (metrics !== undefined && outcome.metrics !== undefined) {
      metrics[c.group] ??= {};
      const m = metrics[c.group];
      for (const [k, v] of Object.entries(outcome.metrics))
        m[k] = Math.max(m[k] ?? Number.NEGATIVE_INFINITY, v);
    }
    return {
      ...base,
      passed: outcome.mismatches.length === 0,
      mismatches: firstMismatches(outcome.mismatches),
    };
  } catch (err) {
    const e = err as Error;
    return { ...base, passed: false, mismatches: [], error: `${e.name}: ${e.message}` };
  }
}

export async function runConformance(files: string[]): Promise<ConformanceReport> {
  const evaluators = await loadGroupEvaluators();
  const report: ConformanceReport = { passed: 0, failed: 0, cases: [], metrics: {} };
  for (const file of files) {
    const data = await readVectorFile(file);
    for (const c of data.cases) {
      const r = await evaluateCase(evaluators, file, c, report.metrics);
      report.cases.push(r);
      if (r.passed) report.passed++;
      else report.failed++;
    }
  }
  return report;
}

const show = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

/** One line per failing case (id, field, expected vs got), then metrics, then `N passed, N failed`. */
export function formatReport(report: ConformanceReport): string {
  const lines: string[] = [];
  for (const r of report.cases) {
    if (r.passed) continue;
    if (r.error !== undefined) lines.push(`FAIL ${r.id} [${r.group}]: ${r.error}`);
    for (const m of r.mismatches) {
      lines.push(`FAIL ${r.id} [${r.group}] ${m.field}: expected ${show(m.expected)}, got ${show(m.got)}`);
    }
  }
  for (const [group, m] of Object.entries(report.metrics)) {
    for (const [k, v] of Object.entries(m)) lines.push(`metric ${group}.${k} = ${v}`);
  }
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  return lines.join("\n");
}
