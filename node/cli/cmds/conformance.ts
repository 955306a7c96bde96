import type { CommandModule } from "yargs";
import { formatReport, runConformance } from "../../conformance/runner.ts";

interface ConformanceArgs {
  files: string[];
  json: boolean;
}

export const conformance: CommandModule<object, ConformanceArgs> = {
  command: "conformance <files..>",
  describe: "Evaluate test-vector files ({cases:[{id, group, input, expected}]}) with plexus's own code",
  builder: (y) =>
    y
      .positional("files", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "vector files (any path)",
      })
      .option("json", { type: "boolean", default: false, describe: "print a machine-readable report" })
      .example(
        "$0 conformance ../shared/vectors/yuma/public.json",
        "check the epoch engine against the chain's vectors",
      ),
  handler: async (args) => {
    const report = await runConformance(args.files);
    if (args.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(`${formatReport(report)}\n`);
    }
    process.exitCode = report.failed === 0 && report.passed > 0 ? 0 : 1;
  },
};
