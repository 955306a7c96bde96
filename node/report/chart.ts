import * as vega from "vega";
import * as vegaLite from "vega-lite";

/** One point of a line chart: x, y, the series it belongs to, and an optional band (lo..hi). */
export interface Point {
  x: number;
  y: number;
  series: string;
  lo?: number;
  hi?: number;
  /** Bar charts: the category on the x axis (bars of the same group sit side by side by series). */
  group?: string;
}

export interface LineChart {
  /** File-safe identifier, also the SVG file name. */
  id: string;
  title: string;
  xTitle: string;
  yTitle: string;
  points: Point[];
  /** Draw a shaded band between `lo` and `hi` (e.g. p10–p90 over Monte Carlo runs). */
  band?: boolean;
  /** Use a grouped bar chart (`group` on x, one bar per `series`, `y` the height) instead of lines. */
  bars?: boolean;
}

/** The vega-lite specification of a chart (kept separate so it can be inspected or exported). */
export function chartSpec(chart: LineChart): vegaLite.TopLevelSpec {
  const common = { width: 640, height: 260, title: chart.title, data: { values: chart.points } } as const;
  if (chart.bars)
    return {
      ...common,
      mark: "bar",
      encoding: {
        x: {
          field: "group",
          type: "nominal",
          title: chart.xTitle,
          sort: null,
          axis: { labelAngle: 0, labelLimit: 200 },
        },
        xOffset: { field: "series", type: "nominal", sort: null },
        y: { field: "y", type: "quantitative", title: chart.yTitle },
        color: { field: "series", type: "nominal", title: null, sort: null },
      },
    } as vegaLite.TopLevelSpec;
  const x = { field: "x", type: "quantitative", title: chart.xTitle } as const;
  const color = { field: "series", type: "nominal", title: null, legend: { labelLimit: 320 } } as const;
  const line = {
    mark: { type: "line", strokeWidth: 1.6 },
    encoding: { x, y: { field: "y", type: "quantitative", title: chart.yTitle }, color },
  } as const;
  if (!chart.band) return { ...common, ...line } as vegaLite.TopLevelSpec;
  return {
    ...common,
    layer: [
      {
        mark: { type: "area", opacity: 0.2 },
        encoding: {
          x,
          y: { field: "lo", type: "quantitative", title: chart.yTitle },
          y2: { field: "hi" },
          color,
        },
      },
      line,
    ],
  } as vegaLite.TopLevelSpec;
}

/**
 * Renders a chart to a standalone SVG string on the server: vega-lite → vega → a headless View
 * (renderer "none") → `toSVG()`. No browser, no network, deterministic for the same data.
 */
export async function renderSvg(chart: LineChart): Promise<string> {
  const compiled = vegaLite.compile(chartSpec(chart)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
