/** One vector case in the common schema shared by every area (see shared/spec/*.md §0). */
export interface VectorCase {
  id: string;
  group: string;
  description?: string;
  input: unknown;
  expected: unknown;
}

export interface VectorFile {
  cases: VectorCase[];
  [key: string]: unknown;
}

/** A field whose computed value differs from the expected one. `field` is a path like `bonds[2][0]`. */
export interface Mismatch {
  field: string;
  expected: unknown;
  got: unknown;
}

export interface CaseOutcome {
  mismatches: Mismatch[];
  /** Optional measurements reported per group (e.g. fast mode's deviation from exact); maxima are kept. */
  metrics?: Record<string, number>;
}

/** Evaluates one case of a group with the project's own code and compares it with `expected`. */
// biome-ignore lint/suspicious/noExplicitAny: each group validates its own input shape
export type GroupEvaluator = (input: any, expected: any) => CaseOutcome | Promise<CaseOutcome>;
