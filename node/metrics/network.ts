import { Counter, Histogram, type Registry } from "prom-client";

/**
 * Network metrics (wire.md R19), created over a caller-given registry so nothing is global.
 * Modules take `NetworkMetrics | null`; null means metrics are off.
 */
export function createNetworkMetrics(registry: Registry) {
  const registers = [registry];
  return {
    requests: new Counter({
      name: "plexus_net_requests_total",
      help: "Requests served, by route and result code (ok or a NET_* code)",
      labelNames: ["route", "result"] as const,
      registers,
    }),
    rejects: new Counter({
      name: "plexus_net_rejects_total",
      help: "Requests refused before reaching a handler, by reason",
      labelNames: ["code"] as const,
      registers,
    }),
    latency: new Histogram({
      name: "plexus_net_request_seconds",
      help: "Handler latency of served requests",
      labelNames: ["route"] as const,
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15],
      registers,
    }),
    bytesIn: new Counter({
      name: "plexus_net_bytes_in_total",
      help: "Request payload bytes received",
      registers,
    }),
    bytesOut: new Counter({
      name: "plexus_net_bytes_out_total",
      help: "Response payload bytes sent",
      registers,
    }),
    handshakeFailures: new Counter({
      name: "plexus_net_handshake_failures_total",
      help: "Handshakes that failed, by side and reason",
      labelNames: ["side", "reason"] as const,
      registers,
    }),
    clientRequests: new Counter({
      name: "plexus_net_client_requests_total",
      help: "Requests sent, by route and result",
      labelNames: ["route", "result"] as const,
      registers,
    }),
  };
}

export type NetworkMetrics = ReturnType<typeof createNetworkMetrics>;
