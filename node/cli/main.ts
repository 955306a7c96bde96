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
      process.exit(isUsageError(err) ? EXIT_USAGE : 1);
    }
    process.stderr.write(`${y.help()}\n\nplexus: ${msg}\n`);
    process.exit(EXIT_USAGE);
  });

/** Error codes that mean "the user asked for something that does not exist" besides INPUT_*. */
const USAGE_CODES = new Set(["SUBNET_UNKNOWN", "LOCAL_CHAIN_SPEC_MISSING"]);

/** Invalid input (exit 2) as distinct from a failure while doing valid work (exit 1). */
function isUsageError(err: unknown): boolean {
  if (err instanceof PlexusError) return err.code.startsWith("INPUT_") || USAGE_CODES.has(err.code);
  return isMissingFile(err);
}

/** A file named on the command line that does not exist (Node's ENOENT from fs). */
function isMissingFile(err: unknown): err is NodeJS.ErrnoException & { path: string } {
  const e = err as NodeJS.ErrnoException;
  return e?.code === "ENOENT" && typeof e.path === "string";
}

function describeError(err: unknown): string {
  if (isMissingFile(err)) return `no such file: ${err.path} [INPUT_FILE_MISSING]`;
  if (err instanceof PlexusError) return `${err.message} [${err.code}]`;
  return err instanceof Error ? err.message : String(err);
}

await cli.parseAsync();
