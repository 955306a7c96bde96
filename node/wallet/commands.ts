import { readFile } from "node:fs/promises";
import { InvalidInputError } from "../../sim/errors.ts";
import { fileExists } from "./atomic-file.ts";
import { KeyfileExistsError } from "./errors.ts";
import { readKeyfile } from "./keyfile.ts";
import { Keypair, type MnemonicWords, walletCryptoReady } from "./keypair.ts";
import { deriveNaclKey, isNaclEncrypted, type NaclSecret } from "./nacl.ts";
import { getPassword, type PasswordOptions } from "./password.ts";
import { Wallet } from "./wallet.ts";

/**
 * The operations behind `plexus wallet …`, as functions: they return what happened (addresses,
 * and a new mnemonic for the caller to show once) and never print.
 */

export interface WalletContext {
  path: string;
  name: string;
  hotkey: string;
  password: PasswordOptions;
}

export type KeyRole = "coldkey" | "hotkey";

export interface CreatedKey {
  key: KeyRole;
  address: string;
  /** Shown to the user once; never stored anywhere but the keyfile. */
  mnemonic: string;
}

/** New coldkey and/or hotkey. Everything is checked (existing files, password) before any key is made. */
export async function createWalletKeys(
  ctx: WalletContext,
  options: { keys: KeyRole[]; words?: MnemonicWords; overwrite?: boolean },
): Promise<CreatedKey[]> {
  await walletCryptoReady();
  const wallet = walletOf(ctx);
  if (options.overwrite !== true) {
    const paths = options.keys.flatMap((k) =>
      k === "coldkey"
        ? [wallet.coldkeyPath, wallet.coldkeypubPath]
        : [wallet.hotkeyPath(), wallet.hotkeypubPath()],
    );
    for (const p of paths) if (await fileExists(p)) throw new KeyfileExistsError(p);
  }
  const created: CreatedKey[] = [];
  for (const key of options.keys) {
    if (key === "coldkey") {
      const secret = await newColdkeySecret(ctx);
      const r = await wallet.createColdkey(secret, { words: options.words, overwrite: options.overwrite });
      created.push({ key, address: r.keypair.address, mnemonic: r.mnemonic });
    } else {
      const r = await wallet.createHotkey({ words: options.words, overwrite: options.overwrite });
      created.push({ key, address: r.keypair.address, mnemonic: r.mnemonic });
    }
  }
  return created;
}

/** What a key is regenerated from: exactly one of these. */
export interface RegenSource {
  mnemonic?: string;
  seed?: string;
  /** Public only: regenerates coldkeypub.txt (a watch-only wallet). */
  ss58?: string;
}

/** Rebuilds a key from its mnemonic or seed (or coldkeypub.txt from an address), like `btcli w regen_*`. */
export async function regenWalletKey(
  ctx: WalletContext,
  options: { key: KeyRole | "coldkeypub"; source: RegenSource; overwrite?: boolean },
): Promise<{ key: string; address: string }> {
  await walletCryptoReady();
  const wallet = walletOf(ctx);
  const given = Object.entries(options.source).filter(([, v]) => v !== undefined);
  if (given.length !== 1) {
    throw new InvalidInputError(
      "source",
      `${given.length} sources given`,
      "exactly one of mnemonic, seed, ss58",
    );
  }
  const { mnemonic, seed, ss58 } = options.source;
  if (options.key === "coldkeypub") {
    const keypair =
      ss58 !== undefined ? Keypair.fromPublic(ss58) : secretKeypair(mnemonic, seed).publicOnly();
    await wallet.setColdkeypub(keypair, { overwrite: options.overwrite });
    return { key: options.key, address: keypair.address };
  }
  if (ss58 !== undefined) {
    throw new InvalidInputError("ss58", `an address cannot regenerate a ${options.key}`, "mnemonic or seed");
  }
  const keypair = secretKeypair(mnemonic, seed);
  await store(ctx, wallet, options.key, keypair, options.overwrite, undefined);
  return { key: options.key, address: keypair.address };
}

/**
 * Copies a bittensor keyfile (plaintext or `$NACL`) into the wallet as its coldkey or hotkey.
 * An encrypted source is opened with the wallet password; a coldkey is stored encrypted with it.
 */
export async function importWalletKey(
  ctx: WalletContext,
  options: { key: KeyRole; file: string; overwrite?: boolean },
): Promise<{ key: KeyRole; address: string }> {
  await walletCryptoReady();
  const wallet = walletOf(ctx);
  const target = options.key === "coldkey" ? wallet.coldkeyPath : wallet.hotkeyPath();
  if (options.overwrite !== true && (await fileExists(target))) throw new KeyfileExistsError(target);
  let secret: NaclSecret | undefined;
  const encrypted = isNaclEncrypted(new Uint8Array(await readFile(options.file)));
  if (encrypted) {
    // bittensor's salt is constant: the key that opens the source also encrypts the copy.
    const password = await getPassword({ prompt: `Password of ${options.file}` }, ctx.password);
    secret = { key: await deriveNaclKey(password) };
  }
  const keypair = await readKeyfile(options.file, { secret });
  if (!keypair.hasSecret) {
    throw new InvalidInputError(
      "file",
      "holds only a public key",
      "a keyfile with secretPhrase, secretSeed or privateKey",
    );
  }
  await store(ctx, wallet, options.key, keypair, options.overwrite, secret);
  return { key: options.key, address: keypair.address };
}

async function store(
  ctx: WalletContext,
  wallet: Wallet,
  key: KeyRole,
  keypair: Keypair,
  overwrite: boolean | undefined,
  secret: NaclSecret | undefined,
): Promise<void> {
  if (key === "coldkey") {
    if (overwrite !== true) {
      for (const p of [wallet.coldkeyPath, wallet.coldkeypubPath])
        if (await fileExists(p)) throw new KeyfileExistsError(p);
    }
    await wallet.setColdkey(keypair, secret ?? (await newColdkeySecret(ctx)), { overwrite });
  } else {
    await wallet.setHotkey(keypair, { overwrite });
  }
}

function secretKeypair(mnemonic: string | undefined, seed: string | undefined): Keypair {
  return mnemonic !== undefined ? Keypair.fromMnemonic(mnemonic) : Keypair.fromSeed(seed!);
}

async function newColdkeySecret(ctx: WalletContext): Promise<NaclSecret> {
  const password = await getPassword(
    { prompt: `New password for the coldkey of wallet '${ctx.name}'`, isNew: true },
    ctx.password,
  );
  return { password };
}

function walletOf(ctx: WalletContext): Wallet {
  return new Wallet({ path: ctx.path, name: ctx.name, hotkey: ctx.hotkey });
}
