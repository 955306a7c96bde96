/** A table cell: numbers are written with JavaScript's shortest round-trip form (deterministic). */
export type Cell = string | number | bigint | boolean | null;
export type Row = Record<string, Cell>;

function cell(v: Cell): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows → RFC 4180 CSV with a header line; `columns` fixes the order (default: first row's keys). */
export function toCsv(rows: readonly Row[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  const lines = [cols.map((c) => cell(c)).join(",")];
  for (const r of rows) lines.push(cols.map((c) => cell(r[c] ?? null)).join(","));
  return `${lines.join("\n")}\n`;
}

/** Parses CSV written by `toCsv` (quoted fields allowed); numbers stay strings. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let rec: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      rec.push(field);
      field = "";
    } else if (ch === "\n") {
      rec.push(field);
      records.push(rec);
      rec = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || rec.length > 0) {
    rec.push(field);
    records.push(rec);
  }
  const [header, ...body] = records;
  if (header === undefined) return [];
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ""])));
}
