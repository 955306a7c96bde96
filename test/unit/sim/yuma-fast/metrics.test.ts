import { readFile } from "node:fs/promises";
import { join } from "node:path";
import test from "ava";
import { fastEpochMetrics, fastMechanismsMetrics } from "../../../../node/conformance/yuma-fast.ts";
import { sharedDir } from "../../../helpers/shared.ts";
import { TOLERANCE } from "./tolerance.ts";

const shared = sharedDir();
if (shared === undefined) {
  test.skip("fast-mode deviation metrics on the vectors: skipped, shared/vectors not found", () => {});
} else {
  const cases = JSON.parse(await readFile(join(shared, "vectors", "yuma", "public.json"), "utf8"))
    .cases as Array<{
    id: string;
    group: string;
    input: never;
    expected: never;
  }>;

  test("the conformance metrics measure fast mode within the stated tolerance on every yuma vector", (t) => {
    for (const c of cases) {
      const m =
        c.group === "epoch"
          ? fastEpochMetrics(c.input, c.expected)
          : fastMechanismsMetrics(c.input, c.expected);
      t.deepEqual(
        Object.keys(m).sort(),
        [
          "fast_errors",
          "fast_max_abs_dev_consensus",
          "fast_max_abs_dev_dividends",
          "fast_max_abs_dev_incentive",
          "fast_max_abs_dev_u16",
          "fast_max_abs_dev_validator_trust",
          "fast_max_rel_dev_emission",
          "fast_structure_mismatches",
        ],
        c.id,
      );
      t.true(m.fast_max_abs_dev_dividends <= TOLERANCE.fixed, c.id);
      t.true(m.fast_max_abs_dev_incentive <= TOLERANCE.fixed, c.id);
      t.true(m.fast_max_abs_dev_u16 <= TOLERANCE.u16, c.id);
      t.true(m.fast_max_rel_dev_emission <= TOLERANCE.raoRel, c.id);
      t.is(m.fast_structure_mismatches, 0, c.id);
      t.is(m.fast_errors, 0, c.id);
    }
  });

  test("a case the fast mode cannot run is reported as a metric, not an exception", (t) => {
    const c = cases.find((x) => x.group === "epoch") as { input: Record<string, unknown>; expected: never };
    t.deepEqual(fastEpochMetrics({ ...c.input, weights: null } as never, c.expected), { fast_errors: 1 });
  });

  test("a wrong expected value shows up in the metrics", (t) => {
    const c = cases.find((x) => x.group === "epoch") as { input: never; expected: Record<string, unknown> };
    const dividends = (c.expected.dividends as string[]).map((d, i) =>
      i === 0 ? String(Number(d) + 0.25) : d,
    );
    const m = fastEpochMetrics(c.input, { ...c.expected, dividends });
    t.true(m.fast_max_abs_dev_dividends > 0.2);
  });
}
