import { mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { peerIdFromPrivateKey } from "@libp2p/peer-id";
import test from "ava";
import {
  loadOrCreatePeerSeed,
  PeerKeyFileError,
  peerKeyFromSeed,
  peerSeedPath,
} from "../../../node/network/peer-key.ts";

test("a new peer seed is written 0600 and the same file always yields the same peer id", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-peerkey-"));
  const path = peerSeedPath(dir, "default", "miner1");
  const first = await loadOrCreatePeerSeed(path);
  t.is((await stat(path)).mode & 0o777, 0o600);
  const again = await loadOrCreatePeerSeed(path);
  t.deepEqual(again, first);
  const a = peerIdFromPrivateKey(await peerKeyFromSeed(first)).toString();
  const b = peerIdFromPrivateKey(await peerKeyFromSeed(again)).toString();
  t.is(a, b);
  t.deepEqual(await readdir(join(dir, "default", "peerkeys")), ["miner1"]); // no temp files left behind
});

test("a seed file readable by others or with bad content is refused", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-peerkey-"));
  const open = join(dir, "open");
  await writeFile(open, `${"ab".repeat(32)}\n`, { mode: 0o644 });
  await t.throwsAsync(loadOrCreatePeerSeed(open), { instanceOf: PeerKeyFileError });
  const junk = join(dir, "junk");
  await writeFile(junk, "nothex", { mode: 0o600 });
  await t.throwsAsync(loadOrCreatePeerSeed(junk), { instanceOf: PeerKeyFileError });
});
