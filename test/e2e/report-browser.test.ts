import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import test from "ava";
import puppeteer from "puppeteer-core";
import { defaultEngines } from "../../node/report/engines.ts";
import { runScenarioFile } from "../../node/report/scenario-run.ts";

const CHROMIUM = "/usr/bin/chromium";

const SCENARIO = `name: browser
seed: 9
duration: { blocks: 900 }
network: { root_tao: 3000000 }
subnets:
  - { netuid: 1, tempo: 60, pool: { tao: 1000, alpha_in: 10000 } }
  - { netuid: 2, tempo: 60, pool: { tao: 500, alpha_in: 10000 } }
agents:
  - { id: miners, kind: miner, subnet: 1, count: 4, quality: { mean: 0.5, sd: 0.2 } }
  - { id: validators, kind: honest_validator, subnet: 1, count: 2, stake_alpha: 500 }
  - { id: copier, kind: weight_copier, subnet: 1, stake_alpha: 200 }
  - { id: washer, kind: wash_trader, subnet: 1, amount_tao: 5, every_blocks: 30 }
  - { id: miners2, kind: miner, subnet: 2, count: 3 }
  - { id: validators2, kind: honest_validator, subnet: 2, count: 2, stake_alpha: 500 }
`;

if (!existsSync(CHROMIUM)) {
  test.skip("the HTML report renders every chart in chromium: skipped, /usr/bin/chromium is not installed", () => {});
} else {
  test("the HTML report opens from file:// with every chart rendered, no console errors and no network", async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "plexus-browser-"));
    writeFileSync(join(dir, "s.yaml"), SCENARIO);
    await runScenarioFile({ file: join(dir, "s.yaml"), out: join(dir, "out"), runs: 2 }, defaultEngines);
    const summary = JSON.parse(readFileSync(join(dir, "out", "summary.json"), "utf8")) as {
      charts: unknown[];
    };
    const reportUrl = pathToFileURL(join(dir, "out", "report.html")).href;

    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: mkdtempSync(join(tmpdir(), "plexus-chromium-")),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
      protocolTimeout: 60_000,
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(reportUrl, { waitUntil: "load", timeout: 60_000 });
      // Runs in the page (a string, so this file needs no DOM typings). A rendered chart has drawn
      // marks with a real size on the page.
      const counts = (await page.evaluate(`(() => {
        const svgs = [...document.querySelectorAll("figure.chart > svg")];
        return {
          figures: document.querySelectorAll("figure.chart").length,
          svgs: svgs.length,
          drawn: svgs.filter((s) => {
            const box = s.getBoundingClientRect();
            return box.width > 100 && box.height > 100 && s.querySelectorAll("path").length > 3;
          }).length,
        };
      })()`)) as { figures: number; svgs: number; drawn: number };
      t.true(summary.charts.length >= 8);
      t.is(counts.figures, summary.charts.length);
      t.is(counts.svgs, summary.charts.length);
      t.is(counts.drawn, summary.charts.length);
      t.deepEqual(errors, []);
      t.deepEqual(requests, [reportUrl]);
    } finally {
      await browser.close();
    }
  });
}
