import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** Validator metrics over a caller-given registry; the Validator takes `ValidatorMetrics | null`. */
export function createValidatorMetrics(registry: Registry) {
  const registers = [registry];
  return {
    rounds: new Counter({ name: "plexus_validator_rounds_total", help: "Query rounds run", registers }),
    queries: new Counter({
      name: "plexus_validator_queries_total",
      help: "Queries sent, by result (ok or an error code)",
      labelNames: ["result"] as const,
      registers,
    }),
    latency: new Histogram({
      name: "plexus_validator_query_seconds",
      help: "Time from send to answer",
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 12],
      registers,
    }),
    score: new Gauge({
      name: "plexus_validator_score",
      help: "Moving-average score per miner uid",
      labelNames: ["uid"] as const,
      registers,
    }),
    weightsSet: new Counter({
      name: "plexus_validator_weights_total",
      help: "Weight submissions, by outcome (set or the skip reason)",
      labelNames: ["outcome"] as const,
      registers,
    }),
  };
}

export type ValidatorMetrics = ReturnType<typeof createValidatorMetrics>;
