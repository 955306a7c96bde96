import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import test from "ava";
import { createRuntime } from "../../../node/runtime/select.ts";
import { builtinSubnetsDir, discoverSubnets, loadSubnet } from "../../../subnets/registry.ts";
import { scaffoldSubnet } from "../../../subnets/scaffold.ts";
import { trainSubnet } from "../../../subnets/train.ts";
import { repoRoot } from "../../helpers/shared.ts";

/** A scratch folder inside the repository (ignored by git) so scaffolded code resolves node_modules. */
async function scratch(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = join(repoRoot, ".plexus", `test-subnets-${randomBytes(4).toString("hex")}`);
  await mkdir(dir, { recursive: true });
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test("the shipped subnets are discovered, and the template and shared code are not", async (t) => {
  const found = await discoverSubnets([builtinSubnetsDir]);
  t.deepEqual([...found.keys()].sort(), ["distill", "matmul"]);
  t.is(found.get("distill")?.definition.model.kind, "dense");
  t.is(found.get("matmul")?.definition.model.kind, "compute");
});

test("a scaffolded subnet is found on an extra path and works end to end", async (t) => {
  const root = await scratch(t);
  const dir = await scaffoldSubnet("dot-product", root);
  const { definition } = await loadSubnet("dot-product", [builtinSubnetsDir, root]);
  t.is(definition.name, "dot-product");
  t.is(dir, join(root, "dot-product"));
  const runtime = await createRuntime({ backend: "tfjs-cpu" });
  const miner = await definition.createMiner({ runtime });
  const q = definition.generateChallenge("seed", "nonce-1");
  const r = await miner.handle(q);
  t.true(definition.responseSchema.safeParse(r).success);
  t.is(definition.score({ challenge: q, response: r, latencyMs: 10, seed: "seed" }), 1);
  t.is(
    definition.score({
      challenge: q,
      response: { ...(r as object), nonce: "x" },
      latencyMs: 10,
      seed: "seed",
    }),
    0,
  );
  await miner.close();
  await runtime.dispose();
});

test("scaffolding refuses bad names and existing folders", async (t) => {
  const root = await scratch(t);
  t.is(((await t.throwsAsync(scaffoldSubnet("Bad Name", root))) as { code?: string }).code, "INPUT_INVALID");
  await scaffoldSubnet("twice", root);
  t.is(((await t.throwsAsync(scaffoldSubnet("twice", root))) as { code?: string }).code, "SUBNET_EXISTS");
});

test("a folder whose index.ts exports no valid subnet is reported with SUBNET_INVALID", async (t) => {
  const root = await scratch(t);
  await mkdir(join(root, "broken"));
  await writeFile(join(root, "broken", "index.ts"), 'export const subnet = { name: "other" };\n');
  const err = await t.throwsAsync(discoverSubnets([root]));
  t.is((err as { code?: string }).code, "SUBNET_INVALID");
});

test("an unknown subnet name fails with SUBNET_UNKNOWN listing the known ones", async (t) => {
  const err = await t.throwsAsync(loadSubnet("nope", [builtinSubnetsDir]));
  t.is((err as { code?: string }).code, "SUBNET_UNKNOWN");
  t.regex(err?.message ?? "", /distill/);
});

test("training a subnet without a model says it is not implemented", async (t) => {
  const err = await t.throwsAsync(
    trainSubnet("matmul", {
      epochs: 1,
      hidden: 1,
      out: "/nonexistent",
      format: "tfjs",
      seed: "s",
      samples: 64,
    }),
  );
  t.is((err as { code?: string }).code, "NOT_IMPLEMENTED");
});
