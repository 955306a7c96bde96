import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (the folder holding package.json). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The shared folder with spec vectors and fixtures: $PLEXUS_SHARED, else ../shared next to the
 * project root (where CI puts it). Returns undefined when absent so tests can skip with a reason.
 */
export function sharedDir(): string | undefined {
  const dir = process.env.PLEXUS_SHARED ?? join(repoRoot, "..", "shared");
  return existsSync(dir) ? dir : undefined;
}
