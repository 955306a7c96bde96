import test from "ava";
import { Keypair, verifySignature, walletCryptoReady } from "../../../node/wallet/keypair.ts";
import { keypairSigner, toKeyringPair } from "../../../node/wallet/signer.ts";

await walletCryptoReady();

test("a keypair signer signs exactly the payload with sr25519", (t) => {
  const { keypair } = Keypair.generate();
  const signer = keypairSigner(keypair);
  const payload = new Uint8Array([1, 2, 3]);
  const sig = signer.sign(payload);
  t.is(sig.length, 64);
  t.is(signer.address, keypair.address);
  t.true(verifySignature(payload, sig, keypair.publicKey));
  t.false(verifySignature(new Uint8Array([1, 2, 4]), sig, keypair.publicKey));
});

test("as a polkadot-js pair it prefixes the sr25519 type byte when asked", (t) => {
  const { keypair } = Keypair.generate();
  const pair = toKeyringPair(keypairSigner(keypair));
  t.deepEqual(pair.publicKey, keypair.publicKey);
  const payload = new Uint8Array([9, 9]);
  const typed = pair.sign(payload, { withType: true });
  t.is(typed.length, 65);
  t.is(typed[0], 1);
  t.true(verifySignature(payload, typed.subarray(1), keypair.publicKey));
  t.is(pair.sign(payload).length, 64);
});

test("a public-only key refuses to sign", (t) => {
  const { keypair } = Keypair.generate();
  const err = t.throws(() => keypair.publicOnly().sign(new Uint8Array([1])));
  t.is((err as { code?: string }).code, "WALLET_PUBLIC_ONLY");
});
