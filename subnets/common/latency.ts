/** How response time enters a score: full credit up to `targetMs`, none at or past `timeoutMs`. */
export interface LatencyPolicy {
  targetMs: number;
  timeoutMs: number;
}

/** 1 at or below the target, falling linearly to 0 at the timeout. Pure. */
export function latencyFactor(latencyMs: number, policy: LatencyPolicy): number {
  if (!Number.isFinite(latencyMs) || latencyMs < 0) return 0;
  if (latencyMs <= policy.targetMs) return 1;
  if (latencyMs >= policy.timeoutMs) return 0;
  return (policy.timeoutMs - latencyMs) / (policy.timeoutMs - policy.targetMs);
}

/**
 * Quality first, speed second: a response's quality q in [0, 1] earns half its weight for being
 * right and half for being fast, so at equal latency a better answer always scores higher, and a
 * worthless one (q = 0) scores 0 however fast it was.
 */
export function combine(quality: number, latencyMs: number, policy: LatencyPolicy): number {
  if (latencyMs >= policy.timeoutMs) return 0;
  return quality * (0.5 + 0.5 * latencyFactor(latencyMs, policy));
}
