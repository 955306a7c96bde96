import type { CommandModule } from "yargs";
import { discoverSubnets } from "../../../subnets/registry.ts";
import { scaffoldSubnet } from "../../../subnets/scaffold.ts";
import { trainSubnet } from "../../../subnets/train.ts";
import { createLogger } from "../../log/index.ts";
import { BACKENDS, type BackendName } from "../../runtime/types.ts";

/** `plexus subnet list|new|train`: the subnet plugins (subnets/<name>/, docs/subnets.md). */
const list: CommandModule<object, { json: boolean }> = {
  command: "list",
  describe: "List the subnets found on the search path (shipped ones and $PLEXUS_SUBNETS_PATH)",
  builder: (y) => y.option("json", { type: "boolean", default: false, describe: "print JSON" }),
  handler: async (args) => {
    const rows = [...(await discoverSubnets()).values()].map(({ definition: d, dir }) => ({
      name: d.name,
      version: d.version,
      model: d.model.kind,
      trainable: d.train !== undefined,
      description: d.description,
      dir,
    }));
    if (args.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    for (const r of rows) {
      process.stdout.write(`${r.name.padEnd(12)} v${r.version}  ${r.model.padEnd(8)} ${r.description}\n`);
    }
  },
};

const create: CommandModule<object, { name: string; dir?: string }> = {
  command: "new <name>",
  describe: "Scaffold a working subnet folder from the template",
  builder: (y) =>
    y
      .positional("name", {
        type: "string",
        demandOption: true,
        describe: "lowercase name (folder and wire id)",
      })
      .option("dir", { type: "string", describe: "parent folder (default: plexus's subnets/)" })
      .example(
        "$0 subnet new sentiment",
        "creates subnets/sentiment/ with schema, challenge, miner and score",
      ),
  handler: async (args) => {
    const dir = await scaffoldSubnet(args.name, args.dir);
    process.stdout.write(`created ${dir}\n`);
  },
};

interface TrainArgs {
  subnet: string;
  epochs: number;
  hidden: number;
  out: string;
  format: "tfjs" | "onnx";
  backend?: string;
  seed: string;
  samples: number;
}

const train: CommandModule<object, TrainArgs> = {
  command: "train",
  describe: "Train a miner model for a subnet that has one (e.g. distill)",
  builder: (y) =>
    y
      .option("subnet", { type: "string", demandOption: true, describe: "subnet name" })
      .option("epochs", { type: "number", default: 20, describe: "passes over the training data" })
      .option("hidden", { type: "number", default: 32, describe: "hidden layer width of the student" })
      .option("out", { type: "string", demandOption: true, describe: "output folder for the model" })
      .option("format", {
        choices: ["tfjs", "onnx"] as const,
        default: "tfjs" as const,
        describe: "saved format",
      })
      .option("backend", { type: "string", choices: BACKENDS.filter((b) => b.startsWith("tfjs-")) })
      .option("seed", { type: "string", default: "plexus", describe: "seed of the data and initial weights" })
      .option("samples", { type: "number", default: 8192, describe: "training examples" })
      .example("$0 subnet train --subnet distill --epochs 30 --hidden 64 --out miner-a", "a strong student")
      .example("$0 subnet train --subnet distill --epochs 1 --hidden 4 --out miner-b", "a weak one"),
  handler: async (args) => {
    const report = await trainSubnet(
      args.subnet,
      {
        epochs: args.epochs,
        hidden: args.hidden,
        out: args.out,
        format: args.format,
        seed: args.seed,
        samples: args.samples,
      },
      {
        backend: args.backend as BackendName | undefined,
        logger: createLogger({ name: "subnet-train" }),
        onEpoch: (epoch, loss) =>
          process.stderr.write(`epoch ${epoch}/${args.epochs} loss ${loss.toFixed(4)}\n`),
      },
    );
    process.stdout.write(`${JSON.stringify(report)}\n`);
  },
};

export const subnet: CommandModule = {
  command: "subnet",
  describe: "Subnet plugins: list them, scaffold a new one, train a miner model",
  // biome-ignore lint/suspicious/noExplicitAny: yargs command modules have heterogeneous argument types
  builder: (y) =>
    y
      .command([list, create, train] as CommandModule<any, any>[])
      .demandCommand(1, "name a subnet subcommand (see plexus subnet --help)"),
  handler: () => {},
};
