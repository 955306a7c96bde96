import test from "ava";
import { AgentWallet } from "../../../../node/wallet/agent/agent-wallet.ts";
import { createApproval } from "../../../../node/wallet/agent/approval.ts";
import { PolicyError } from "../../../../node/wallet/agent/errors.ts";
import { parseSpendingPolicy, type SpendingPolicy } from "../../../../node/wallet/agent/policy.ts";
import { Keypair, verifySignature, walletCryptoReady } from "../../../../node/wallet/keypair.ts";
import { keypairSigner, type Signer, toKeyringPair } from "../../../../node/wallet/signer.ts";
import { InvalidInputError } from "../../../../sim/errors.ts";

await walletCryptoReady();
const TAO = 1_000_000_000n;
const agentKey = Keypair.generate().keypair;
const cosignKey = Keypair.generate().keypair;
const friend = Keypair.generate().keypair.address;
const stranger = Keypair.generate().keypair.address;

const policy: SpendingPolicy = {
  windowMs: 1000,
  maxSpendRao: 100n * TAO,
  maxStakeRao: 50n * TAO,
  allowedCalls: [
    "balances.transferKeepAlive",
    "subtensorModule.addStake",
    "subtensorModule.setWeights",
    "x.y",
  ],
  allowedDestinations: [friend],
  cosign: { thresholdRao: 40n * TAO, cosigner: cosignKey.address },
};

/** The agent key behind a spy that counts signatures. */
function setup(p: SpendingPolicy = policy) {
  let now = 0;
  const calls: Uint8Array[] = [];
  const inner: Signer = {
    address: agentKey.address,
    sign: (payload) => {
      calls.push(payload);
      return agentKey.sign(payload);
    },
  };
  const agent = new AgentWallet({ signer: inner, policy: p, clock: () => now });
  const at = (t: number): void => {
    now = t;
  };
  return { agent, calls, inner, at };
}

const payload = (n: number) => new Uint8Array([n, 1, 2, 3]);
const transfer = (rao: bigint, destination = friend) => ({
  call: "balances.transferKeepAlive",
  amountRao: rao,
  destination,
});

function refused(t: import("ava").ExecutionContext, fn: () => unknown, code: string) {
  const err = t.throws(fn, { instanceOf: PolicyError });
  t.is(err?.code, code);
}

test("an allowed request is signed by the agent key", (t) => {
  const { agent, calls } = setup();
  const sig = agent.sign(transfer(10n * TAO), payload(1));
  t.true(verifySignature(payload(1), sig, agentKey.publicKey));
  t.is(calls.length, 1);
  t.deepEqual(agent.usage(), { spentRao: 10n * TAO, stakedRao: 0n });
});

test("calls off the allow-list are refused and nothing is signed", (t) => {
  const { agent, calls } = setup();
  refused(
    t,
    () => agent.sign({ call: "balances.transferAll", destination: friend }, payload(1)),
    "WALLET_POLICY_CALL_NOT_ALLOWED",
  );
  t.is(calls.length, 0);
});

test("funds may only go to allow-listed destinations, which must be named", (t) => {
  const { agent, calls } = setup();
  refused(t, () => agent.sign(transfer(TAO, stranger), payload(1)), "WALLET_POLICY_DESTINATION_NOT_ALLOWED");
  refused(
    t,
    () => agent.sign({ call: "balances.transferKeepAlive", amountRao: TAO }, payload(1)),
    "WALLET_POLICY_DESTINATION_NOT_ALLOWED",
  );
  t.is(calls.length, 0);
  agent.sign({ call: "subtensorModule.setWeights" }, payload(2));
  t.is(calls.length, 1, "a call that moves nothing needs no destination");
});

test("the spend limit applies to a rolling window of the injected clock", (t) => {
  const { agent, calls, at } = setup();
  at(0);
  agent.sign(transfer(30n * TAO), payload(1));
  at(500);
  agent.sign(transfer(30n * TAO), payload(2));
  agent.sign(transfer(30n * TAO), payload(3));
  refused(t, () => agent.sign(transfer(11n * TAO), payload(4)), "WALLET_POLICY_LIMIT_EXCEEDED");
  t.is(calls.length, 3);
  at(1000); // the spend at t=0 has left the window: 60 TAO used
  refused(t, () => agent.sign(transfer(40n * TAO + 1n), payload(5)), "WALLET_POLICY_LIMIT_EXCEEDED");
  agent.sign(transfer(40n * TAO), payload(6));
  t.is(calls.length, 4);
  t.deepEqual(agent.usage(), { spentRao: 100n * TAO, stakedRao: 0n });
});

test("staking has its own limit, and unknown calls that move TAO count as spends", (t) => {
  const { agent } = setup();
  const stake = (rao: bigint) => ({ call: "subtensorModule.addStake", amountRao: rao, destination: friend });
  agent.sign(stake(30n * TAO), payload(1));
  refused(t, () => agent.sign(stake(21n * TAO), payload(2)), "WALLET_POLICY_LIMIT_EXCEEDED");
  agent.sign({ call: "x.y", amountRao: 35n * TAO, destination: friend }, payload(3));
  t.deepEqual(agent.usage(), { spentRao: 35n * TAO, stakedRao: 30n * TAO });
});

test("above the threshold a valid co-signer approval of the exact payload is required", (t) => {
  const { agent, calls } = setup();
  const big = transfer(45n * TAO);
  refused(t, () => agent.sign(big, payload(1)), "WALLET_POLICY_COSIGN_REQUIRED");
  const byStranger = createApproval(keypairSigner(Keypair.generate().keypair), {
    agentAddress: agent.address,
    payload: payload(1),
    nonce: 1n,
  });
  refused(t, () => agent.sign(big, payload(1), byStranger), "WALLET_POLICY_COSIGN_INVALID");
  const otherPayload = createApproval(keypairSigner(cosignKey), {
    agentAddress: agent.address,
    payload: payload(2),
    nonce: 2n,
  });
  refused(t, () => agent.sign(big, payload(1), otherPayload), "WALLET_POLICY_COSIGN_INVALID");
  const otherAgent = createApproval(keypairSigner(cosignKey), {
    agentAddress: stranger,
    payload: payload(1),
    nonce: 3n,
  });
  refused(t, () => agent.sign(big, payload(1), otherAgent), "WALLET_POLICY_COSIGN_INVALID");
  t.is(calls.length, 0);
  const good = createApproval(keypairSigner(cosignKey), {
    agentAddress: agent.address,
    payload: payload(1),
    nonce: 4n,
  });
  agent.sign(big, payload(1), good);
  t.is(calls.length, 1);
  refused(t, () => agent.sign(transfer(41n * TAO), payload(1), good), "WALLET_POLICY_COSIGN_REPLAYED");
  t.is(calls.length, 1);
});

test("a one-call signer checks the policy, signs once, and works as a polkadot-js pair", (t) => {
  const { agent, calls } = setup();
  const pair = toKeyringPair(agent.signerFor(transfer(TAO)));
  t.is(pair.address, agentKey.address);
  t.is(pair.sign(payload(1), { withType: true }).length, 65);
  const err = t.throws(() => pair.sign(payload(1)), { instanceOf: PolicyError });
  t.is(err?.code, "WALLET_POLICY_SIGNER_USED");
  refused(
    t,
    () => agent.signerFor(transfer(TAO, stranger)).sign(payload(2)),
    "WALLET_POLICY_DESTINATION_NOT_ALLOWED",
  );
  t.is(calls.length, 1);
});

test("a failing inner signer leaves no spend recorded", (t) => {
  const failing = new AgentWallet({
    signer: {
      address: agentKey.address,
      sign: () => {
        throw new Error("device unplugged");
      },
    },
    policy,
    clock: () => 0,
  });
  t.throws(() => failing.sign(transfer(10n * TAO), payload(1)), { message: "device unplugged" });
  t.deepEqual(failing.usage(), { spentRao: 0n, stakedRao: 0n });
});

test("a snapshot restores the window and used approvals after a restart", (t) => {
  const { agent } = setup();
  agent.sign(
    transfer(90n * TAO),
    payload(1),
    createApproval(keypairSigner(cosignKey), { agentAddress: agent.address, payload: payload(1), nonce: 7n }),
  );
  const state = JSON.parse(JSON.stringify(agent.snapshot()));
  const restarted = new AgentWallet({ signer: keypairSigner(agentKey), policy, clock: () => 10, state });
  refused(t, () => restarted.sign(transfer(11n * TAO), payload(2)), "WALLET_POLICY_LIMIT_EXCEEDED");
  const reused = createApproval(keypairSigner(cosignKey), {
    agentAddress: agent.address,
    payload: payload(3),
    nonce: 7n,
  });
  refused(
    t,
    () =>
      new AgentWallet({ signer: keypairSigner(agentKey), policy, clock: () => 5000, state }).sign(
        transfer(45n * TAO),
        payload(3),
        reused,
      ),
    "WALLET_POLICY_COSIGN_REPLAYED",
  );
});

test("policies from config files take rao as decimal strings and are validated", (t) => {
  const p = parseSpendingPolicy({
    windowMs: 86_400_000,
    maxSpendRao: "5000000000",
    maxStakeRao: 0,
    allowedCalls: ["subtensorModule.setWeights"],
    allowedDestinations: [],
    cosign: { thresholdRao: "1000000000", cosigner: friend },
  });
  t.is(p.maxSpendRao, 5n * TAO);
  t.is(p.cosign?.thresholdRao, TAO);
  const err = t.throws(() => parseSpendingPolicy({ ...p, maxSpendRao: "-1" }), {
    instanceOf: InvalidInputError,
  });
  t.is(err?.field, "policy.maxSpendRao");
  t.throws(() => parseSpendingPolicy({ ...p, allowedCalls: ["transfer"] }), {
    instanceOf: InvalidInputError,
  });
  const bad = t.throws(() => parseSpendingPolicy({ ...p, allowedDestinations: ["5NotAnAddress"] }), {
    instanceOf: InvalidInputError,
  });
  t.is(bad?.field, "policy.allowedDestinations.0");
});
