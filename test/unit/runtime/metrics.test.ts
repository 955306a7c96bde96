import test from "ava";
import { Registry } from "prom-client";
import { randomDenseSpec } from "../../../node/runtime/dense.ts";
import { createRuntimeMetrics, recordBackend } from "../../../node/runtime/metrics.ts";
import { createRuntime } from "../../../node/runtime/select.ts";
import { ServedModel } from "../../../node/runtime/serve.ts";
import { lcg } from "./fixtures.ts";

test("the backend choice and served batches show up in the metrics registry", async (t) => {
  const registry = new Registry();
  const metrics = createRuntimeMetrics(registry);
  const runtime = await createRuntime({ backend: "tfjs-cpu" });
  recordBackend(metrics, runtime.backendInfo());
  const model = await runtime.fromDense(randomDenseSpec(4, [{ units: 2, activation: "linear" }], lcg(3)));
  const served = new ServedModel(model, { maxBatchSize: 8, maxWaitMs: 1 }, metrics);
  await Promise.all(Array.from({ length: 8 }, () => served.predict(new Float32Array(4))));
  await t.throwsAsync(served.predict(new Float32Array(3)));
  const text = await registry.metrics();
  t.regex(
    text,
    /plexus_runtime_backend_info\{backend="tfjs-cpu",engine="tfjs",device="cpu",adapter="",software_adapter="false"\} 1/,
  );
  t.regex(text, /plexus_runtime_batch_size_count 1\b/);
  t.regex(text, /plexus_runtime_requests_total\{result="ok"\} 8/);
  await served.close();
  await model.dispose();
  await runtime.dispose();
});
