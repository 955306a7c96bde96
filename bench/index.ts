import { cpus } from "node:os";

/**
 * `npm run bench -- NAME [args]`: runs one benchmark. Each bench module exports
 * `run(args): Promise<{ table?: string; results: object[] }>`; a human table may be printed first,
 * and the output always ends with one JSON line `{"bench", "node", "cpus", "results"}`.
 */
export interface BenchOutput {
  table?: string;
  results: Record<string, unknown>[];
}

const benches: Record<string, () => Promise<{ run: (args: string[]) => Promise<BenchOutput> }>> = {
  chain: () => import("./chain.ts"),
  epoch: () => import("./epoch.ts"),
  network: () => import("./network.ts"),
  sim: () => import("./sim.ts"),
  runtime: () => import("./runtime.ts"),
};

const [name, ...args] = process.argv.slice(2);
const load = name === undefined ? undefined : benches[name];
if (load === undefined) {
  process.stderr.write(
    `usage: npm run bench -- NAME [args]\nbenches: ${Object.keys(benches).join(", ") || "(none)"}\n`,
  );
  process.exit(2);
}
const out = await (await load()).run(args);
if (out.table !== undefined) process.stdout.write(`${out.table}\n`);
process.stdout.write(
  `${JSON.stringify({ bench: name, node: process.version, cpus: cpus().length, results: out.results })}\n`,
);
