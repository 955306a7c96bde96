import type { CommandModule } from "yargs";
import { defaultLocalnetOptions, parseMiners, startLocalnet } from "../../localnet/index.ts";
import { createLogger } from "../../log/index.ts";

interface LocalnetArgs {
  epochs: number;
  subnet: string;
  miners: string;
  rounds: number;
  backend?: string;
  report: string;
  host: string;
}

export const localnet: CommandModule<object, LocalnetArgs> = {
  command: "localnet",
  describe:
    "Run a whole subnet in one process: SimChain, miners of different quality, two validators over libp2p",
  builder: (y) =>
    y
      .option("epochs", {
        type: "number",
        default: defaultLocalnetOptions.epochs,
        describe: "epochs to run, then stop",
      })
      .option("subnet", {
        type: "string",
        default: defaultLocalnetOptions.subnet,
        describe: "subnet folder name",
      })
      .option("miners", {
        type: "string",
        default: defaultLocalnetOptions.miners.join(","),
        describe: "one behaviour per miner: honest, slow, lazy, copying",
      })
      .option("rounds", {
        type: "number",
        default: defaultLocalnetOptions.roundsPerEpoch,
        describe: "query rounds per epoch",
      })
      .option("backend", { type: "string", describe: "model runtime backend for the miners (default: auto)" })
      .option("host", {
        type: "string",
        default: defaultLocalnetOptions.host,
        describe: "loopback address peers use",
      })
      .option("report", { type: "string", default: "localnet-report.html", describe: "HTML report path" })
      .example("$0 localnet --epochs 5", "five epochs of the matmul subnet, then an HTML report"),
  handler: async (args) => {
    const ac = new AbortController();
    const stop = () => ac.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      await startLocalnet(
        {
          epochs: args.epochs,
          subnet: args.subnet,
          miners: parseMiners(args.miners),
          roundsPerEpoch: args.rounds,
          backend: args.backend,
          host: args.host,
          report: args.report,
        },
        { out: process.stdout, logger: createLogger({ level: "warn" }), signal: ac.signal },
      );
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
  },
};
