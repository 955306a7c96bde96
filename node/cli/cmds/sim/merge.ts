import type { CommandModule } from "yargs";
import { mergeSweepDirs } from "../../../report/sweep-run.ts";

interface MergeArgs {
  dirs: string[];
  out: string;
}

export const merge: CommandModule<object, MergeArgs> = {
  command: "merge <dirs..>",
  describe: "Join the output folders of sweep shards into one summary.csv + chart + report",
  builder: (y) =>
    y
      .positional("dirs", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "shard output folders",
      })
      .option("out", { type: "string", demandOption: true, describe: "output folder" })
      .example("$0 sim merge out/shard-* --out out/sweep", "merge every shard"),
  handler: async (args) => {
    const r = await mergeSweepDirs(args.dirs, args.out);
    process.stdout.write(`${r.out}/summary.csv (${r.results.length} of ${r.meta.totalPoints} grid points)\n`);
    if (r.interrupted) process.stderr.write("plexus: some grid points are missing (a shard not merged?)\n");
  },
};
