import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { caseSlug, parseVariants, runCasesFile } from "../../../node/report/cases-run.ts";
import { parseCsv } from "../../../node/report/csv.ts";
import { sharedDir } from "../../helpers/shared.ts";

test("variant lists are checked against the known variants", (t) => {
  t.deepEqual(parseVariants("yuma2, fast"), ["yuma2", "fast"]);
  t.throws(() => parseVariants("yuma4"), { message: /yuma3-liquid/ });
  t.is(caseSlug("Case 12 - all validators switch", 0), "case-12");
});

const file =
  sharedDir() === undefined ? undefined : join(sharedDir()!, "fixtures", "yuma_simulation_cases.json");

if (file === undefined || !existsSync(file)) {
  test.skip("case runs write tables and charts: skipped, shared/fixtures/yuma_simulation_cases.json is missing", () => {});
} else {
  test("a case run writes per-epoch dividends, totals per validator and variant, and one chart per view", async (t) => {
    const out = mkdtempSync(join(tmpdir(), "plexus-cases-"));
    const r = await runCasesFile({ file, out, cases: [1], variants: ["yuma2", "yuma3"] });
    t.is(r.results.length, 2);
    const totals = parseCsv(readFileSync(join(out, "total_dividends.csv"), "utf8"));
    t.is(totals.length, 6);
    t.deepEqual([...new Set(totals.map((x) => x.variant))], ["yuma2", "yuma3"]);
    const div = parseCsv(readFileSync(join(out, "cases", "case-1", "dividends.csv"), "utf8"));
    t.is(div.length, 2 * 40 * 3);
    // The exact Yuma2 and Yuma3 settings really differ on this case.
    const y2 = totals.filter((x) => x.variant === "yuma2").map((x) => x.total_dividends);
    const y3 = totals.filter((x) => x.variant === "yuma3").map((x) => x.total_dividends);
    t.notDeepEqual(y2, y3);
    const html = readFileSync(join(out, "report.html"), "utf8");
    t.is(html.match(/<figure class="chart"/g)?.length, 2 * 3 + 1);
    t.true(existsSync(join(out, "charts", "case-1-total-dividends.svg")));
  });

  test("an unknown case number is an input error that lists the cases", async (t) => {
    const out = mkdtempSync(join(tmpdir(), "plexus-cases-"));
    await t.throwsAsync(runCasesFile({ file, out, cases: [99] }), { message: /--case.*allowed: 1, 2/ });
  });
}
