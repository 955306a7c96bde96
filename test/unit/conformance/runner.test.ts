import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { compareExact } from "../../../node/conformance/compare.ts";
import { formatReport, runConformance } from "../../../node/conformance/runner.ts";

async function vectorFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "plexus-conf-"));
  const file = join(dir, "v.json");
  await writeFile(file, JSON.stringify(content));
  return file;
}

test("an unknown group counts as failed, never skipped", async (t) => {
  const file = await vectorFile({ cases: [{ id: "a", group: "no_such_group", input: {}, expected: {} }] });
  const report = await runConformance([file]);
  t.is(report.failed, 1);
  t.is(report.passed, 0);
  t.regex(report.cases[0].error ?? "", /unsupported group "no_such_group"/);
  t.regex(formatReport(report), /^0 passed, 1 failed$/m);
});

test("a file without a cases array is rejected with a typed error naming the file", async (t) => {
  const file = await vectorFile({ keys: [] });
  const err = await t.throwsAsync(runConformance([file]));
  t.is((err as { code?: string }).code, "INPUT_VECTOR_FILE");
  t.true(err?.message.includes(file));
});

test("compareExact reports each differing leaf with its path", (t) => {
  const m = compareExact(
    { a: [1, 2, { b: "0.5" }], c: true },
    { a: [1, 3, { b: "0.25" }], c: true, extra: 1 },
  );
  t.deepEqual(m, [
    { field: "a[1]", expected: 2, got: 3 },
    { field: "a[2].b", expected: "0.5", got: "0.25" },
  ]);
  t.deepEqual(compareExact([1, 2], [1]), [{ field: ".length", expected: 2, got: 1 }]);
});
