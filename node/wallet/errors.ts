import { PlexusError } from "../../sim/errors.ts";

/**
 * Wallet errors. Messages name the file and what to do; they never contain a password, a
 * mnemonic or key material (only paths and public addresses).
 */

/** No keyfile at the path. */
export class KeyfileNotFoundError extends PlexusError {
  constructor(path: string) {
    super("WALLET_KEYFILE_NOT_FOUND", `no keyfile at ${path}: create or regenerate it first`, {
      meta: { path },
    });
    this.name = "KeyfileNotFoundError";
  }
}

/** Writing would replace an existing key; pass `overwrite: true` (CLI: --overwrite) to replace it. */
export class KeyfileExistsError extends PlexusError {
  constructor(path: string) {
    super(
      "WALLET_KEYFILE_EXISTS",
      `a keyfile already exists at ${path}; refusing to overwrite it (use overwrite / --overwrite to replace it)`,
      { meta: { path } },
    );
    this.name = "KeyfileExistsError";
  }
}

/** The file is neither valid keyfile JSON, nor a `$NACL` file, nor a bare public key. */
export class KeyfileMalformedError extends PlexusError {
  constructor(path: string, problem: string) {
    super("WALLET_KEYFILE_MALFORMED", `keyfile ${path} is malformed: ${problem}`, {
      meta: { path, problem },
    });
    this.name = "KeyfileMalformedError";
  }
}

/** An encryption format plexus does not read (ansible-vault, legacy Fernet). */
export class KeyfileUnsupportedError extends PlexusError {
  constructor(path: string, format: string) {
    super(
      "WALLET_KEYFILE_UNSUPPORTED",
      `keyfile ${path} uses the legacy ${format} encryption, which plexus does not read; ` +
        "re-create it with a current bittensor wallet (or regenerate it from its mnemonic)",
      { meta: { path, format } },
    );
    this.name = "KeyfileUnsupportedError";
  }
}

/** Decryption failed: wrong password, or the file was altered. The file is left as it was. */
export class KeyfileDecryptError extends PlexusError {
  constructor(path: string) {
    super("WALLET_DECRYPT_FAILED", `cannot decrypt ${path}: wrong password or corrupted file`, {
      meta: { path },
    });
    this.name = "KeyfileDecryptError";
  }
}

/** A password is needed and none could be obtained, or the one given is not acceptable. */
export class PasswordError extends PlexusError {
  constructor(reason: "REQUIRED" | "MISMATCH" | "TOO_SHORT", message: string) {
    super(`WALLET_PASSWORD_${reason}`, message);
    this.name = "PasswordError";
  }
}

/** The key has no secret part (a coldkeypub or an address-only keyfile) and cannot sign. */
export class PublicOnlyKeyError extends PlexusError {
  constructor(address: string) {
    super("WALLET_PUBLIC_ONLY", `key ${address} holds no secret and cannot sign; unlock the full keyfile`, {
      meta: { address },
    });
    this.name = "PublicOnlyKeyError";
  }
}

/** A wallet wait (a password prompt) was cancelled through its AbortSignal or with Ctrl-C. */
export class WalletAbortError extends PlexusError {
  constructor(reason?: unknown) {
    super("ABORTED", "the wallet operation was aborted", { cause: reason });
    this.name = "AbortError";
  }
}

/** A wallet wait (a password prompt) outlived its deadline. */
export class WalletTimeoutError extends PlexusError {
  constructor(ms: number) {
    super("TIMEOUT", `no answer within ${ms} ms`, { meta: { ms } });
    this.name = "TimeoutError";
  }
}
