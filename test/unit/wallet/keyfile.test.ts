import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { u8aToHex } from "@polkadot/util";
import test from "ava";
import { readKeyfile, writeKeyfile } from "../../../node/wallet/keyfile.ts";
import { serializeKeyfile } from "../../../node/wallet/keyfile-json.ts";
import { Keypair, walletCryptoReady } from "../../../node/wallet/keypair.ts";

await walletCryptoReady();
const dir = await mkdtemp(join(tmpdir(), "plexus-keyfile-"));
test.after.always(() => rm(dir, { recursive: true, force: true }));

const key = new Uint8Array(randomBytes(32));
const { keypair, mnemonic } = Keypair.generate(12);
let n = 0;
const fresh = () => join(dir, `k${n++}`, "keyfile");
const sha = async (p: string) =>
  createHash("sha256")
    .update(await readFile(p))
    .digest("hex");

test("a plaintext keyfile round-trips with mode 0600 in a 0700 folder", async (t) => {
  const path = fresh();
  await writeKeyfile(path, keypair);
  t.is((await stat(path)).mode & 0o777, 0o600);
  t.is((await stat(join(path, ".."))).mode & 0o777, 0o700);
  const back = await readKeyfile(path);
  t.is(back.address, keypair.address);
  t.is(back.secretPhrase, mnemonic);
  t.deepEqual(await readdir(join(path, "..")), ["keyfile"], "no temporary file is left behind");
});

test("an existing key is not replaced without overwrite, and is with it", async (t) => {
  const path = fresh();
  await writeKeyfile(path, keypair);
  const before = await sha(path);
  const other = Keypair.generate().keypair;
  const err = await t.throwsAsync(writeKeyfile(path, other));
  t.is((err as { code?: string }).code, "WALLET_KEYFILE_EXISTS");
  t.is(await sha(path), before);
  await writeKeyfile(path, other, { overwrite: true });
  t.is((await readKeyfile(path)).address, other.address);
});

test("an encrypted keyfile needs its key; a wrong key fails typed and leaves the file untouched", async (t) => {
  const path = fresh();
  await writeKeyfile(path, keypair, { encryption: { key } });
  t.is((await readFile(path)).subarray(0, 5).toString(), "$NACL");
  const before = await sha(path);
  const missing = await t.throwsAsync(readKeyfile(path));
  t.is((missing as { code?: string }).code, "WALLET_PASSWORD_REQUIRED");
  const wrong = await t.throwsAsync(readKeyfile(path, { secret: { key: new Uint8Array(32) } }));
  t.is((wrong as { code?: string }).code, "WALLET_DECRYPT_FAILED");
  t.is(await sha(path), before);
  t.is((await readKeyfile(path, { secret: async () => ({ key }) })).address, keypair.address);
});

test("a wrong password fails without echoing the password (runs the 512 MiB Argon2i twice)", async (t) => {
  t.timeout(600_000); // two Argon2i runs; slow on a loaded machine
  const path = fresh();
  const password = "correct horse battery";
  await writeKeyfile(path, keypair, { encryption: { password } });
  const before = await sha(path);
  const err = await t.throwsAsync(readKeyfile(path, { secret: { password: "not the password" } }));
  t.is((err as { code?: string }).code, "WALLET_DECRYPT_FAILED");
  t.false(
    JSON.stringify({ m: err?.message, meta: (err as { meta?: unknown }).meta }).includes("not the password"),
  );
  t.is(await sha(path), before);
});

test("malformed keyfiles raise a typed error that names no secret, and stay untouched", async (t) => {
  const seed = u8aToHex(keypair.secretSeed);
  const bad: Record<string, string> = {
    garbage: "hello",
    array: "[1,2]",
    numberField: JSON.stringify({ secretSeed: 5 }),
    shortSeed: JSON.stringify({ secretSeed: "0x1234" }),
    noKey: JSON.stringify({ foo: "bar" }),
    badMnemonic: JSON.stringify({ secretPhrase: "abandon abandon abandon" }),
    wrongPublic: JSON.stringify({ secretSeed: seed, publicKey: u8aToHex(new Uint8Array(32).fill(1)) }),
    wrongAddress: JSON.stringify({ secretSeed: seed, ss58Address: Keypair.generate().keypair.address }),
  };
  for (const [name, text] of Object.entries(bad)) {
    const path = join(dir, `bad-${name}`);
    await writeFile(path, text, { mode: 0o600 });
    const before = await sha(path);
    const err = await t.throwsAsync(readKeyfile(path), undefined, name);
    t.is((err as { code?: string }).code, "WALLET_KEYFILE_MALFORMED", name);
    t.false(err?.message.includes(seed.slice(2)), name);
    t.is(await sha(path), before, name);
  }
});

test("legacy ansible-vault and Fernet files are reported as unsupported", async (t) => {
  for (const [name, text] of [
    ["ansible", "$ANSIBLE_VAULT;1.1;AES256\n3131"],
    ["fernet", "gAAAAABkZXN0"],
  ]) {
    const path = join(dir, `legacy-${name}`);
    await writeFile(path, text);
    const err = await t.throwsAsync(readKeyfile(path));
    t.is((err as { code?: string }).code, "WALLET_KEYFILE_UNSUPPORTED");
  }
});

test("a missing keyfile is reported as not found", async (t) => {
  const err = await t.throwsAsync(readKeyfile(join(dir, "nope")));
  t.is((err as { code?: string }).code, "WALLET_KEYFILE_NOT_FOUND");
});

test("readers take secretPhrase, then secretSeed, then privateKey, then ss58Address", async (t) => {
  const a = Keypair.generate().keypair;
  const b = Keypair.generate().keypair;
  const write = async (name: string, fields: Record<string, unknown>) => {
    const path = join(dir, `prec-${name}`);
    await writeFile(path, JSON.stringify(fields));
    return readKeyfile(path);
  };
  // The phrase wins over a seed of another key (no publicKey stated to contradict it).
  t.is(
    (await write("phrase", { secretPhrase: a.secretPhrase, secretSeed: u8aToHex(b.secretSeed) })).address,
    a.address,
  );
  t.is(
    (await write("seed", { secretSeed: u8aToHex(a.secretSeed), privateKey: u8aToHex(b.privateKeyCanonical) }))
      .address,
    a.address,
  );
  const priv = await write("private", { privateKey: u8aToHex(a.privateKeyCanonical), secretPhrase: null });
  t.is(priv.address, a.address);
  t.true(priv.hasSecret);
  const pub = await write("public", { ss58Address: a.address });
  t.is(pub.address, a.address);
  t.false(pub.hasSecret);
  const hexPath = join(dir, "prec-barehex");
  await writeFile(hexPath, `${u8aToHex(a.publicKey)}\n`);
  t.is((await readKeyfile(hexPath)).address, a.address);
});

test("a key loaded from its private key alone signs verifiable signatures", async (t) => {
  const loaded = Keypair.fromPrivateKey(keypair.privateKeyCanonical!);
  const msg = new TextEncoder().encode("payload");
  t.true(keypair.verify(msg, loaded.sign(msg)));
});

test("the serialized keyfile uses Python json.dumps separators and bittensor's field order", (t) => {
  const text = serializeKeyfile(keypair);
  t.deepEqual(Object.keys(JSON.parse(text)), [
    "accountId",
    "publicKey",
    "privateKey",
    "secretPhrase",
    "secretSeed",
    "ss58Address",
  ]);
  t.true(text.startsWith('{"accountId": "0x'));
  t.deepEqual(Object.keys(JSON.parse(serializeKeyfile(keypair, { publicOnly: true }))), [
    "accountId",
    "publicKey",
    "ss58Address",
  ]);
});

test("a keypair never shows its secrets through JSON.stringify or util.inspect", (t) => {
  const text = JSON.stringify({ keypair }) + inspect(keypair, { showHidden: true, depth: 5 });
  t.false(text.includes(mnemonic.split(" ")[0] + " "));
  t.false(text.includes(u8aToHex(keypair.secretSeed).slice(2)));
  t.true(text.includes(keypair.address));
});
