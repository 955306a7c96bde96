import test from "ava";
import { bindingStatement, signBinding, verifyBinding } from "../../../node/network/binding.ts";
import { BindingError } from "../../../node/network/errors.ts";
import { signerFromKeyringPair } from "../../../node/network/signers.ts";
import { GENESIS, hotkeyPair, NETUID, newAuthority } from "./_fixture.ts";

const PEER = "12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5";
const NOW = 1_800_000_000_000;

async function fixture() {
  const authority = newAuthority();
  const pair = hotkeyPair("binding-alice");
  authority.set(NETUID, pair.address, { uid: 3, stakeRao: 5n, validatorPermit: false });
  const binding = await signBinding(signerFromKeyringPair(pair), {
    peerId: PEER,
    netuid: NETUID,
    genesisHash: GENESIS,
    expiresAt: NOW + 60_000,
  });
  const ctx = {
    remotePeerId: PEER,
    netuid: NETUID,
    authority,
    now: NOW,
    maxClockSkewMs: 1000,
    maxTtlMs: 3_600_000,
  };
  return { authority, pair, binding, ctx };
}

async function reason(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
    return "accepted";
  } catch (err) {
    return err instanceof BindingError ? err.meta.reason : err;
  }
}

test("a binding signed by the registered hotkey verifies and carries its registration", async (t) => {
  const { binding, ctx, pair } = await fixture();
  const peer = await verifyBinding(binding, ctx);
  t.is(peer.hotkey, pair.address);
  t.is(peer.registration.uid, 3);
});

test("the signed statement changes with every bound field", async (t) => {
  const { binding } = await fixture();
  const base = Buffer.from(bindingStatement(binding)).toString("hex");
  for (const change of [
    { netuid: 8 },
    { expiresAt: binding.expiresAt + 1 },
    { genesisHash: `0x${"cd".repeat(32)}` },
    { peerId: `${PEER}x` },
  ]) {
    t.not(Buffer.from(bindingStatement({ ...binding, ...change })).toString("hex"), base);
  }
});

test("each kind of bad binding is refused with its own reason", async (t) => {
  const { binding, ctx, authority, pair } = await fixture();
  t.is(await reason(verifyBinding({ ...binding, netuid: 8 }, ctx)), "wrong_subnet");
  t.is(await reason(verifyBinding(binding, { ...ctx, remotePeerId: "12D3KooWother" })), "peer_mismatch");
  t.is(await reason(verifyBinding({ ...binding, genesisHash: `0x${"cd".repeat(32)}` }, ctx)), "wrong_chain");
  t.is(await reason(verifyBinding(binding, { ...ctx, now: NOW + 120_000 })), "expired");
  t.is(await reason(verifyBinding(binding, { ...ctx, maxTtlMs: 1000 })), "lifetime_too_long");
  t.is(await reason(verifyBinding({ ...binding, expiresAt: binding.expiresAt + 1 }, ctx)), "bad_signature");
  t.is(await reason(verifyBinding({ ...binding, signature: "" }, ctx)), "malformed");
  t.is(await reason(verifyBinding(undefined, ctx)), "malformed");
  t.is(
    await reason(verifyBinding(binding, { ...ctx, expectedHotkey: hotkeyPair("bob").address })),
    "unexpected_hotkey",
  );
  authority.remove(NETUID, pair.address);
  t.is(await reason(verifyBinding(binding, ctx)), "unregistered");
});
