import type { Row } from "./csv.ts";

/** One block of a report: a heading, optional text, charts (inline SVG) and an optional table. */
export interface ReportSection {
  heading: string;
  text?: string;
  charts?: Array<{ id: string; svg: string }>;
  table?: { columns: string[]; rows: Row[] };
}

export interface Report {
  title: string;
  /** Lines shown under the title (scenario, seed, runs…). */
  meta: string[];
  sections: ReportSection[];
}

const escapeHtml = (s: string): string =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const STYLE = `body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:.9em}figure{margin:1em 0}
table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}
th{background:#f4f4f4}`;

/**
 * A self-contained HTML page: charts are inline SVG, styles inline, no scripts and no external
 * resources, so it opens from file:// with no network access.
 */
export function renderHtml(report: Report): string {
  const parts: string[] = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(report.title)}</h1>`,
    ...report.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`),
  ];
  for (const s of report.sections) {
    parts.push(`<section><h2>${escapeHtml(s.heading)}</h2>`);
    if (s.text) parts.push(`<p>${escapeHtml(s.text)}</p>`);
    for (const c of s.charts ?? [])
      parts.push(`<figure class="chart" data-chart="${escapeHtml(c.id)}">${c.svg}</figure>`);
    if (s.table) {
      parts.push(
        "<table><thead><tr>",
        ...s.table.columns.map((c) => `<th>${escapeHtml(c)}</th>`),
        "</tr></thead><tbody>",
      );
      for (const r of s.table.rows)
        parts.push(
          `<tr>${s.table.columns.map((c) => `<td>${escapeHtml(String(r[c] ?? ""))}</td>`).join("")}</tr>`,
        );
      parts.push("</tbody></table>");
    }
    parts.push("</section>");
  }
  parts.push("</body></html>\n");
  return parts.join("\n");
}
