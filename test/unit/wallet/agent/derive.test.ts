import { createHmac, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { u8aToHex } from "@polkadot/util";
import test from "ava";
import { agentConfigHash, deriveAgentHotkey, deriveAgentSeed } from "../../../../node/wallet/agent/derive.ts";
import { readKeyfile, writeKeyfile } from "../../../../node/wallet/keyfile.ts";
import { Keypair, walletCryptoReady } from "../../../../node/wallet/keypair.ts";
import { InvalidInputError } from "../../../../sim/errors.ts";

await walletCryptoReady();
const root = new Uint8Array(randomBytes(32));
const config = { model: "m1", netuid: 3, budget: 10n ** 9n, peers: ["a", "b"] };

/** RFC 5869 written out with HMAC, to check the documented derivation independently. */
function hkdfSha256(ikm: Uint8Array, salt: string, info: Uint8Array): Uint8Array {
  const prk = createHmac("sha256", salt).update(ikm).digest();
  return new Uint8Array(
    createHmac("sha256", prk)
      .update(info)
      .update(Buffer.from([1]))
      .digest(),
  );
}

test("the agent seed is HKDF-SHA256(root, salt 'plexus/agent-hotkey/v1', info configHash)", (t) => {
  const hash = agentConfigHash(config);
  const seed = deriveAgentSeed(root, hash);
  t.deepEqual(seed, hkdfSha256(root, "plexus/agent-hotkey/v1", hash));
  t.is(deriveAgentHotkey(root, hash).address, Keypair.fromSeed(seed).address);
});

test("the same config gives the same key; a changed config or root another one", (t) => {
  const a = deriveAgentHotkey(root, agentConfigHash(config)).address;
  const reordered = { peers: ["a", "b"], budget: 10n ** 9n, netuid: 3, model: "m1" };
  t.is(deriveAgentHotkey(root, agentConfigHash(reordered)).address, a, "key order does not matter");
  t.not(deriveAgentHotkey(root, agentConfigHash({ ...config, netuid: 4 })).address, a);
  t.not(deriveAgentHotkey(new Uint8Array(randomBytes(32)), agentConfigHash(config)).address, a);
  t.not(u8aToHex(agentConfigHash({ a: [1, 2] })), u8aToHex(agentConfigHash({ a: [2, 1] })));
});

test("weak roots, bad hashes and configs without an exact JSON form are rejected", (t) => {
  t.throws(() => deriveAgentSeed(new Uint8Array(16), agentConfigHash(config)), {
    instanceOf: InvalidInputError,
  });
  t.throws(() => deriveAgentSeed(root, new Uint8Array(31)), { instanceOf: InvalidInputError });
  t.throws(() => agentConfigHash({ a: undefined }), { instanceOf: InvalidInputError });
  t.throws(() => agentConfigHash({ a: Number.NaN }), { instanceOf: InvalidInputError });
});

test("a derived agent hotkey saves and loads as an ordinary bittensor hotkey file", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-agent-"));
  try {
    const kp = deriveAgentHotkey(root, agentConfigHash(config));
    await writeKeyfile(join(dir, "agent"), kp);
    t.is((await readKeyfile(join(dir, "agent"))).address, kp.address);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
