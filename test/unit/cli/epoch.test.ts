import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { runSimEpoch } from "../../../node/cli/cmds/sim/epoch.ts";
import { compareExact } from "../../../node/conformance/compare.ts";
import { quoteUnsafeIntegers } from "../../../node/conformance/lossless_json.ts";
import { randomEpochInput } from "../../../sim/yuma/fast/random.ts";
import { sharedDir } from "../../helpers/shared.ts";

const dir = await mkdtemp(join(tmpdir(), "plexus-epoch-"));
let counter = 0;
async function file(content: unknown): Promise<string> {
  const path = join(dir, `in-${counter++}.json`);
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}
const run = async (content: unknown, opts: Partial<Parameters<typeof runSimEpoch>[0]> = {}) =>
  runSimEpoch({ file: await file(content), mode: "exact", format: "json", ...opts });

const small = randomEpochInput({ uids: 6, validators: 2, seed: 3 });

const shared = sharedDir();
const vectors =
  shared === undefined
    ? undefined
    : JSON.parse(await readFile(join(shared, "vectors", "yuma", "public.json"), "utf8")).cases;

if (vectors === undefined) {
  test.skip("prints a vector case's outputs exactly as its expected: skipped, shared/vectors not found", () => {});
} else {
  test("prints a vector case's outputs exactly as its expected, for epochs and mechanisms", async (t) => {
    for (const id of ["pub-basic-yuma2", "pub-la-prior-bonds", "pub-mech-split"]) {
      const c = vectors.find((x: { id: string }) => x.id === id);
      const printed = JSON.parse(await run(c));
      t.deepEqual(compareExact(c.expected, printed), [], id);
      t.deepEqual(Object.keys(printed), Object.keys(c.expected), `${id}: same keys in the same order`);
    }
  });
}

test("a bare input and a vector case holding it print the same outputs", async (t) => {
  t.is(await run(small), await run({ id: "x", group: "epoch", input: small, expected: {} }));
});

test("the variant option overrides the yuma3 and liquid-alpha switches", async (t) => {
  const asYuma3 = await run({ ...small, yuma3: true, liquid_alpha: true });
  t.is(await run(small, { variant: "yuma3-liquid" }), asYuma3);
  t.not(await run(small, { variant: "yuma2" }), asYuma3);
  t.true(asYuma3.includes('"liquid_alpha_used": true'));
  t.false((await run(small, { variant: "yuma2" })).includes("liquid_alpha_used"));
});

test("fast mode prints the same schema with values close to exact", async (t) => {
  const exact = JSON.parse(await run(small, { variant: "yuma3" }));
  const fast = JSON.parse(await run(small, { variant: "yuma3", mode: "fast" }));
  t.deepEqual(Object.keys(fast), Object.keys(exact));
  for (const k of ["dividends", "incentive", "consensus"]) {
    for (const [i, v] of (exact[k] as string[]).entries()) {
      t.true(Math.abs(Number(v) - Number(fast[k][i])) < 1e-6, `${k}[${i}]`);
    }
  }
  t.deepEqual(fast.active, exact.active);
});

test("invalid input is rejected with an error naming the field, in both modes", async (t) => {
  for (const mode of ["exact", "fast"] as const) {
    const bad = { ...small, weights: small.weights.map((r, i) => (i === 1 ? [[0, 70000]] : r)) };
    const err = await t.throwsAsync(run(bad, { mode }));
    t.is((err as { code?: string }).code, "INPUT_INVALID");
    t.regex(err?.message ?? "", /weights\[1\]/);
  }
  const notJson = await t.throwsAsync(run("{ nope"));
  t.is((notJson as { code?: string }).code, "INPUT_INVALID");
  const missing = await t.throwsAsync(
    runSimEpoch({ file: join(dir, "absent.json"), mode: "exact", format: "json" }),
  );
  t.is((missing as { code?: string }).code, "INPUT_FILE");
});

test("the table format lists every uid with its emission", async (t) => {
  const text = await run(small, { format: "table" });
  const lines = text.split("\n");
  t.regex(lines[0], /uid.*incentive.*dividends.*emission/);
  for (let uid = 0; uid < small.n; uid++)
    t.true(
      lines.some((l) => l.trimStart().startsWith(`${uid} `)),
      `uid ${uid}`,
    );
  t.regex(text, /emission total \d+ rao/);
});

test("u64 amounts beyond 2^53 are read exactly", async (t) => {
  const big = JSON.stringify({ ...small, rao_emission: 0 }).replace(
    '"rao_emission":0',
    '"rao_emission":18446744073709551615',
  );
  const out = JSON.parse(quoteUnsafeIntegers(await run(big)));
  const total = out.emission.reduce((s: bigint, e: string | number) => s + BigInt(e), 0n);
  t.true(total > 2n ** 63n, `total ${total}`);
});
