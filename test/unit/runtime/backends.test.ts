import { Writable } from "node:stream";
import test from "ava";
import pino from "pino";
import { referenceForward } from "../../../node/runtime/dense.ts";
import { createRuntime } from "../../../node/runtime/select.ts";
import type { BackendName, ModelRuntime } from "../../../node/runtime/types.ts";
import { repoRoot } from "../../helpers/shared.ts";
import { maxAbsDiff, testInput, testSpec } from "./fixtures.ts";

const TOLERANCE = 1e-5;
const spec = testSpec();
const rows = 33;
const x = testInput(rows, spec.inputSize);
const reference = referenceForward(spec, x, rows);

async function outputsOn(backend: BackendName, opts: { allowSoftwareAdapter?: boolean } = {}) {
  const runtime = await createRuntime({ backend, ...opts });
  try {
    const model = await runtime.fromDense(spec);
    const y = await model.predictBatch(x, rows);
    await model.dispose();
    return { y, info: runtime.backendInfo() };
  } finally {
    await runtime.dispose();
  }
}

test("tfjs cpu and wasm agree with each other and with the float64 reference", async (t) => {
  const cpu = await outputsOn("tfjs-cpu");
  const wasm = await outputsOn("tfjs-wasm");
  t.true(maxAbsDiff(cpu.y, reference) < TOLERANCE);
  t.true(maxAbsDiff(wasm.y, cpu.y) < TOLERANCE);
  t.is(wasm.info.backend, "tfjs-wasm");
  t.is(wasm.info.device, "cpu");
});

test("the ONNX engine computes the same outputs as tfjs for the same weights", async (t) => {
  const onnx = await outputsOn("onnx-cpu");
  const cpu = await outputsOn("tfjs-cpu");
  t.is(onnx.info.engine, "onnx");
  t.true(maxAbsDiff(onnx.y, cpu.y) < TOLERANCE);
  t.true(maxAbsDiff(onnx.y, reference) < TOLERANCE);
});

test("matmul gives the exact product of small-integer matrices on every CPU backend", async (t) => {
  const n = 48;
  const a = Float32Array.from({ length: n * n }, (_, i) => ((i * 7) % 255) - 127);
  const b = Float32Array.from({ length: n * n }, (_, i) => ((i * 13) % 255) - 127);
  const expected = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
      expected[i * n + j] = s;
    }
  for (const backend of ["tfjs-cpu", "tfjs-wasm", "onnx-cpu"] as const) {
    const runtime = await createRuntime({ backend });
    const c = await runtime.matmul({ rows: n, cols: n, data: a }, { rows: n, cols: n, data: b });
    await runtime.dispose();
    t.is(maxAbsDiff(c.data, expected), 0, backend);
  }
});

test("the default tfjs ladder never settles on a software WebGPU adapter", async (t) => {
  const runtime = await createRuntime();
  const info = runtime.backendInfo();
  await runtime.dispose();
  t.false(info.forced);
  if (info.backend === "tfjs-webgpu") {
    // A machine with a real GPU: the adapter in use must be hardware.
    t.false(info.adapter?.software);
  } else if (info.backend !== "tfjs-node-gpu") {
    t.false(info.tried.find((a) => a.backend === "tfjs-webgpu")?.ok);
  }
  // The rungs above the chosen one are listed, in ladder order, with the reason they were passed over.
  t.true(info.tried.filter((a) => !a.ok).every((a) => (a.reason ?? "").length > 0));
  t.deepEqual(
    info.tried.map((a) => a.backend),
    ["tfjs-node-gpu", "tfjs-webgpu", "tfjs-node", "tfjs-wasm", "tfjs-cpu"].slice(0, info.tried.length),
  );
  t.is(info.tried[info.tried.length - 1].backend, info.backend);
});

test("the onnx ladder falls back from CUDA to the CPU provider", async (t) => {
  const runtime = await createRuntime({ format: "onnx" });
  const info = runtime.backendInfo();
  await runtime.dispose();
  t.true(["onnx-cuda", "onnx-cpu"].includes(info.backend));
  t.is(info.tried[info.tried.length - 1].backend, info.backend);
});

test("the chosen backend is logged with the rungs that were tried", async (t) => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const runtime = await createRuntime({ backend: "tfjs-cpu" }, { logger: pino({ level: "info" }, sink) });
  await runtime.dispose();
  const entry = lines.map((l) => JSON.parse(l)).find((l) => l.backend?.backend === "tfjs-cpu");
  t.truthy(entry);
  t.true(entry.backend.forced);
});

test("a forced backend that is not installed fails with RUNTIME_BACKEND_UNAVAILABLE, no fallback", async (t) => {
  const err = await t.throwsAsync(createRuntime({ backend: "tfjs-node" }));
  t.is((err as { code?: string }).code, "RUNTIME_BACKEND_UNAVAILABLE");
  t.regex(err?.message ?? "", /tfjs-node/);
});

test("an unknown backend name is refused with INPUT_INVALID naming the allowed ones", async (t) => {
  const err = await t.throwsAsync(createRuntime({ backend: "tfjs-quantum" as BackendName }));
  t.is((err as { code?: string }).code, "INPUT_INVALID");
  t.regex(err?.message ?? "", /tfjs-wasm/);
});

test("predictBatch rejects an input of the wrong length with RUNTIME_INPUT_SHAPE", async (t) => {
  const runtime: ModelRuntime = await createRuntime({ backend: "tfjs-cpu" });
  const model = await runtime.fromDense(spec);
  const err = await t.throwsAsync(model.predictBatch(new Float32Array(5), 1));
  t.is((err as { code?: string }).code, "RUNTIME_INPUT_SHAPE");
  await model.dispose();
  await runtime.dispose();
});

test.serial("starting the wasm backend leaves the process's error handlers as they were", async (t) => {
  // Checked in a fresh process: this one may have started wasm already.
  const { spawnSync } = await import("node:child_process");
  const script = [
    'import { createRuntime } from "./node/runtime/select.ts";',
    'const count = () => process.listeners("unhandledRejection").length + process.listeners("uncaughtException").length;',
    "const before = count();",
    'const rt = await createRuntime({ backend: "tfjs-wasm" });',
    "console.log(JSON.stringify({ before, after: count(), backend: rt.backendInfo().backend }));",
  ].join("\n");
  const out = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 60_000,
  });
  const line = JSON.parse(out.stdout.trim().split("\n").pop() ?? "{}");
  t.is(line.backend, "tfjs-wasm", out.stderr);
  t.is(line.after, line.before);
});
