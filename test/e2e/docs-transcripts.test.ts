import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import test from "ava";
import { repoRoot } from "../helpers/shared.ts";

/**
 * The docs show some commands as transcripts: a fenced block whose first line is `$ plexus …`
 * followed by what the command prints. Each one is run here and must print exactly that, so a
 * newcomer who copies it sees what the docs promise.
 */
const run = promisify(execFile);

interface Transcript {
  file: string;
  line: number;
  args: string[];
  expected: string;
}

function transcripts(): Transcript[] {
  const found: Transcript[] = [];
  const docs = ["README.md", ...readdirSync(join(repoRoot, "docs")).map((f) => join("docs", f))];
  for (const file of docs.filter((f) => f.endsWith(".md"))) {
    const lines = readFileSync(join(repoRoot, file), "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("```") || !lines[i + 1]?.startsWith("$ plexus ")) continue;
      const end = lines.indexOf("```", i + 2);
      if (end < 0) throw new Error(`${file}:${i + 1}: unclosed code block`);
      // Only simple argument lists (no quotes, pipes or variables) are transcripts we can replay.
      const command = lines[i + 1].slice("$ plexus ".length);
      if (/["'|$`\\]/.test(command)) continue;
      found.push({
        file,
        line: i + 2,
        args: command.split(/\s+/).filter((a) => a.length > 0),
        expected: lines.slice(i + 2, end).join("\n"),
      });
      i = end;
    }
  }
  return found;
}

const all = transcripts();

test("the docs hold at least one plexus transcript", (t) => {
  t.true(all.length > 0);
});

for (const tr of all) {
  test(`${tr.file}:${tr.line} plexus ${tr.args.join(" ")} prints what the docs show`, async (t) => {
    const { stdout } = await run(process.execPath, [join(repoRoot, "bin", "plexus.js"), ...tr.args], {
      cwd: repoRoot,
      timeout: 60_000,
    });
    t.is(stdout.trimEnd(), tr.expected.trimEnd());
  });
}
