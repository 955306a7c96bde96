import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { generateKeyPairFromSeed } from "@libp2p/crypto/keys";
import type { Ed25519PrivateKey } from "@libp2p/interface";
import { PlexusError } from "../../sim/errors.ts";

/**
 * The node's libp2p identity: an Ed25519 key derived deterministically from a 32-byte seed kept in
 * a file next to the wallet (hex, mode 0600, written atomically). The same seed always gives the
 * same peer id, so a restarted node keeps the identity its binding and peers know.
 */
export class PeerKeyFileError extends PlexusError {
  constructor(path: string, problem: string) {
    super("NET_PEER_KEY_FILE", `peer key file ${path}: ${problem}`, { meta: { path, problem } });
    this.name = "PeerKeyFileError";
  }
}

export const PEER_SEED_BYTES = 32;

/** Where the peer seed of a wallet's hotkey lives: `<walletDir>/<wallet>/peerkeys/<hotkey>`. */
export function peerSeedPath(walletDir: string, wallet: string, hotkey: string): string {
  return join(walletDir, wallet, "peerkeys", hotkey);
}

export async function peerKeyFromSeed(seed: Uint8Array): Promise<Ed25519PrivateKey> {
  if (seed.length !== PEER_SEED_BYTES) {
    throw new PlexusError("INPUT_INVALID", `peer seed must be ${PEER_SEED_BYTES} bytes, got ${seed.length}`);
  }
  return generateKeyPairFromSeed("Ed25519", seed);
}

/** Reads the seed at `path`, or creates one (random, 0600, atomic) when the file does not exist. */
export async function loadOrCreatePeerSeed(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) {
      throw new PeerKeyFileError(
        path,
        `permissions ${(info.mode & 0o777).toString(8)} are too open; run chmod 600`,
      );
    }
    const text = (await readFile(path, "utf8")).trim();
    if (!/^[0-9a-f]{64}$/.test(text))
      throw new PeerKeyFileError(path, "expected 64 lowercase hex characters");
    return Uint8Array.from(Buffer.from(text, "hex"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const seed = new Uint8Array(randomBytes(PEER_SEED_BYTES));
  await writeSecretAtomic(path, `${Buffer.from(seed).toString("hex")}\n`);
  return seed;
}

/** Writes a secret file: temp file created 0600 in the same folder, fsync, rename over the target. */
export async function writeSecretAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const fh = await open(tmp, "wx", 0o600);
  try {
    await fh.writeFile(text, "utf8");
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
