import * as tf from "@tensorflow/tfjs";
import { withTimeout } from "../async.ts";
import { BackendUnavailableError } from "../errors.ts";
import type { AdapterInfo } from "../types.ts";

/** How long to wait for Dawn to enumerate adapters and create a device. */
const ADAPTER_TIMEOUT_MS = 15_000;

export interface WebGpuOptions {
  /** Accept a software adapter (Mesa lavapipe, SwiftShader): only for tests of this code path. */
  allowSoftwareAdapter: boolean;
  /** Options for Dawn's `create()`, e.g. ["adapter=NVIDIA"] or ["backend=vulkan"]. */
  dawnOptions: string[];
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  features: ReadonlySet<string>;
  limits: Record<string, number>;
  requestDevice(descriptor?: unknown): Promise<unknown>;
}

/** Markers of software rasterisers in adapter descriptions (Dawn reports lavapipe as "software"). */
const SOFTWARE_MARKERS = /llvmpipe|lavapipe|swiftshader|softpipe|warp|microsoft basic render/i;

export function describeAdapter(adapter: GpuAdapterLike): AdapterInfo {
  const i = adapter.info ?? {};
  const info = {
    vendor: i.vendor ?? "",
    architecture: i.architecture ?? "",
    device: i.device ?? "",
    description: i.description ?? "",
  };
  const software =
    info.architecture.toLowerCase() === "software" ||
    info.architecture.toLowerCase() === "cpu" ||
    SOFTWARE_MARKERS.test(`${info.device} ${info.description}`);
  return { ...info, software };
}

/** What installNavigatorGpu added, so stopWebGpu removes exactly that. */
let installed: "navigator" | "gpu" | null = null;

/**
 * Sets up tfjs's webgpu backend on Dawn's Node bindings (`webgpu` package).
 *
 * Pitfalls handled here (measured, see docs/runtime.md): Node 20 has no `navigator`, and
 * tfjs-backend-webgpu registers itself at import time only if `navigator.gpu` exists, asking for
 * an adapter of its own choice. Instead we pick and vet the adapter ourselves, then register the
 * backend with a factory bound to that adapter, so a software adapter can never slip in unnoticed.
 */
export async function startWebGpu(options: WebGpuOptions): Promise<AdapterInfo> {
  let webgpu: typeof import("webgpu");
  try {
    webgpu = await import("webgpu");
  } catch (err) {
    throw new BackendUnavailableError(
      "tfjs-webgpu",
      `the webgpu package (Dawn) cannot load: ${(err as Error).message}`,
    );
  }
  // GPUBufferUsage, GPUMapMode, ... are globals in a browser; tfjs-backend-webgpu uses them as such.
  Object.assign(globalThis, webgpu.globals);
  const gpu = webgpu.create(options.dawnOptions);
  let adapter: GpuAdapterLike | null;
  try {
    adapter = (await withTimeout(
      gpu.requestAdapter({ powerPreference: "high-performance" }),
      ADAPTER_TIMEOUT_MS,
    )) as GpuAdapterLike | null;
  } catch (err) {
    throw new BackendUnavailableError("tfjs-webgpu", `adapter request failed: ${(err as Error).message}`);
  }
  if (adapter === null) {
    throw new BackendUnavailableError(
      "tfjs-webgpu",
      "no WebGPU adapter: Dawn found no Vulkan driver (libvulkan1 plus a GPU's Vulkan ICD)",
    );
  }
  const info = describeAdapter(adapter);
  if (info.software && !options.allowSoftwareAdapter) {
    throw new BackendUnavailableError(
      "tfjs-webgpu",
      `only a software adapter is present (${info.description || info.device}), slower than wasm`,
    );
  }
  installNavigatorGpu(gpu);
  const { WebGPUBackend } = await import("@tensorflow/tfjs-backend-webgpu");
  if (tf.engine().registryFactory.webgpu !== undefined) tf.removeBackend("webgpu");
  const vetted = adapter;
  tf.registerBackend(
    "webgpu",
    async () => {
      const device = await vetted.requestDevice(deviceDescriptor(vetted));
      // biome-ignore lint/suspicious/noExplicitAny: WebGPUBackend takes DOM WebGPU types that Node's tsconfig lacks
      return new WebGPUBackend(device as any, vetted.info as any);
    },
    0, // never picked implicitly: only through setBackend
  );
  let ok: boolean;
  try {
    ok = await withTimeout(tf.setBackend("webgpu"), ADAPTER_TIMEOUT_MS);
  } catch (err) {
    throw new BackendUnavailableError("tfjs-webgpu", `device creation failed: ${(err as Error).message}`);
  }
  if (!ok) throw new BackendUnavailableError("tfjs-webgpu", "the webgpu backend failed to initialise");
  return info;
}

/** The device limits tfjs-backend-webgpu itself asks for (copied from its registration code). */
function deviceDescriptor(adapter: GpuAdapterLike): unknown {
  const requiredFeatures = adapter.features.has("timestamp-query") ? ["timestamp-query"] : [];
  const l = adapter.limits;
  return {
    requiredFeatures,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  };
}

/** Some tfjs code paths still read `navigator.gpu`; Node 20 has no navigator, Node ≥ 21 one without gpu. */
function installNavigatorGpu(gpu: unknown): void {
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (g.navigator === undefined) {
    Object.defineProperty(globalThis, "navigator", { value: { gpu }, configurable: true, writable: true });
    installed = "navigator";
  } else if (g.navigator.gpu === undefined) {
    Object.defineProperty(g.navigator, "gpu", { value: gpu, configurable: true });
    installed = "gpu";
  }
}

/**
 * Drops the webgpu backend and the navigator we installed: Dawn's README warns that Node may not
 * exit while the object from create() stays referenced.
 */
export function stopWebGpu(): void {
  if (tf.engine().registryFactory.webgpu !== undefined) tf.removeBackend("webgpu");
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (installed === "navigator") delete g.navigator;
  else if (installed === "gpu" && g.navigator !== undefined) delete g.navigator.gpu;
  installed = null;
}
