import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { createRuntime } from "../../../node/runtime/select.ts";
import type { BackendName } from "../../../node/runtime/types.ts";
import { maxAbsDiff, testInput, testSpec } from "./fixtures.ts";

const spec = testSpec(3);
const x = testInput(9, spec.inputSize, 5);

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "plexus-runtime-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

for (const backend of ["tfjs-cpu", "tfjs-wasm", "onnx-cpu"] as BackendName[]) {
  test.serial(`a model saved on ${backend} loads back with identical outputs`, async (t) => {
    const dir = await tempDir(t);
    const runtime = await createRuntime({ backend });
    const model = await runtime.fromDense(spec);
    const before = await model.predictBatch(x, 9);
    await model.save(dir);
    const loaded = await runtime.loadModel(dir);
    t.is(loaded.inputSize, spec.inputSize);
    t.is(loaded.outputSize, 10);
    t.is(maxAbsDiff(await loaded.predictBatch(x, 9), before), 0);
    // No temporary files are left behind by the atomic writes.
    t.false((await readdir(dir)).some((f) => f.endsWith(".tmp")));
    await loaded.dispose();
    await model.dispose();
    await runtime.dispose();
  });
}

test.serial(
  "the tfjs folder layout is tfjs-node's (model.json + weights.bin) and moves between backends",
  async (t) => {
    const dir = await tempDir(t);
    const cpu = await createRuntime({ backend: "tfjs-cpu" });
    const model = await cpu.fromDense(spec);
    const yCpu = await model.predictBatch(x, 9);
    await model.save(dir);
    t.deepEqual((await readdir(dir)).sort(), ["model.json", "weights.bin"]);
    const json = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
    t.deepEqual(json.weightsManifest[0].paths, ["./weights.bin"]);
    t.is((await readFile(join(dir, "weights.bin"))).length, 4 * (32 * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10));
    const wasm = await createRuntime({ backend: "tfjs-wasm" });
    const onWasm = await wasm.loadModel(dir);
    t.true(maxAbsDiff(await onWasm.predictBatch(x, 9), yCpu) < 1e-5);
    await onWasm.dispose();
    await model.dispose();
    await wasm.dispose();
    await cpu.dispose();
  },
);

test.serial("warm-up runs the model without changing its outputs", async (t) => {
  const runtime = await createRuntime({ backend: "tfjs-cpu" });
  const model = await runtime.fromDense(spec);
  const before = await model.predictBatch(x, 9);
  await model.warmUp([1, 8]);
  t.is(maxAbsDiff(await model.predictBatch(x, 9), before), 0);
  await model.dispose();
  await runtime.dispose();
});

test.serial("loading a folder of the other engine's format fails with RUNTIME_MODEL_INVALID", async (t) => {
  const onnxDir = await tempDir(t);
  const onnx = await createRuntime({ backend: "onnx-cpu" });
  const m = await onnx.fromDense(spec);
  await m.save(onnxDir);
  const tfjs = await createRuntime({ backend: "tfjs-cpu" });
  const err = await t.throwsAsync(tfjs.loadModel(onnxDir));
  t.is((err as { code?: string }).code, "RUNTIME_MODEL_INVALID");
  t.regex(err?.message ?? "", /onnx/i);
  await m.dispose();
  await onnx.dispose();
  await tfjs.dispose();
});

test.serial("a missing or corrupt model fails with RUNTIME_MODEL_INVALID", async (t) => {
  const dir = await tempDir(t);
  const runtime = await createRuntime({ backend: "tfjs-cpu" });
  t.is(((await t.throwsAsync(runtime.loadModel(dir))) as { code?: string }).code, "RUNTIME_MODEL_INVALID");
  await writeFile(join(dir, "model.json"), "{ not json");
  t.is(((await t.throwsAsync(runtime.loadModel(dir))) as { code?: string }).code, "RUNTIME_MODEL_INVALID");
  const onnxDir = await tempDir(t);
  await writeFile(join(onnxDir, "model.onnx"), Uint8Array.from([1, 2, 3]));
  const onnx = await createRuntime({ backend: "onnx-cpu" });
  t.is(((await t.throwsAsync(onnx.loadModel(onnxDir))) as { code?: string }).code, "RUNTIME_MODEL_INVALID");
  await runtime.dispose();
  await onnx.dispose();
});
