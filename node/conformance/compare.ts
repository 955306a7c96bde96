import type { Mismatch } from "./types.ts";

/**
 * Exact structural comparison of an expected JSON value with a computed one. Numbers, strings,
 * booleans and null must be identical; arrays must have the same length; only the keys of
 * `expected` are compared (a computed object may carry more). Returns every differing leaf.
 */
export function compareExact(expected: unknown, got: unknown, field = ""): Mismatch[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(got)) return [{ field: field || "(root)", expected, got }];
    if (expected.length !== got.length) {
      return [{ field: `${field}.length`, expected: expected.length, got: got.length }];
    }
    return expected.flatMap((e, i) => compareExact(e, got[i], `${field}[${i}]`));
  }
  if (expected !== null && typeof expected === "object") {
    if (got === null || typeof got !== "object" || Array.isArray(got)) {
      return [{ field: field || "(root)", expected, got }];
    }
    const g = got as Record<string, unknown>;
    return Object.entries(expected).flatMap(([k, v]) =>
      k in g
        ? compareExact(v, g[k], field ? `${field}.${k}` : k)
        : [{ field: field ? `${field}.${k}` : k, expected: v, got: undefined }],
    );
  }
  return Object.is(expected, got) ? [] : [{ field: field || "(root)", expected, got }];
}

/** Keeps only the first `limit` mismatches so one broken matrix does not flood the report. */
export function firstMismatches(list: Mismatch[], limit = 5): Mismatch[] {
  return list.length <= limit ? list : list.slice(0, limit);
}
