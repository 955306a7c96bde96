/**
 * The one base error of plexus. Every error has a stable `code` (AREA_REASON), a `name` set on
 * the class, a short message that says what is wrong and what to do, plain serialisable `meta`,
 * and an optional `cause`. Callers branch on `code` or `name`, never on the message text.
 */
export class PlexusError extends Error {
  readonly code: string;
  readonly meta: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    options: { meta?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PlexusError";
    this.code = code;
    this.meta = options.meta ?? {};
  }

  toJSON(): { name: string; code: string; message: string; meta: Record<string, unknown> } {
    return { name: this.name, code: this.code, message: this.message, meta: this.meta };
  }
}

/** Invalid input: names the offending field (a path like `weights[3][1]`) and what is allowed. */
export class InvalidInputError extends PlexusError {
  readonly field: string;

  constructor(field: string, problem: string, allowed?: string) {
    super(
      "INPUT_INVALID",
      `invalid input at ${field}: ${problem}${allowed === undefined ? "" : ` (allowed: ${allowed})`}`,
      { meta: { field, problem, allowed } },
    );
    this.name = "InvalidInputError";
    this.field = field;
  }
}

/** A capability that plexus does not implement (yet): says so instead of pretending. */
export class NotImplementedError extends PlexusError {
  constructor(what: string, hint?: string) {
    super("NOT_IMPLEMENTED", `${what} is not implemented${hint === undefined ? "" : `: ${hint}`}`, {
      meta: { what },
    });
    this.name = "NotImplementedError";
  }
}
