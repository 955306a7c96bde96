import type { CommandModule } from "yargs";
import { defaultEngines } from "../../../report/engines.ts";
import { DEFAULT_CHECKPOINT_EVERY, runScenarioFile } from "../../../report/scenario-run.ts";
import { abortOnSigint } from "../../../report/signals.ts";

interface RunArgs {
  scenario: string;
  out: string;
  runs: number;
  seed?: string;
  resume: boolean;
  "checkpoint-every": number;
  progress: boolean;
}

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells expect. */
const EXIT_INTERRUPTED = 130;

export const run: CommandModule<object, RunArgs> = {
  command: "run <scenario>",
  describe: "Run a scenario file (YAML/JSON): CSV/JSON time series, SVG charts and an HTML report",
  builder: (y) =>
    y
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "scenario file (.yaml, .yml or .json)",
      })
      .option("out", { type: "string", demandOption: true, describe: "output folder" })
      .option("runs", {
        type: "number",
        default: 1,
        describe: "Monte Carlo runs over derived seeds (medians + p10–p90 bands)",
      })
      .option("seed", { type: "string", describe: "override the scenario's seed (number or text)" })
      .option("resume", { type: "boolean", default: false, describe: "continue from <out>/checkpoint.json" })
      .option("checkpoint-every", {
        type: "number",
        default: DEFAULT_CHECKPOINT_EVERY,
        describe: "write a checkpoint every N blocks (0: only on Ctrl-C)",
      })
      .option("progress", { type: "boolean", default: true, describe: "progress bar on stderr (TTY only)" })
      .example(
        "$0 sim run examples/scenarios/cabal.yaml --out out/cabal --runs 8",
        "8 seeds, medians with bands",
      ),
  handler: async (args) => {
    const { signal, dispose } = abortOnSigint();
    try {
      const seed =
        args.seed === undefined ? undefined : /^\d+$/.test(args.seed) ? Number(args.seed) : args.seed;
      const r = await runScenarioFile(
        {
          file: args.scenario,
          out: args.out,
          runs: args.runs,
          seed,
          resume: args.resume,
          signal,
          progress: args.progress,
          checkpointEvery: args["checkpoint-every"],
        },
        defaultEngines,
      );
      if (r.interrupted) {
        process.stderr.write(
          `plexus: interrupted; rows so far and a checkpoint are in ${r.out} (continue with --resume)\n`,
        );
        process.exitCode = EXIT_INTERRUPTED;
      } else process.stdout.write(`${r.out}/report.html (${r.runs} run(s) × ${r.blocks} blocks)\n`);
    } finally {
      dispose();
    }
  },
};
