import type { CommandModule } from "yargs";
import { abortOnSigint } from "../../../report/signals.ts";
import { runSweepFile } from "../../../report/sweep-run.ts";

interface SweepArgs {
  sweep: string;
  out: string;
  shard?: string;
  workers: number;
}

export const sweep: CommandModule<object, SweepArgs> = {
  command: "sweep <sweep>",
  describe: "Run a parameter grid over a scenario in worker threads; writes summary.csv + chart + report",
  builder: (y) =>
    y
      .positional("sweep", { type: "string", demandOption: true, describe: "sweep file (.yaml or .json)" })
      .option("out", { type: "string", demandOption: true, describe: "output folder" })
      .option("shard", {
        type: "string",
        describe: "run only shard i of n (i/n, 0-based), e.g. for a job array",
      })
      .option("workers", { type: "number", default: 2, describe: "worker threads" })
      .example("$0 sim sweep examples/scenarios/sweep-cabal.yaml --out out/sweep", "the whole grid")
      .example("$0 sim sweep sweep.yaml --shard 3/8 --out out/shard-3", "one slice of eight"),
  handler: async (args) => {
    const { signal, dispose } = abortOnSigint();
    try {
      const r = await runSweepFile({
        file: args.sweep,
        out: args.out,
        shard: args.shard,
        workers: args.workers,
        signal,
        onPoint: (done, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\rgrid points ${done}/${total}`);
        },
      });
      if (process.stderr.isTTY) process.stderr.write("\n");
      process.stdout.write(
        `${r.out}/summary.csv (${r.results.length} of ${r.meta.totalPoints} grid points)\n`,
      );
      if (r.interrupted) process.exitCode = 130;
    } finally {
      dispose();
    }
  },
};
