import { readFile } from "node:fs/promises";
import { fileExists, writeFileAtomic } from "./atomic-file.ts";
import {
  KeyfileDecryptError,
  KeyfileExistsError,
  KeyfileMalformedError,
  KeyfileNotFoundError,
  KeyfileUnsupportedError,
  PasswordError,
} from "./errors.ts";
import { parseKeyfile, serializeKeyfile } from "./keyfile-json.ts";
import { type Keypair, walletCryptoReady } from "./keypair.ts";
import { isNaclEncrypted, legacyFormat, type NaclSecret, naclDecrypt, naclEncrypt } from "./nacl.ts";

/**
 * One keyfile on disk: read (plaintext JSON, `$NACL`, or a bare hex public key) and write
 * (atomically, mode 0600, never over an existing key unless asked). Reading never writes.
 */

/** Supplies the password (or derived key) of an encrypted file; called only when one is needed. */
export type SecretSource = NaclSecret | ((path: string) => Promise<NaclSecret>);

export interface ReadKeyfileOptions {
  secret?: SecretSource;
}

export interface WriteKeyfileOptions {
  /** Encrypt with `$NACL` (coldkeys; hotkeys only when the user wants a password). */
  encryption?: NaclSecret;
  /** Write only accountId, publicKey and ss58Address (coldkeypub.txt, <hotkey>pub.txt). */
  publicOnly?: boolean;
  /** Replace an existing file; without it an existing key raises KeyfileExistsError. */
  overwrite?: boolean;
  /** @internal Fixed nonce so tests can reproduce reference bytes. Never use it for real keys. */
  nonce?: Uint8Array;
}

export async function readKeyfile(path: string, options: ReadKeyfileOptions = {}): Promise<Keypair> {
  await walletCryptoReady();
  const bytes = await readBytes(path);
  const legacy = legacyFormat(bytes);
  if (legacy !== undefined) throw new KeyfileUnsupportedError(path, legacy);
  let plaintext = bytes;
  if (isNaclEncrypted(bytes)) {
    if (options.secret === undefined) {
      throw new PasswordError("REQUIRED", `${path} is encrypted: a password is required to read it`);
    }
    const secret = typeof options.secret === "function" ? await options.secret(path) : options.secret;
    const opened = await naclDecrypt(bytes, secret);
    if (opened === undefined) throw new KeyfileDecryptError(path);
    plaintext = opened;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    throw new KeyfileMalformedError(path, "not UTF-8 text");
  }
  return parseKeyfile(path, text);
}

/** True when the file is `$NACL`-encrypted (reading it needs a password). */
export async function isKeyfileEncrypted(path: string): Promise<boolean> {
  return isNaclEncrypted(await readBytes(path));
}

export async function writeKeyfile(
  path: string,
  keypair: Keypair,
  options: WriteKeyfileOptions = {},
): Promise<void> {
  await walletCryptoReady();
  // Fail fast, before the slow KDF; writeFileAtomic checks again without a race.
  if (options.overwrite !== true && (await fileExists(path))) throw new KeyfileExistsError(path);
  const text = new TextEncoder().encode(serializeKeyfile(keypair, { publicOnly: options.publicOnly }));
  const data =
    options.encryption === undefined
      ? text
      : await naclEncrypt(text, options.encryption, { nonce: options.nonce });
  await writeFileAtomic(path, data, { overwrite: options.overwrite });
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new KeyfileNotFoundError(path);
    throw err;
  }
}
