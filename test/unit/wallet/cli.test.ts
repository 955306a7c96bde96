import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { u8aToHex } from "@polkadot/util";
import test from "ava";
import { writeKeyfile } from "../../../node/wallet/keyfile.ts";
import { Keypair, walletCryptoReady } from "../../../node/wallet/keypair.ts";
import { repoRoot } from "../../helpers/shared.ts";

/**
 * `plexus wallet …` as a user runs it: a child process with a temporary HOME and wallet path.
 * Serial: each coldkey write runs the 512 MiB Argon2i, and the machine's cores are shared.
 */

await walletCryptoReady();
const home = await mkdtemp(join(tmpdir(), "plexus-wallet-cli-"));
const walletPath = join(home, "wallets");
test.after.always(() => rm(home, { recursive: true, force: true }));
const PASSWORD = "cli-test-password";
/** Generous: on a loaded machine one Argon2i run can take many times its ~5 s. */
const LONG = 600_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function plexus(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, "bin", "plexus.js"), "wallet", ...args, "--wallet.path", walletPath],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? "", HOME: home, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), LONG - 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? "");
  });
}

const withPassword = { PLEXUS_WALLET_PASSWORD: PASSWORD };
const sha = async (p: string) =>
  createHash("sha256")
    .update(await readFile(p))
    .digest("hex");

test.serial(
  "create makes a wallet, prints the mnemonic once to stderr, and refuses to run twice",
  async (t) => {
    t.timeout(LONG);
    const r = await plexus(["create", "--name", "alice", "--hotkey", "m1", "--json"], { env: withPassword });
    t.is(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    t.deepEqual(
      out.keys.map((k: { key: string }) => k.key),
      ["coldkey", "hotkey"],
    );
    const coldkeyFile = join(walletPath, "alice", "coldkey");
    const hotkey = JSON.parse(await readFile(join(walletPath, "alice", "hotkeys", "m1"), "utf8"));
    t.true(r.stderr.includes(hotkey.secretPhrase), "the mnemonic goes to stderr");
    t.true(r.stderr.includes("IMPORTANT"));
    t.false(r.stdout.includes(hotkey.secretPhrase), "and never to stdout");
    t.is((await stat(coldkeyFile)).mode & 0o777, 0o600);
    t.is((await readFile(coldkeyFile)).subarray(0, 5).toString(), "$NACL");

    const before = await sha(coldkeyFile);
    const again = await plexus(["create", "--name", "alice", "--hotkey", "m1"], { env: withPassword });
    t.is(again.code, 1);
    t.true(again.stderr.includes("WALLET_KEYFILE_EXISTS"));
    t.is(await sha(coldkeyFile), before);

    const show = await plexus(["show", "--name", "alice", "--json"]);
    t.is(show.code, 0, show.stderr);
    const summary = JSON.parse(show.stdout);
    t.is(summary.coldkey.address, out.keys[0].address);
    t.deepEqual(summary.hotkeys, [{ name: "m1", address: out.keys[1].address }]);
    t.false(show.stdout.includes(hotkey.secretPhrase));
    t.false(show.stdout.includes(hotkey.secretSeed.slice(2)));

    const list = await plexus(["list", "--json"]);
    t.deepEqual(
      JSON.parse(list.stdout).map((w: { name: string }) => w.name),
      ["alice"],
    );
  },
);

test.serial(
  "regen restores a coldkey from a mnemonic on stdin, a hotkey from a seed, a coldkeypub from an address",
  async (t) => {
    t.timeout(LONG);
    const cold = Keypair.generate();
    const hot = Keypair.generate();
    const r1 = await plexus(["regen", "--name", "bob", "--key", "coldkey", "--stdin", "--json"], {
      env: withPassword,
      stdin: `${cold.mnemonic}\n`,
    });
    t.is(r1.code, 0, r1.stderr);
    t.is(JSON.parse(r1.stdout).address, cold.keypair.address);
    const r2 = await plexus([
      "regen",
      "--name",
      "bob",
      "--key",
      "hotkey",
      "--seed",
      u8aToHex(hot.keypair.secretSeed),
    ]);
    t.is(r2.code, 0, r2.stderr);
    t.true(r2.stdout.includes(hot.keypair.address));
    const r3 = await plexus([
      "regen",
      "--name",
      "watch",
      "--key",
      "coldkeypub",
      "--ss58",
      cold.keypair.address,
      "--json",
    ]);
    t.is(JSON.parse(r3.stdout).address, cold.keypair.address);
    t.is((await readFile(join(walletPath, "bob", "coldkey"))).subarray(0, 5).toString(), "$NACL");
  },
);

test.serial("import copies an encrypted coldkey file and a plain hotkey file into a wallet", async (t) => {
  t.timeout(LONG);
  const cold = Keypair.generate().keypair;
  const hot = Keypair.generate().keypair;
  const src = join(home, "src");
  await writeKeyfile(join(src, "coldkey"), cold, { encryption: { password: PASSWORD } });
  await writeKeyfile(join(src, "hotkey"), hot);
  const r1 = await plexus(
    ["import", "--name", "carol", "--key", "coldkey", "--file", join(src, "coldkey"), "--json"],
    {
      env: withPassword,
    },
  );
  t.is(r1.code, 0, r1.stderr);
  t.is(JSON.parse(r1.stdout).address, cold.address);
  const r2 = await plexus([
    "import",
    "--name",
    "carol",
    "--key",
    "hotkey",
    "--file",
    join(src, "hotkey"),
    "--json",
  ]);
  t.is(JSON.parse(r2.stdout).address, hot.address);
  const copied = await readFile(join(walletPath, "carol", "coldkey"));
  t.is(copied.subarray(0, 5).toString(), "$NACL");
});

test.serial(
  "without a password or with bad input the command fails with a typed error and writes nothing",
  async (t) => {
    t.timeout(LONG);
    const r = await plexus(["create", "--name", "dave"]);
    t.is(r.code, 1);
    t.true(r.stderr.includes("WALLET_PASSWORD_REQUIRED"));
    const bad = await plexus([
      "regen",
      "--name",
      "dave",
      "--key",
      "hotkey",
      "--mnemonic",
      "not a real mnemonic at all",
    ]);
    t.is(bad.code, 2);
    t.true(bad.stderr.includes("INPUT_INVALID"));
    t.false(bad.stderr.includes("not a real mnemonic"), "the secret is not echoed");
    await t.throwsAsync(stat(join(walletPath, "dave", "coldkey")));
    await t.throwsAsync(stat(join(walletPath, "dave", "hotkeys", "default")));
  },
);
