import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import test from "ava";
import { repoRoot } from "../helpers/shared.ts";

/** `--help` examples are documentation too: every example file they name must exist. */
const run = promisify(execFile);
const commands = [
  ["sim", "run"],
  ["sim", "sweep"],
];

for (const args of commands) {
  test(`plexus ${args.join(" ")} --help names only example files that exist`, async (t) => {
    const { stdout } = await run(process.execPath, [join(repoRoot, "bin", "plexus.js"), ...args, "--help"], {
      cwd: repoRoot,
      timeout: 60_000,
    });
    const files = stdout.match(/examples\/[\w./-]+\.(?:ya?ml|json)/g) ?? [];
    t.true(files.length > 0, "the help shows an example file");
    for (const f of files) t.true(existsSync(join(repoRoot, f)), `${f} does not exist`);
  });
}
