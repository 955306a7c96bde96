/**
 * Lossless JSON for engine state: bigints become `{"$bigint": "…"}` and Maps
 * `{"$map": [[k, v], …]}` (insertion order kept), so a checkpoint restores the exact state.
 */
export function encodeState(value: unknown): unknown {
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (value instanceof Map)
    return { $map: [...value.entries()].map(([k, v]) => [encodeState(k), encodeState(v)]) };
  if (Array.isArray(value)) return value.map(encodeState);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeState(v)]));
  return value;
}

export function decodeState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeState);
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.$bigint === "string" && Object.keys(o).length === 1) return BigInt(o.$bigint);
    if (Array.isArray(o.$map) && Object.keys(o).length === 1)
      return new Map((o.$map as Array<[unknown, unknown]>).map(([k, v]) => [decodeState(k), decodeState(v)]));
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decodeState(v)]));
  }
  return value;
}
