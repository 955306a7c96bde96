import type { CommandModule } from "yargs";
import { runDemo } from "../../demo/report.ts";

/** `plexus demo`: a self-contained Yuma Consensus demonstration on embedded data. */
export const demo: CommandModule = {
  command: "demo",
  describe:
    "Run a small embedded subnet (3 validators incl. a weight copier, 5 miners) under each Yuma variant",
  handler: () => {
    process.stdout.write(`${runDemo()}\n`);
  },
};
