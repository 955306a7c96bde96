import { randomBytes } from "node:crypto";
import { link, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { KeyfileExistsError } from "./errors.ts";

/** Keyfiles are readable by their owner only; wallet folders likewise. */
export const KEYFILE_MODE = 0o600;
export const WALLET_DIR_MODE = 0o700;

/** Creates a folder (and missing parents) with mode 0700. Existing folders keep their mode. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: WALLET_DIR_MODE });
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}

/**
 * Writes `data` to `path` so that a reader sees either the old file or the complete new one:
 * a temporary file in the same folder (mode 0600), fsync, then rename over the target (or, when
 * `overwrite` is false, a hard link that fails if the target exists, so an existing key is never
 * replaced even by a concurrent writer), then fsync of the folder.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: { overwrite?: boolean; mode?: number } = {},
): Promise<void> {
  const mode = options.mode ?? KEYFILE_MODE;
  const dir = dirname(path);
  await ensurePrivateDir(dir);
  if (options.overwrite !== true && (await fileExists(path))) throw new KeyfileExistsError(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const fh = await open(tmp, "wx", mode);
  try {
    try {
      await fh.writeFile(data);
      await fh.chmod(mode); // the umask may have cleared bits; never widens beyond `mode`
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (options.overwrite === true) {
      await rename(tmp, path);
    } else {
      await linkNoClobber(tmp, path);
    }
  } finally {
    await unlink(tmp).catch(() => {});
  }
  await syncDir(dir);
}

async function linkNoClobber(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new KeyfileExistsError(path);
    // File systems without hard links: fall back to check-then-rename.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw err;
    if (await fileExists(path)) throw new KeyfileExistsError(path);
    await rename(tmp, path);
  }
}

/** Makes the rename durable. Some platforms cannot fsync a folder; that is not an error. */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // best effort
  }
}
