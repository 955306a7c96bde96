import "../polyfills.ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { PlexusError } from "../../sim/errors.ts";
import { commands } from "./cmds/index.ts";

/** Exit code for invalid usage or invalid input, as distinct from a failed check (1). */
export const EXIT_USAGE = 2;

const cli = yargs(hideBin(process.argv))
  .scriptName("plexus")
  .usage("$0 <command> [options]")
  .command(commands)
  .demandCommand(1, "name a command (see --help)")
  .strict()
  .recommendCommands()
  .help()
  .alias("h", "help")
  .version()
  .wrap(Math.min(110, process.stdout.columns ?? 110))
  .fail((msg, err, y) => {
    if (err !== undefined && err !== null) {
      process.stderr.write(`plexus: ${describeError(err)}\n`);
      process.exit(err instanceof PlexusError && err.code.startsWith("INPUT_") ? EXIT_USAGE : 1);
    }
    process.stderr.write(`${y.help()}\n\nplexus: ${msg}\n`);
    process.exit(EXIT_USAGE);
  });

function describeError(err: unknown): string {
  if (err instanceof PlexusError) return `${err.message} [${err.code}]`;
  return err instanceof Error ? err.message : String(err);
}

await cli.parseAsync();
