import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { BackendInfo } from "./types.ts";

/**
 * Runtime metrics over a caller-given registry (nothing global). Modules take
 * `RuntimeMetrics | null`; null means metrics are off.
 */
export function createRuntimeMetrics(registry: Registry) {
  const registers = [registry];
  return {
    backend: new Gauge({
      name: "plexus_runtime_backend_info",
      help: "The model backend in use (value 1), with its engine, device and WebGPU adapter",
      labelNames: ["backend", "engine", "device", "adapter", "software_adapter"] as const,
      registers,
    }),
    batchSize: new Histogram({
      name: "plexus_runtime_batch_size",
      help: "Rows per batch run by the dynamic batcher",
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    }),
    batchSeconds: new Histogram({
      name: "plexus_runtime_batch_seconds",
      help: "Time to run one batch on the backend",
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    }),
    requests: new Counter({
      name: "plexus_runtime_requests_total",
      help: "Single-row requests to served models, by result (ok or an error code)",
      labelNames: ["result"] as const,
      registers,
    }),
  };
}

export type RuntimeMetrics = ReturnType<typeof createRuntimeMetrics>;

/** Publishes a runtime's backend choice (call once after createRuntime). */
export function recordBackend(metrics: RuntimeMetrics | null, info: BackendInfo): void {
  metrics?.backend
    .labels({
      backend: info.backend,
      engine: info.engine,
      device: info.device,
      adapter: info.adapter?.description ?? "",
      software_adapter: String(info.adapter?.software ?? false),
    })
    .set(1);
}
