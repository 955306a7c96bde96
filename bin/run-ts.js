#!/usr/bin/env node
// Runs one TypeScript entry file (e.g. bench/index.ts) through tsx: `node bin/run-ts.js FILE [args]`.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: run-ts FILE [args...]\n");
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...rest];
register();
await import(pathToFileURL(resolve(file)).href);
