import { join } from "node:path";
import type { CommandModule } from "yargs";
import { parseVariants, runCasesFile } from "../../../report/cases-run.ts";
import { abortOnSigint } from "../../../report/signals.ts";

interface CasesArgs {
  file?: string;
  case?: number[];
  variants: string;
  out: string;
}

/** The cases file shipped with the shared fixtures ($PLEXUS_SHARED, else ../shared next to the repo). */
function defaultCasesFile(): string {
  const shared =
    process.env.PLEXUS_SHARED ?? join(import.meta.dirname, "..", "..", "..", "..", "..", "shared");
  return join(shared, "fixtures", "yuma_simulation_cases.json");
}

export const cases: CommandModule<object, CasesArgs> = {
  command: "cases",
  describe:
    "Run the 22 named yuma-simulation cases through the chain's epoch (Yuma2, Yuma3, liquid alpha, fast)",
  builder: (y) =>
    y
      .option("file", {
        type: "string",
        describe: "cases JSON (default: shared/fixtures/yuma_simulation_cases.json)",
      })
      .option("case", { type: "number", array: true, describe: "case number(s), e.g. --case 1 --case 5" })
      .option("variants", {
        type: "string",
        default: "yuma2,yuma3,yuma3-liquid,fast",
        describe: "comma-separated",
      })
      .option("out", { type: "string", demandOption: true, describe: "output folder" })
      .example("$0 sim cases --case 1 --variants yuma2,yuma3 --out out/cases", "case 1 under two variants"),
  handler: async (args) => {
    const { signal, dispose } = abortOnSigint();
    try {
      const r = await runCasesFile({
        file: args.file ?? defaultCasesFile(),
        out: args.out,
        cases: args.case,
        variants: parseVariants(args.variants),
        signal,
      });
      process.stdout.write(`${r.out}/report.html and total_dividends.csv (${r.results.length} case runs)\n`);
    } finally {
      dispose();
    }
  },
};
