import type { CommandModule } from "yargs";
import { cases } from "./cases.ts";
import { epoch } from "./epoch.ts";
import { halving } from "./halving.ts";
import { merge } from "./merge.ts";
import { pool } from "./pool.ts";
import { run } from "./run.ts";
import { sweep } from "./sweep.ts";

/** `plexus sim <subcommand>`: offline simulations (epoch, emission, scenarios, sweeps, cases). */
// biome-ignore lint/suspicious/noExplicitAny: yargs command modules have heterogeneous argument types
const subcommands: CommandModule<any, any>[] = [epoch, run, sweep, merge, cases, halving, pool];

export const sim: CommandModule = {
  command: "sim",
  describe: "Offline simulations: Yuma epochs, emission and stake dynamics, scenarios, sweeps",
  builder: (y) => y.command(subcommands).demandCommand(1, "name a sim subcommand (see plexus sim --help)"),
  handler: () => {},
};
