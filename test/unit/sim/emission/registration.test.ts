import test from "ava";
import {
  addSubnet,
  type ChainState,
  createState,
  currentLockCost,
  decayFactorQ32,
  NETWORK_MIN_LOCK_COST,
  neuronToPrune,
  newSubnet,
  powQ32,
  RegistrationError,
  registerNetwork,
  registerNeuron,
  type SubnetState,
  startCall,
} from "../../../../sim/emission/index.ts";

const TAO = 1_000_000_000n;

function chainWithSubnet(uids: string[]): { state: ChainState; s: SubnetState } {
  const state = createState({ block: 10_000n });
  const s = newSubnet(1, {
    tao: 1_000n * TAO,
    alphaIn: 10_000n * TAO,
    firstEmissionBlock: 1n,
    ownerColdkey: "owner",
    ownerHotkey: "owner-hk",
    uids,
    blockAtRegistration: uids.map((_, i) => BigInt(i)),
    uidEmission: uids.map(() => 0n),
    immunityPeriod: 100n,
  });
  addSubnet(state, s);
  state.balances.set("bob", 10_000n * TAO);
  return { state, s };
}

test("the burn decay factor halves the burn over its half-life", (t) => {
  const f = decayFactorQ32(360);
  t.true(powQ32(f, 360) <= 1n << 31n);
  t.true(powQ32(f + 1n, 360) > 1n << 31n);
});

test("registering a neuron pays the burn, recycles the bought alpha and raises the burn by 1.26", (t) => {
  const { state, s } = chainWithSubnet(["owner-hk"]);
  const burn = s.burn;
  const alphaOut = s.alphaOut;
  const { uid, burn: paid } = registerNeuron(state, "bob", "bob-hk", 1);
  t.is(uid, 1);
  t.is(paid, burn);
  t.is(state.balances.get("bob"), 10_000n * TAO - burn);
  t.is(s.alphaOut, alphaOut);
  t.true(s.alphaIn < 10_000n * TAO);
  t.is(s.burn, (burn * 126n) / 100n);
  t.throws(() => registerNeuron(state, "bob", "bob-hk", 1), { instanceOf: RegistrationError });
});

test("a full subnet replaces the lowest-emission non-immune neuron, never the owner", (t) => {
  const uids = ["owner-hk", ...Array.from({ length: 14 }, (_, i) => `m${i}`)];
  const { state, s } = chainWithSubnet(uids);
  s.maxUids = uids.length;
  s.minBurn = 1n;
  s.uidEmission = uids.map((_, i) => BigInt(100 - i));
  s.uidEmission[0] = 0n; // the owner earns nothing but is immortal
  const prune = neuronToPrune(state, s);
  t.is(prune, uids.length - 1);
  const { uid } = registerNeuron(state, "bob", "newcomer", 1);
  t.is(uid, uids.length - 1);
  t.is(s.uids[uid], "newcomer");
});

test("immune neurons are pruned only when too few non-immune remain", (t) => {
  const uids = ["owner-hk", "a", "b", "c"];
  const { state, s } = chainWithSubnet(uids);
  s.blockAtRegistration = uids.map(() => state.block); // all registered just now: immune
  s.uidEmission = [0n, 5n, 1n, 9n];
  t.is(neuronToPrune(state, s), 2);
});

test("the subnet lock cost doubles after a registration and decays back to the minimum", (t) => {
  const state = createState({ block: 1_000n });
  state.balances.set("alice", 100_000n * TAO);
  t.is(currentLockCost(state), NETWORK_MIN_LOCK_COST);
  const netuid = registerNetwork(state, "alice", "alice-hk");
  t.is(netuid, 1);
  const subnet = state.subnets.get(1);
  t.is(subnet?.tao, NETWORK_MIN_LOCK_COST);
  t.false(subnet?.emissionEnabled);
  t.is(currentLockCost(state), 2n * NETWORK_MIN_LOCK_COST);
  state.block += 2n * 100_800n;
  t.is(currentLockCost(state), NETWORK_MIN_LOCK_COST);
  startCall(state, 1);
  t.is(subnet?.firstEmissionBlock, state.block + 1n);
});

test("at the subnet limit an immune set refuses registration and an old weak subnet is pruned", (t) => {
  const state = createState({ block: 1_000n, params: { subnetLimit: 2, networkRateLimit: 0n } });
  state.balances.set("alice", 1_000_000n * TAO);
  registerNetwork(state, "alice", "hk1");
  registerNetwork(state, "alice", "hk2");
  t.throws(() => registerNetwork(state, "alice", "hk3"), {
    instanceOf: RegistrationError,
    message: /immune/,
  });
  state.block += 1_296_000n;
  (state.subnets.get(2) as SubnetState).movingPrice = 1n << 20n;
  const issuanceBefore = state.totalIssuance;
  const netuid = registerNetwork(state, "alice", "hk3");
  t.is(netuid, 1); // subnet 1 has the lower EMA price (0)
  t.is(state.subnets.get(1)?.ownerHotkey, "hk3");
  t.true(state.totalIssuance <= issuanceBefore);
});
