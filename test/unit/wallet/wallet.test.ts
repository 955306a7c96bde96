import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { writeKeyfile } from "../../../node/wallet/keyfile.ts";
import { Keypair, walletCryptoReady } from "../../../node/wallet/keypair.ts";
import { listWallets, Wallet } from "../../../node/wallet/wallet.ts";
import { InvalidInputError } from "../../../sim/errors.ts";

await walletCryptoReady();
const root = await mkdtemp(join(tmpdir(), "plexus-wallets-"));
test.after.always(() => rm(root, { recursive: true, force: true }));
const key = new Uint8Array(randomBytes(32));

test("create writes bittensor's layout: encrypted coldkey, coldkeypub.txt, hotkeys/<name> and its pub file", async (t) => {
  const w = new Wallet({ path: root, name: "alice", hotkey: "miner1" });
  const cold = await w.createColdkey({ key });
  const hot = await w.createHotkey();
  t.is((await readFile(w.coldkeyPath)).subarray(0, 5).toString(), "$NACL");
  t.is((await w.coldkeypub()).address, cold.keypair.address);
  t.is((await w.hotkey()).address, hot.keypair.address);
  t.is(
    JSON.parse(await readFile(w.hotkeyPath(), "utf8")).secretPhrase,
    hot.mnemonic,
    "hotkeys are plain JSON",
  );
  t.is(JSON.parse(await readFile(w.hotkeypubPath(), "utf8")).ss58Address, hot.keypair.address);
  for (const p of [w.coldkeyPath, w.coldkeypubPath, w.hotkeyPath(), w.hotkeypubPath()]) {
    t.is((await stat(p)).mode & 0o777, 0o600, p);
  }
  t.is((await stat(w.dir)).mode & 0o777, 0o700);
  const unlocked = await w.unlockColdkey({ key });
  t.is(unlocked.secretPhrase, cold.mnemonic);
});

test("create refuses to replace an existing coldkey or hotkey", async (t) => {
  const w = new Wallet({ path: root, name: "bob" });
  await w.createColdkey({ key });
  await w.createHotkey();
  const a = await t.throwsAsync(w.createColdkey({ key }));
  t.is((a as { code?: string }).code, "WALLET_KEYFILE_EXISTS");
  const b = await t.throwsAsync(w.createHotkey());
  t.is((b as { code?: string }).code, "WALLET_KEYFILE_EXISTS");
});

test("regenerating from a mnemonic restores the same addresses", async (t) => {
  const original = Keypair.generate();
  const w = new Wallet({ path: root, name: "carol" });
  await w.setColdkey(Keypair.fromMnemonic(original.mnemonic), { key });
  t.is((await w.coldkeypub()).address, original.keypair.address);
  await w.setHotkey(Keypair.fromSeed(original.keypair.secretSeed!), { hotkey: "h2" });
  t.is((await w.hotkey("h2")).address, original.keypair.address);
});

test("describe and list show addresses and never need the password", async (t) => {
  const sub = await mkdtemp(join(root, "list-"));
  const w = new Wallet({ path: sub, name: "dave", hotkey: "a" });
  const cold = await w.createColdkey({ key });
  const hotA = await w.createHotkey();
  const hotB = await w.createHotkey({ hotkey: "b" });
  const watch = new Wallet({ path: sub, name: "erin" });
  await watch.setColdkeypub(Keypair.fromPublic(cold.keypair.address));
  await writeKeyfile(watch.hotkeypubPath("seen"), hotA.keypair, { publicOnly: true });
  const all = await listWallets(sub);
  t.deepEqual(
    all.map((s) => s.name),
    ["dave", "erin"],
  );
  t.deepEqual(all[0].coldkey, { address: cold.keypair.address, exists: true, encrypted: true });
  t.deepEqual(all[0].hotkeys, [
    { name: "a", address: hotA.keypair.address },
    { name: "b", address: hotB.keypair.address },
  ]);
  t.deepEqual(all[1].coldkey, { address: cold.keypair.address, exists: false, encrypted: false });
  t.deepEqual(
    all[1].hotkeys,
    [{ name: "seen", address: hotA.keypair.address }],
    "a pub file alone names a hotkey",
  );
  t.deepEqual(await listWallets(join(sub, "missing")), []);
});

test("wallet and hotkey names must be single path segments", (t) => {
  for (const name of ["", "..", "a/b", "a\\b"]) {
    t.throws(() => new Wallet({ path: root, name }), { instanceOf: InvalidInputError }, JSON.stringify(name));
  }
  t.throws(() => new Wallet({ path: root }).hotkeyPath("../x"), { instanceOf: InvalidInputError });
});

test("a leading ~ in the wallet path is the home folder", (t) => {
  const w = new Wallet({ path: "~/wallets", name: "x" });
  t.true(w.dir.endsWith(join("wallets", "x")));
  t.false(w.dir.includes("~"));
});
