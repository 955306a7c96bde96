import test from "ava";
import { devKeypair } from "../../../node/chain/dev-keys.ts";
import { SimChain } from "../../../node/chain/sim/chain.ts";
import { ChainAuthority } from "../../../node/network/chain-authority.ts";

const TAO = 1_000_000_000n;

test("the chain authority reads uid and stake from the metagraph and caches it for its ttl", async (t) => {
  const [alice, bob] = await Promise.all([devKeypair("alice"), devKeypair("bob")]);
  const chain = new SimChain({
    blockMode: "instant",
    balances: { [alice.address]: 10_000n * TAO, [bob.address]: 1_000n * TAO },
  });
  await chain.sudoSetHyperparameter(alice, { netuid: 0, name: "networkRateLimit", value: 0 });
  const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
  let now = 0;
  const authority = await ChainAuthority.create(chain, { ttlMs: 1000, clock: () => now });
  t.regex(authority.genesisHash, /^0x[0-9a-f]{64}$/);
  t.is(await authority.lookup(netuid, bob.address), undefined);
  await chain.burnedRegister(bob, { netuid, hotkey: bob.address });
  t.is(await authority.lookup(netuid, bob.address), undefined, "cached snapshot is still fresh");
  now = 1001;
  const reg = await authority.lookup(netuid, bob.address);
  t.is(reg?.uid, 1);
  t.is(typeof reg?.stakeRao, "bigint");
});
