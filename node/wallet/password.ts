import { PasswordError, WalletAbortError, WalletTimeoutError } from "./errors.ts";

/**
 * Where wallet passwords come from: an environment variable (for services; its name is
 * configurable) or, on a terminal, a prompt that does not echo. Passwords are never logged, never
 * put in errors, and never taken from command-line flags (they would show in `ps` and shell history).
 */

export const DEFAULT_PASSWORD_ENV = "PLEXUS_WALLET_PASSWORD";
/** bittensor refuses passwords shorter than 6 characters for new keys. */
export const MIN_PASSWORD_LENGTH = 6;
export const DEFAULT_PROMPT_TIMEOUT_MS = 5 * 60_000;

/** The subset of a TTY read stream the prompt uses (process.stdin in practice; a fake in tests). */
export interface PromptInput {
  readonly isTTY?: boolean;
  readonly isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  off(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface PasswordOptions {
  /** Environment to read (default process.env). */
  env?: Record<string, string | undefined>;
  /** Variable holding the password (default PLEXUS_WALLET_PASSWORD). */
  envVar?: string;
  input?: PromptInput;
  output?: { write(text: string): unknown };
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface PasswordRequest {
  /** Shown before the prompt, e.g. "Password for coldkey of wallet 'default'". */
  prompt: string;
  /** A password for a new key: checked for length and, on a terminal, typed twice. */
  isNew?: boolean;
}

/** The env variable if set and non-empty, else a hidden prompt on a TTY, else PasswordError REQUIRED. */
export async function getPassword(request: PasswordRequest, options: PasswordOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const envVar = options.envVar ?? DEFAULT_PASSWORD_ENV;
  const fromEnv = env[envVar];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (request.isNew === true) checkNewPassword(fromEnv, `the password in ${envVar}`);
    return fromEnv;
  }
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stderr;
  if (input.isTTY !== true || input.setRawMode === undefined) {
    throw new PasswordError(
      "REQUIRED",
      `a password is required: set ${envVar} or run on a terminal to be prompted`,
    );
  }
  const io = { ...options, input, output };
  const password = await promptHidden(`${request.prompt}: `, io);
  if (request.isNew === true) {
    checkNewPassword(password, "the password");
    const again = await promptHidden("Retype the password: ", io);
    if (again !== password)
      throw new PasswordError("MISMATCH", "the two passwords differ; nothing was written");
  }
  return password;
}

function checkNewPassword(password: string, what: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new PasswordError("TOO_SHORT", `${what} is shorter than ${MIN_PASSWORD_LENGTH} characters`);
  }
}

/**
 * Reads one line from a TTY in raw mode without echoing it. Enter ends it, Backspace deletes,
 * Ctrl-C or the signal aborts (AbortError), and it gives up after `timeoutMs` (TimeoutError).
 */
export function promptHidden(
  prompt: string,
  io: {
    input: PromptInput;
    output: { write(text: string): unknown };
    signal?: AbortSignal;
    timeoutMs?: number;
  },
): Promise<string> {
  const { input, output, signal } = io;
  const timeoutMs = io.timeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS;
  if (signal?.aborted === true) return Promise.reject(new WalletAbortError(signal.reason));
  return new Promise((resolve, reject) => {
    let value = "";
    const wasRaw = input.isRaw === true;
    const finish = (err: Error | undefined): void => {
      input.off("data", onData);
      input.setRawMode?.(wasRaw);
      input.pause();
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      output.write("\n");
      if (err === undefined) resolve(value);
      else reject(err);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish(undefined);
          return;
        }
        if (ch === "\u0003") {
          finish(new WalletAbortError("Ctrl-C"));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else value += ch;
      }
    };
    const onAbort = (): void => finish(new WalletAbortError(signal?.reason));
    const timer = setTimeout(() => finish(new WalletTimeoutError(timeoutMs)), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    output.write(prompt);
    input.setRawMode?.(true);
    input.on("data", onData);
    input.resume();
  });
}

/** A readable stream as the stdin reader uses it. */
export interface PipeInput extends PromptInput {
  once(event: "end" | "error", listener: (arg?: unknown) => void): unknown;
  removeAllListeners?(event?: string): unknown;
}

/**
 * A secret typed or piped in (a mnemonic for `wallet regen --stdin`): hidden prompt on a TTY,
 * otherwise everything on stdin until it ends, with the same timeout and abort rules as the
 * password prompt.
 */
export function readSecretInput(
  prompt: string,
  options: { input?: PipeInput; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<string> {
  const input = options.input ?? process.stdin;
  if (input.isTTY === true && input.setRawMode !== undefined) {
    return promptHidden(`${prompt}: `, { ...options, input, output: process.stderr });
  }
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS;
  if (signal?.aborted === true) return Promise.reject(new WalletAbortError(signal.reason));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer | string): void => {
      chunks.push(Buffer.from(chunk));
    };
    const finish = (err: Error | undefined): void => {
      input.off("data", onData);
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      input.pause();
      if (err === undefined) resolve(Buffer.concat(chunks).toString("utf8"));
      else reject(err);
    };
    const onAbort = (): void => finish(new WalletAbortError(signal?.reason));
    const timer = setTimeout(() => finish(new WalletTimeoutError(timeoutMs)), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    input.once("end", () => finish(undefined));
    input.once("error", (e) => finish(e instanceof Error ? e : new Error(String(e))));
    input.on("data", onData);
    input.resume();
  });
}
