import type { EpochView, LocalnetResult } from "./localnet.ts";

/** The live terminal view: one table per epoch. */
export function formatEpoch(view: EpochView): string {
  const head = `epoch ${view.epoch}  block ${view.block}  queries ${view.queries}  answered ${view.answered}`;
  const validators = view.rows[0]?.scores.length ?? 0;
  const cols = [
    "uid",
    "role",
    ...Array.from({ length: validators }, (_, i) => `score v${i}`),
    ...Array.from({ length: validators }, (_, i) => `weight v${i}`),
    "incentive",
    "dividends",
    "emission α",
  ];
  const lines = view.rows.map((r) => [
    String(r.uid),
    r.role,
    ...r.scores.map((s) => (r.role === "validator" ? "-" : s.toFixed(3))),
    ...r.weights.map((w) => (r.role === "validator" ? "-" : String(w))),
    (r.incentive / 65535).toFixed(3),
    (r.dividends / 65535).toFixed(3),
    (Number(r.emission) / 1e9).toFixed(4),
  ]);
  const widths = cols.map((c, i) => Math.max(c.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  return [head, fmt(cols), ...lines.map(fmt)].join("\n");
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained HTML report: incentive per miner over the epochs (inline SVG) and the final table. */
export function renderReport(result: LocalnetResult): string {
  const miners = result.epochs[0]?.rows.filter((r) => r.role !== "validator") ?? [];
  const palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];
  const W = 640;
  const H = 260;
  const n = result.epochs.length;
  const x = (e: number) => 40 + ((W - 60) * (e - 1)) / Math.max(1, n - 1);
  const y = (v: number) => H - 30 - (H - 50) * (v / 65535);
  const series = miners
    .map((m, i) => {
      const pts = result.epochs.map((e) => {
        const row = e.rows.find((r) => r.uid === m.uid);
        return `${x(e.epoch).toFixed(1)},${y(row?.incentive ?? 0).toFixed(1)}`;
      });
      const color = palette[i % palette.length];
      return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(" ")}"/><text x="${W - 15}" y="${y(
        result.epochs.at(-1)?.rows.find((r) => r.uid === m.uid)?.incentive ?? 0,
      ).toFixed(1)}" fill="${color}" font-size="11">uid ${m.uid} ${esc(m.role)}</text>`;
    })
    .join("\n");
  const last = result.epochs.at(-1);
  const rows = (last?.rows ?? [])
    .map(
      (r) =>
        `<tr><td>${r.uid}</td><td>${esc(r.role)}</td><td><code>${esc(r.hotkey)}</code></td><td>${r.scores
          .map((s) => s.toFixed(3))
          .join(
            " / ",
          )}</td><td>${(r.incentive / 65535).toFixed(4)}</td><td>${(r.dividends / 65535).toFixed(4)}</td><td>${(
          Number(r.emission) / 1e9
        ).toFixed(6)}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>plexus localnet report</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:right}code{font-size:.8em}</style>
</head><body>
<h1>plexus localnet</h1>
<p>Subnet <b>${esc(result.options.subnet)}</b> (netuid ${result.netuid}), ${n} epochs, miners: ${esc(result.options.miners.join(", "))}.</p>
<h2>Incentive per miner</h2>
<svg width="${W + 120}" height="${H}" role="img" aria-label="incentive per epoch">
<line x1="40" y1="${H - 30}" x2="${W - 20}" y2="${H - 30}" stroke="#999"/><line x1="40" y1="20" x2="40" y2="${H - 30}" stroke="#999"/>
<text x="${W / 2}" y="${H - 8}" font-size="12">epoch</text>
${series}
</svg>
<h2>After epoch ${last?.epoch ?? 0} (block ${last?.block ?? 0})</h2>
<table><tr><th>uid</th><th>role</th><th>hotkey</th><th>score per validator</th><th>incentive</th><th>dividends</th><th>emission (α)</th></tr>
${rows}
</table>
</body></html>
`;
}
