import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { referenceForward } from "../../../node/runtime/dense.ts";
import { createRuntime } from "../../../node/runtime/select.ts";
import type { ModelRuntime } from "../../../node/runtime/types.ts";
import { maxAbsDiff, testInput, testSpec } from "./fixtures.ts";

// Decided at load time: the WebGPU path needs a Vulkan driver (Mesa lavapipe in CI, see
// .ci/system-deps.sh). Without any adapter the tests are registered as skipped, with the reason.
let webgpu: ModelRuntime | undefined;
let reason = "";
try {
  webgpu = await createRuntime({ backend: "tfjs-webgpu", allowSoftwareAdapter: true });
} catch (err) {
  reason = String((err as { meta?: { reason?: string } }).meta?.reason ?? (err as Error).message);
}
const gpuTest = webgpu === undefined ? test.skip : test.serial;
const suffix = webgpu === undefined ? ` : skipped, no WebGPU adapter (${reason})` : "";

test.after.always(async () => {
  await webgpu?.dispose();
});

gpuTest(`WebGPU outputs agree with the cpu backend${suffix}`, async (t) => {
  const spec = testSpec();
  const x = testInput(17, spec.inputSize);
  const model = await webgpu!.fromDense(spec);
  const y = await model.predictBatch(x, 17);
  await model.dispose();
  const cpu = await createRuntime({ backend: "tfjs-cpu" });
  const cpuModel = await cpu.fromDense(spec);
  const yCpu = await cpuModel.predictBatch(x, 17);
  await cpuModel.dispose();
  await cpu.dispose();
  t.true(maxAbsDiff(y, yCpu) < 1e-5);
  t.true(maxAbsDiff(y, referenceForward(spec, x, 17)) < 1e-5);
});

gpuTest(`the WebGPU adapter is described and a software one is marked as such${suffix}`, (t) => {
  const info = webgpu!.backendInfo();
  t.is(info.backend, "tfjs-webgpu");
  t.truthy(info.adapter);
  t.is(info.device, info.adapter!.software ? "cpu" : "gpu");
});

gpuTest(`WebGPU matmul of small-integer matrices is exact${suffix}`, async (t) => {
  const n = 64;
  const a = Float32Array.from({ length: n * n }, (_, i) => ((i * 5) % 255) - 127);
  const b = Float32Array.from({ length: n * n }, (_, i) => ((i * 3) % 255) - 127);
  const c = await webgpu!.matmul({ rows: n, cols: n, data: a }, { rows: n, cols: n, data: b });
  let worst = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
      worst = Math.max(worst, Math.abs(s - c.data[i * n + j]));
    }
  t.is(worst, 0);
});

gpuTest(`without allowSoftwareAdapter a software adapter is refused${suffix}`, async (t) => {
  if (!webgpu!.backendInfo().adapter?.software) {
    t.pass("the adapter here is real hardware; nothing to refuse");
    return;
  }
  const err = await t.throwsAsync(createRuntime({ backend: "tfjs-webgpu" }));
  t.is((err as { code?: string }).code, "RUNTIME_BACKEND_UNAVAILABLE");
  t.regex(err?.message ?? "", /software adapter/);
});

gpuTest(`a model saved from WebGPU loads back with identical outputs${suffix}`, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-webgpu-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const spec = testSpec(5);
  const x = testInput(4, spec.inputSize);
  const model = await webgpu!.fromDense(spec);
  const before = await model.predictBatch(x, 4);
  await model.save(dir);
  const loaded = await webgpu!.loadModel(dir);
  t.is(maxAbsDiff(await loaded.predictBatch(x, 4), before), 0);
  await loaded.dispose();
  await model.dispose();
});
