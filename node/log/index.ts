import { destination, pino } from "pino";

/** The logging surface plexus modules use; pino's logger satisfies it, so does `silentLogger`. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** A JSON logger on stderr (stdout stays free for command output). Keys are never passed in. */
export function createLogger(opts: { level?: LogLevel; name?: string } = {}): Logger {
  return pino({ level: opts.level ?? "info", name: opts.name ?? "plexus" }, destination(2));
}

const noop = (): void => undefined;
export const silentLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
};
