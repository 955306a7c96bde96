import { randomDenseSpec } from "../node/runtime/dense.ts";
import { createRuntime } from "../node/runtime/select.ts";
import { ServedModel } from "../node/runtime/serve.ts";
import type { BackendInfo, BackendName, RuntimeModel } from "../node/runtime/types.ts";
import type { BenchOutput } from "./index.ts";

/**
 * `npm run bench -- runtime [--seconds S] [--backends a,b]`: throughput of the model runtime on
 * every backend that starts here, for an MLP 784-512-512-10 (relu, relu, softmax).
 *  - path "raw": predictBatch on a ready batch of `batch` rows, back to back;
 *  - path "served": `batch` concurrent clients each sending single rows through the dynamic
 *    batcher (maxBatchSize = batch), i.e. what a miner sees under that much concurrency.
 * Goal: served ≥ 80% of raw at batch 64 on every backend (the batching overhead stays small).
 * tfjs-webgpu runs only if an adapter exists; a software adapter (lavapipe) is measured but marked.
 */
const CANDIDATES: BackendName[] = [
  "tfjs-node-gpu",
  "tfjs-webgpu",
  "tfjs-node",
  "tfjs-wasm",
  "tfjs-cpu",
  "onnx-cpu",
];
const BATCHES = [1, 16, 64];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs `step` repeatedly for `ms` milliseconds (at least once); returns [units done, seconds taken]. */
async function window(ms: number, step: () => Promise<number>): Promise<[number, number]> {
  let units = 0;
  const start = performance.now();
  do units += await step();
  while (performance.now() - start < ms);
  return [units, (performance.now() - start) / 1000];
}

/** `clients` concurrent clients sending single rows through `server` for `ms` milliseconds. */
async function servedWindow(
  server: ServedModel,
  row: Float32Array,
  clients: number,
  ms: number,
): Promise<[number, number]> {
  let done = 0;
  const start = performance.now();
  const deadline = start + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      do {
        await server.predict(row);
        done++;
      } while (performance.now() < deadline);
    }),
  );
  return [done, (performance.now() - start) / 1000];
}

/**
 * Raw and served throughput measured in alternating short windows, so that the load of a shared
 * machine weighs on both paths alike and their ratio stays meaningful.
 */
async function measure(model: RuntimeModel, batch: number, seconds: number, rand: () => number) {
  const x = Float32Array.from({ length: batch * model.inputSize }, rand);
  const row = x.subarray(0, model.inputSize);
  const server = new ServedModel(model, { maxBatchSize: batch, maxWaitMs: 2 });
  const rounds = 8;
  const ms = (seconds * 1000) / rounds;
  const total = { raw: [0, 0], served: [0, 0] };
  for (let i = 0; i < rounds; i++) {
    const [ru, rs] = await window(ms, async () => {
      await model.predictBatch(x, batch);
      return batch;
    });
    const [su, ss] = await servedWindow(server, row, batch, ms);
    total.raw[0] += ru;
    total.raw[1] += rs;
    total.served[0] += su;
    total.served[1] += ss;
  }
  await server.close();
  return { raw: total.raw[0] / total.raw[1], served: total.served[0] / total.served[1] };
}

export async function run(args: string[]): Promise<BenchOutput> {
  const seconds = Number(option(args, "seconds") ?? "2");
  const wanted = option(args, "backends")?.split(",") ?? CANDIDATES;
  let s = 42;
  const rand = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const spec = randomDenseSpec(
    784,
    [
      { units: 512, activation: "relu" },
      { units: 512, activation: "relu" },
      { units: 10, activation: "softmax" },
    ],
    rand,
  );
  const results: Record<string, unknown>[] = [];
  const skipped: string[] = [];
  for (const backend of CANDIDATES.filter((b) => wanted.includes(b))) {
    let info: BackendInfo;
    const runtime = await createRuntime({ backend, allowSoftwareAdapter: true }).catch((err: Error) => {
      skipped.push(`${backend}: ${err.message.split(";")[0]}`);
      return undefined;
    });
    if (runtime === undefined) continue;
    info = runtime.backendInfo();
    const model = await runtime.fromDense(spec);
    await model.warmUp(BATCHES);
    const software = info.adapter?.software ?? false;
    for (const batch of BATCHES) {
      const { raw, served: viaBatcher } = await measure(model, batch, seconds, rand);
      for (const [path, samples] of [
        ["raw", raw],
        ["served", viaBatcher],
      ] as const) {
        results.push({
          backend,
          path,
          batch,
          samples_per_s: Math.round(samples),
          device: info.device,
          ...(info.adapter === undefined
            ? {}
            : { adapter: info.adapter.description, software_adapter: software }),
          ...(path === "served" ? { served_over_raw: Number((viaBatcher / raw).toFixed(3)) } : {}),
        });
      }
    }
    await model.dispose();
    await runtime.dispose();
  }
  const table = [
    "backend       path    batch  samples/s  served/raw",
    ...results.map(
      (r) =>
        `${String(r.backend).padEnd(13)} ${String(r.path).padEnd(7)} ${String(r.batch).padStart(5)}  ${String(r.samples_per_s).padStart(9)}  ${r.served_over_raw ?? ""}${r.software_adapter ? "  (software adapter)" : ""}`,
    ),
    ...skipped.map((l) => `not measured: ${l}`),
  ].join("\n");
  return { table, results };
}
