import test from "ava";
import { renderSvg } from "../../../node/report/chart.ts";
import { renderHtml } from "../../../node/report/html.ts";

test("charts render to standalone SVG on the server, identically twice", async (t) => {
  const chart = {
    id: "c",
    title: "price",
    xTitle: "block",
    yTitle: "TAO",
    band: true,
    points: [0, 1, 2].map((x) => ({ x, y: x, lo: x - 1, hi: x + 1, series: "s" })),
  };
  const a = await renderSvg(chart);
  t.true(a.startsWith("<svg"));
  t.regex(a, /price/);
  t.is(a, await renderSvg(chart));
});

test("the HTML report is self-contained: inline SVG, escaped text, no scripts or external links", (t) => {
  const html = renderHtml({
    title: "A <b>report</b>",
    meta: ["seed 1"],
    sections: [
      {
        heading: "S",
        charts: [{ id: "x", svg: "<svg></svg>" }],
        table: { columns: ["k", "v"], rows: [{ k: "a&b", v: 1 }] },
      },
    ],
  });
  t.regex(html, /A &lt;b&gt;report&lt;\/b&gt;/);
  t.regex(html, /<figure class="chart" data-chart="x"><svg><\/svg><\/figure>/);
  t.regex(html, /<td>a&amp;b<\/td>/);
  t.notRegex(html, /<script|https?:\/\/(?!www\.w3\.org)/);
});
