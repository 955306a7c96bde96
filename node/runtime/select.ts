import * as tf from "@tensorflow/tfjs";
import * as ort from "onnxruntime-node";
import { InvalidInputError } from "../../sim/errors.ts";
import type { Logger } from "../log/index.ts";
import { startNative } from "./backends/native.ts";
import { startWasm } from "./backends/wasm.ts";
import { startWebGpu, stopWebGpu } from "./backends/webgpu.ts";
import { BackendUnavailableError } from "./errors.ts";
import { matmulOnnx } from "./onnx/model.ts";
import { OnnxRuntime } from "./onnx-runtime.ts";
import { defaultRuntimeOptions, type RuntimeOptions } from "./options.ts";
import { TfjsRuntime } from "./tfjs-runtime.ts";
import {
  BACKENDS,
  type BackendAttempt,
  type BackendInfo,
  type BackendName,
  type ModelRuntime,
  ONNX_BACKENDS,
  TFJS_BACKENDS,
} from "./types.ts";

type Starter = (
  opts: RuntimeOptions,
  base: Omit<BackendInfo, "backend" | "engine" | "device">,
) => Promise<ModelRuntime>;

/**
 * How to start each backend. A starter either returns a working runtime or throws (usually a
 * BackendUnavailableError saying why); the ladder then moves to the next rung.
 */
const starters: Record<BackendName, Starter> = {
  "tfjs-node-gpu": async (_o, base) => {
    await startNative("tfjs-node-gpu");
    return new TfjsRuntime("tensorflow", {
      ...base,
      backend: "tfjs-node-gpu",
      engine: "tfjs",
      device: "gpu",
    });
  },
  "tfjs-webgpu": async (o, base) => {
    const adapter = await startWebGpu({
      allowSoftwareAdapter: o.allowSoftwareAdapter,
      dawnOptions: o.dawnOptions,
    });
    const info: BackendInfo = {
      ...base,
      backend: "tfjs-webgpu",
      engine: "tfjs",
      device: adapter.software ? "cpu" : "gpu",
      adapter,
    };
    return new TfjsRuntime("webgpu", info, stopWebGpu);
  },
  "tfjs-node": async (_o, base) => {
    await startNative("tfjs-node");
    return new TfjsRuntime("tensorflow", { ...base, backend: "tfjs-node", engine: "tfjs", device: "cpu" });
  },
  "tfjs-wasm": async (_o, base) => {
    await startWasm();
    return new TfjsRuntime("wasm", { ...base, backend: "tfjs-wasm", engine: "tfjs", device: "cpu" });
  },
  "tfjs-cpu": async (_o, base) => {
    if (!(await tf.setBackend("cpu")))
      throw new BackendUnavailableError("tfjs-cpu", "the cpu backend failed");
    return new TfjsRuntime("cpu", { ...base, backend: "tfjs-cpu", engine: "tfjs", device: "cpu" });
  },
  "onnx-cuda": async (o, base) => {
    const session = { executionProviders: ["cuda"], intraOpThreads: o.onnxThreads, spinning: o.onnxSpinning };
    // ONNX Runtime fails cleanly at session creation when its CUDA provider libraries are absent.
    try {
      const probe = await ort.InferenceSession.create(matmulOnnx(), { executionProviders: ["cuda"] });
      await probe.release();
    } catch (err) {
      throw new BackendUnavailableError(
        "onnx-cuda",
        `CUDA execution provider unavailable (${firstLine(err)})`,
      );
    }
    return new OnnxRuntime({ ...base, backend: "onnx-cuda", engine: "onnx", device: "gpu" }, session);
  },
  "onnx-cpu": async (o, base) =>
    new OnnxRuntime(
      { ...base, backend: "onnx-cpu", engine: "onnx", device: "cpu" },
      { executionProviders: ["cpu"], intraOpThreads: o.onnxThreads, spinning: o.onnxSpinning },
    ),
};

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0];
}

/**
 * Starts a model runtime: the forced `backend`, or the first rung of the ladder for `format` that
 * works (tfjs: node-gpu → webgpu (hardware adapters only) → node → wasm → cpu; onnx: cuda → cpu).
 * The choice and every failed rung are logged and returned by `backendInfo()`.
 */
export function createRuntime(
  options: Partial<RuntimeOptions> = {},
  components: { logger?: Logger } = {},
): Promise<ModelRuntime> {
  // Backends are process-wide (tfjs has one registry): start them one at a time.
  const next = starting.then(() => walkLadder(options, components));
  starting = next.catch(() => {});
  return next;
}

let starting: Promise<unknown> = Promise.resolve();

async function walkLadder(
  options: Partial<RuntimeOptions>,
  components: { logger?: Logger },
): Promise<ModelRuntime> {
  const opts: RuntimeOptions = { ...defaultRuntimeOptions, ...options };
  // tfjs's own console banners ("looks like you are running TensorFlow.js in Node.js") would
  // interleave with plexus's JSON logs; the backend choice is logged by plexus instead.
  tf.env().set("PROD", true);
  const log = components.logger;
  if (opts.backend !== undefined && !BACKENDS.includes(opts.backend)) {
    throw new InvalidInputError("backend", `unknown "${opts.backend}"`, BACKENDS.join(", "));
  }
  const ladder: readonly BackendName[] =
    opts.backend !== undefined ? [opts.backend] : opts.format === "onnx" ? ONNX_BACKENDS : TFJS_BACKENDS;
  const tried: BackendAttempt[] = [];
  for (const backend of ladder) {
    try {
      const runtime = await starters[backend](opts, { forced: opts.backend !== undefined, tried });
      tried.push({ backend, ok: true });
      log?.info({ backend: runtime.backendInfo() }, `model runtime on ${backend}`);
      return runtime;
    } catch (err) {
      const reason = err instanceof BackendUnavailableError ? String(err.meta.reason) : firstLine(err);
      tried.push({ backend, ok: false, reason });
      log?.debug({ backend, reason }, "model backend unavailable");
      if (opts.backend !== undefined) {
        throw err instanceof BackendUnavailableError ? err : new BackendUnavailableError(backend, reason);
      }
    }
  }
  throw new BackendUnavailableError(
    ladder.join(" → "),
    "no backend on the ladder could start",
    tried.map((t) => ({ backend: t.backend, reason: t.reason ?? "" })),
  );
}
