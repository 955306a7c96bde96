import { join } from "node:path";
import test from "ava";
import { loadGroupEvaluators } from "../../node/conformance/groups.ts";
import { evaluateCase, readVectorFile } from "../../node/conformance/runner.ts";
import { sharedDir } from "./shared.ts";

/**
 * Registers one ava test per vector case of the given files (relative to shared/vectors), run
 * through the same evaluator table as `plexus conformance`: one code path. The files are read at
 * test time; without the shared folder every case is reported skipped, with the reason.
 */
export async function vectorTests(...relFiles: string[]): Promise<void> {
  const shared = sharedDir();
  if (shared === undefined) {
    test.skip(`${relFiles.join(", ")}: skipped, shared/vectors not found (set PLEXUS_SHARED)`, () => {});
    return;
  }
  // ava wants every test declared in one synchronous run after the last await: read first.
  const evaluators = await loadGroupEvaluators();
  const files = await Promise.all(
    relFiles.map(async (rel) => {
      const file = join(shared, "vectors", rel);
      return { rel, file, data: await readVectorFile(file) };
    }),
  );
  for (const { rel, file, data } of files) {
    for (const c of data.cases) {
      test(`${rel} ${c.id}`, async (t) => {
        const r = await evaluateCase(evaluators, file, c);
        t.is(r.error, undefined, r.error);
        t.deepEqual(r.mismatches, [], `${c.group}: ${JSON.stringify(r.mismatches)}`);
      });
    }
  }
}
