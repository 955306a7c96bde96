import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hexToU8a, u8aToHex } from "@polkadot/util";
import test from "ava";
import { readKeyfile, writeKeyfile } from "../../node/wallet/keyfile.ts";
import { parseKeyfile } from "../../node/wallet/keyfile-json.ts";
import { Keypair, walletCryptoReady } from "../../node/wallet/keypair.ts";
import { deriveNaclKey, NACL_KDF, naclDecrypt } from "../../node/wallet/nacl.ts";
import { sharedDir } from "../helpers/shared.ts";

/**
 * bittensor wallet vectors (shared/vectors/wallet/public.json). The file is not in the common
 * case schema ({kdf, keys[]}), so it has this dedicated test rather than a conformance group.
 */

interface WalletVectors {
  kdf: {
    salt_hex: string;
    opslimit_iterations: number;
    memory_kib: number;
    parallelism: number;
    key_len: number;
    password: string;
    derived_key_hex: string;
  };
  keys: Array<{
    mnemonic: string;
    miniSecret_secretSeed: string;
    publicKey: string;
    ss58Address: string;
    privateKey_canonical: string;
    secretKey_polkadotjs_ed25519_form: string;
    keyfile_plaintext: string;
    coldkeypub_txt: string;
    nonce_hex: string;
    encrypted_keyfile_hex: string;
  }>;
}

const shared = sharedDir();
const vectors: WalletVectors | undefined =
  shared === undefined
    ? undefined
    : JSON.parse(await readFile(join(shared, "vectors", "wallet", "public.json"), "utf8"));

if (vectors === undefined) {
  test.skip("wallet/public.json: skipped, shared/vectors not found (set PLEXUS_SHARED)", () => {});
} else {
  await walletCryptoReady();
  const { kdf } = vectors;
  // The salt is constant, so one password gives one key: derive it once (Argon2i, ~5 s) and
  // use it for every file below.
  let keyPromise: Promise<Uint8Array> | undefined;
  const vectorKey = () => {
    keyPromise ??= deriveNaclKey(kdf.password);
    return keyPromise;
  };
  const dir = await mkdtemp(join(tmpdir(), "plexus-wallet-spec-"));
  test.after.always(() => rm(dir, { recursive: true, force: true }));

  test("wallet kdf: our Argon2i parameters match the vector's and derive its key from the password", async (t) => {
    t.is(hex(NACL_KDF.salt, false), kdf.salt_hex);
    t.is<number, number>(NACL_KDF.iterations, kdf.opslimit_iterations);
    t.is<number, number>(NACL_KDF.memoryKiB, kdf.memory_kib);
    t.is<number, number>(NACL_KDF.parallelism, kdf.parallelism);
    t.is<number, number>(NACL_KDF.keyBytes, kdf.key_len);
    t.is(hex(await vectorKey(), false), kdf.derived_key_hex);
  });

  vectors.keys.forEach((v, i) => {
    const label = `wallet key ${i} (${v.ss58Address})`;

    test(`${label}: mnemonic gives the public key, address, seed and both secret-key forms`, (t) => {
      const kp = Keypair.fromMnemonic(v.mnemonic);
      t.is(hex(kp.publicKey), v.publicKey);
      t.is(kp.address, v.ss58Address);
      t.is(hex(kp.secretSeed), v.miniSecret_secretSeed);
      t.is(hex(kp.privateKeyCanonical), v.privateKey_canonical);
      t.is(hex(kp.secretKey), v.secretKey_polkadotjs_ed25519_form);
    });

    test(`${label}: seed and canonical private key alone give the same key`, (t) => {
      t.is(Keypair.fromSeed(v.miniSecret_secretSeed).address, v.ss58Address);
      const fromPrivate = Keypair.fromPrivateKey(v.privateKey_canonical);
      t.is(fromPrivate.address, v.ss58Address);
      t.is(hex(fromPrivate.secretKey), v.secretKey_polkadotjs_ed25519_form);
    });

    test(`${label}: the vector's keyfile and coldkeypub parse to the key`, (t) => {
      const full = parseKeyfile("keyfile_plaintext", v.keyfile_plaintext);
      t.is(full.address, v.ss58Address);
      t.is(full.secretPhrase, v.mnemonic);
      const pub = parseKeyfile("coldkeypub_txt", v.coldkeypub_txt);
      t.is(pub.address, v.ss58Address);
      t.false(pub.hasSecret);
    });

    test(`${label}: decrypting the vector's $NACL file yields its plaintext`, async (t) => {
      const opened = await naclDecrypt(hexToU8a(`0x${v.encrypted_keyfile_hex}`), { key: await vectorKey() });
      t.truthy(opened);
      t.deepEqual(JSON.parse(new TextDecoder().decode(opened)), JSON.parse(v.keyfile_plaintext));
      const path = join(dir, `vector-${i}`);
      await writeFile(path, hexToU8a(`0x${v.encrypted_keyfile_hex}`), { mode: 0o600 });
      const kp = await readKeyfile(path, { secret: { key: await vectorKey() } });
      t.is(kp.address, v.ss58Address);
    });

    test(`${label}: our encrypted coldkey decrypts to the same keyfile fields`, async (t) => {
      const path = join(dir, `ours-${i}`);
      const key = await vectorKey();
      await writeKeyfile(path, Keypair.fromMnemonic(v.mnemonic), { encryption: { key } });
      const opened = await naclDecrypt(new Uint8Array(await readFile(path)), { key });
      t.deepEqual(JSON.parse(new TextDecoder().decode(opened)), JSON.parse(v.keyfile_plaintext));
      const pubPath = join(dir, `ours-${i}pub.txt`);
      await writeKeyfile(pubPath, Keypair.fromMnemonic(v.mnemonic), { publicOnly: true });
      t.deepEqual(JSON.parse(await readFile(pubPath, "utf8")), JSON.parse(v.coldkeypub_txt));
    });

    test(`${label}: with the vector's nonce our coldkey file is byte-identical`, async (t) => {
      const path = join(dir, `fixed-nonce-${i}`);
      await writeKeyfile(path, Keypair.fromMnemonic(v.mnemonic), {
        encryption: { key: await vectorKey() },
        nonce: hexToU8a(`0x${v.nonce_hex}`),
      });
      t.is((await readFile(path)).toString("hex"), v.encrypted_keyfile_hex);
    });
  });
}

/** Hex as a plain string ("0x"-prefixed unless `prefixed` is false) for comparisons. */
function hex(bytes: Uint8Array | undefined, prefixed = true): string {
  return u8aToHex(bytes, -1, prefixed);
}
