import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "../../sim/errors.ts";
import { ensurePrivateDir, fileExists } from "./atomic-file.ts";
import { KeyfileExistsError } from "./errors.ts";
import { isKeyfileEncrypted, readKeyfile, type SecretSource, writeKeyfile } from "./keyfile.ts";
import { Keypair, type MnemonicWords } from "./keypair.ts";
import type { NaclSecret } from "./nacl.ts";
import { defaultWalletOptions, expandWalletPath } from "./options.ts";

/**
 * A bittensor wallet folder (spec/chain.md §5):
 *   <path>/<name>/coldkey             encrypted keyfile ($NACL)
 *   <path>/<name>/coldkeypub.txt      public part of the coldkey (plain JSON)
 *   <path>/<name>/hotkeys/<hotkey>    hotkey keyfile (plain JSON unless the user chose a password)
 *   <path>/<name>/hotkeys/<hotkey>pub.txt
 * Every write is atomic with mode 0600 (folders 0700) and refuses to replace a key unless
 * `overwrite` is set.
 */

export interface WalletInit {
  path?: string;
  name?: string;
  hotkey?: string;
}

export interface WriteOptions {
  overwrite?: boolean;
}

export class Wallet {
  /** The folder holding all wallets (absolute). */
  readonly root: string;
  readonly name: string;
  readonly hotkeyName: string;

  constructor(init: WalletInit = {}) {
    this.root = expandWalletPath(init.path ?? defaultWalletOptions.path);
    this.name = checkName("name", init.name ?? defaultWalletOptions.name);
    this.hotkeyName = checkName("hotkey", init.hotkey ?? defaultWalletOptions.hotkey);
  }

  get dir(): string {
    return join(this.root, this.name);
  }
  get coldkeyPath(): string {
    return join(this.dir, "coldkey");
  }
  get coldkeypubPath(): string {
    return join(this.dir, "coldkeypub.txt");
  }
  hotkeyPath(hotkey = this.hotkeyName): string {
    return join(this.dir, "hotkeys", checkName("hotkey", hotkey));
  }
  hotkeypubPath(hotkey = this.hotkeyName): string {
    return join(this.dir, "hotkeys", `${checkName("hotkey", hotkey)}pub.txt`);
  }

  /** New coldkey from a fresh mnemonic; returns the mnemonic so the caller can show it once. */
  async createColdkey(
    encryption: NaclSecret,
    options: WriteOptions & { words?: MnemonicWords } = {},
  ): Promise<{ keypair: Keypair; mnemonic: string }> {
    await this.refuseExisting([this.coldkeyPath, this.coldkeypubPath], options);
    const created = Keypair.generate(options.words);
    await this.setColdkey(created.keypair, encryption, options);
    return created;
  }

  /** New hotkey from a fresh mnemonic (plaintext, as bittensor writes hotkeys, unless `encryption`). */
  async createHotkey(
    options: WriteOptions & { words?: MnemonicWords; hotkey?: string; encryption?: NaclSecret } = {},
  ): Promise<{ keypair: Keypair; mnemonic: string }> {
    const name = options.hotkey ?? this.hotkeyName;
    await this.refuseExisting([this.hotkeyPath(name), this.hotkeypubPath(name)], options);
    const created = Keypair.generate(options.words);
    await this.setHotkey(created.keypair, { ...options, hotkey: name });
    return created;
  }

  /** Writes `coldkey` (encrypted) and `coldkeypub.txt`. Used by create, regen and import. */
  async setColdkey(keypair: Keypair, encryption: NaclSecret, options: WriteOptions = {}): Promise<void> {
    await this.refuseExisting([this.coldkeyPath, this.coldkeypubPath], options);
    await this.prepareDirs();
    await writeKeyfile(this.coldkeyPath, keypair, { encryption, overwrite: options.overwrite });
    await writeKeyfile(this.coldkeypubPath, keypair, { publicOnly: true, overwrite: options.overwrite });
  }

  /** Writes only `coldkeypub.txt` (a watch-only wallet: it can show balances but not sign). */
  async setColdkeypub(keypair: Keypair, options: WriteOptions = {}): Promise<void> {
    await this.prepareDirs();
    await writeKeyfile(this.coldkeypubPath, keypair, { publicOnly: true, overwrite: options.overwrite });
  }

  /** Writes `hotkeys/<name>` and `hotkeys/<name>pub.txt`. */
  async setHotkey(
    keypair: Keypair,
    options: WriteOptions & { hotkey?: string; encryption?: NaclSecret } = {},
  ): Promise<void> {
    const name = options.hotkey ?? this.hotkeyName;
    await this.refuseExisting([this.hotkeyPath(name), this.hotkeypubPath(name)], options);
    await this.prepareDirs();
    await writeKeyfile(this.hotkeyPath(name), keypair, {
      encryption: options.encryption,
      overwrite: options.overwrite,
    });
    await writeKeyfile(this.hotkeypubPath(name), keypair, { publicOnly: true, overwrite: options.overwrite });
  }

  /** The coldkey's public part, without a password. */
  async coldkeypub(): Promise<Keypair> {
    return readKeyfile(this.coldkeypubPath);
  }

  /** The full coldkey; `secret` is consulted only because the file is encrypted. */
  async unlockColdkey(secret: SecretSource): Promise<Keypair> {
    return readKeyfile(this.coldkeyPath, { secret });
  }

  async hotkey(hotkey = this.hotkeyName, secret?: SecretSource): Promise<Keypair> {
    return readKeyfile(this.hotkeyPath(hotkey), { secret });
  }

  /** Hotkey names in `hotkeys/` (from keyfiles and pub files), sorted. */
  async hotkeyNames(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(join(this.dir, "hotkeys"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    // A `<name>pub.txt` alone (a watch-only hotkey) still names the hotkey `<name>`.
    const names = new Set(
      entries
        .filter((e) => !e.startsWith("."))
        .map((e) => (e.endsWith("pub.txt") ? e.slice(0, -"pub.txt".length) : e)),
    );
    return [...names].filter((e) => e !== "").sort();
  }

  /** Public facts only (addresses, which files exist, whether the coldkey is encrypted); never decrypts. */
  async describe(): Promise<WalletSummary> {
    const coldkeyExists = await fileExists(this.coldkeyPath);
    const coldkeyAddress = await this.publicAddress(
      this.coldkeypubPath,
      coldkeyExists ? this.coldkeyPath : undefined,
    );
    const hotkeys: WalletSummary["hotkeys"] = [];
    for (const name of await this.hotkeyNames()) {
      hotkeys.push({
        name,
        address: await this.publicAddress(this.hotkeypubPath(name), this.hotkeyPath(name)),
      });
    }
    return {
      name: this.name,
      path: this.dir,
      coldkey: {
        address: coldkeyAddress,
        exists: coldkeyExists,
        encrypted: coldkeyExists ? await isKeyfileEncrypted(this.coldkeyPath) : false,
      },
      hotkeys,
    };
  }

  /** The address from the pub file, else from an unencrypted keyfile; null when neither says it. */
  private async publicAddress(pubPath: string, keyPath: string | undefined): Promise<string | null> {
    for (const path of [pubPath, keyPath]) {
      if (path === undefined || !(await fileExists(path)) || (await isKeyfileEncrypted(path))) continue;
      try {
        return (await readKeyfile(path)).address;
      } catch {
        // a malformed file shows as unknown; `wallet show` must not fail on it
      }
    }
    return null;
  }

  private async refuseExisting(paths: string[], options: WriteOptions): Promise<void> {
    if (options.overwrite === true) return;
    for (const path of paths) if (await fileExists(path)) throw new KeyfileExistsError(path);
  }

  private async prepareDirs(): Promise<void> {
    await ensurePrivateDir(this.root);
    await ensurePrivateDir(join(this.dir, "hotkeys"));
  }
}

export interface WalletSummary {
  name: string;
  path: string;
  coldkey: { address: string | null; exists: boolean; encrypted: boolean };
  hotkeys: Array<{ name: string; address: string | null }>;
}

/** Every wallet (sub-folder) under `path`, described without decrypting anything. */
export async function listWallets(path: string = defaultWalletOptions.path): Promise<WalletSummary[]> {
  const root = expandWalletPath(path);
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const out: WalletSummary[] = [];
  for (const e of entries.filter((d) => d.isDirectory() && !d.name.startsWith(".")).sort(byName)) {
    out.push(await new Wallet({ path: root, name: e.name }).describe());
  }
  return out;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Wallet and hotkey names become file names: one path segment, no separators. */
function checkName(field: string, name: string): string {
  if (name === "" || name === "." || name === ".." || /[/\\\0]/.test(name) || name.length > 255) {
    throw new InvalidInputError(field, `"${name}" cannot be a file name`, "a non-empty name without / or \\");
  }
  return name;
}
