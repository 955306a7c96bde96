import test from "ava";
import {
  addSubnet,
  createState,
  hotkeyStake,
  increaseStakeFor,
  newSubnet,
  registerHotkey,
  yumaEpoch,
} from "../../../../sim/emission/index.ts";
import { epochFast } from "../../../../sim/yuma/fast/index.ts";
import { DEFAULT_HYPERPARAMETERS, type EpochInput, type SparseU16 } from "../../../../sim/yuma/types.ts";

const TAO = 1_000_000_000n;
const N = 10;

function subnetChain() {
  const state = createState({ block: 2_000n });
  const uids = Array.from({ length: N }, (_, u) => `hk${u}`);
  for (const hk of uids) registerHotkey(state, hk, `ck-${hk}`);
  addSubnet(
    state,
    newSubnet(1, {
      uids,
      blockAtRegistration: uids.map((_, u) => BigInt(u * 10)),
      uidEmission: uids.map(() => 0n),
    }),
  );
  for (let v = 0; v < 4; v++) increaseStakeFor(state, `hk${v}`, `ck-hk${v}`, 1, BigInt(100 + 50 * v) * TAO);
  increaseStakeFor(state, "hk0", "ck-hk0", 0, 500n * TAO);
  const weights = (epoch: number): SparseU16 =>
    uids.map((_, uid) =>
      uid < 4
        ? [4, 5, 6, 7, 8, 9].map(
            (m) => [m, 1000 + ((uid * 31 + m * 17 + epoch * 7) % 60_000)] as [number, number],
          )
        : [],
    );
  return { state, weights };
}

test("yumaEpoch fast pays what sim/yuma's epochFast pays on the equivalent input, bonds and permits carried", (t) => {
  const { state, weights } = subnetChain();
  const subnet = state.subnets.get(1);
  if (subnet === undefined) throw new Error("no subnet");
  let epoch = 0;
  const fn = yumaEpoch({ mode: "fast", weights: () => weights(epoch) });
  // Reference: the exact-schema input built by hand, run through epochFast, state carried by hand.
  let bonds: SparseU16 = [];
  let permits: boolean[] = [];
  let lastStep = 0n;
  const paid = { incentive: 0n, dividend: 0n };
  for (; epoch < 3; epoch++) {
    const block = 2_000n + BigInt(epoch) * 360n;
    const raoEmission = 1_000n * TAO;
    const got = fn({ state, subnet, block, raoEmission });
    for (const h of got) {
      paid.incentive += h.incentive;
      paid.dividend += h.dividend;
    }
    const w = weights(epoch);
    const input: EpochInput = {
      n: N,
      current_block: block,
      tempo: subnet.tempo,
      activity_cutoff: 5000n,
      last_mechanism_step_block: lastStep,
      last_update: subnet.uids.map((_, uid) => ((w[uid]?.length ?? 0) > 0 ? block : 0n)),
      block_at_registration: subnet.blockAtRegistration,
      alpha_stake: subnet.uids.map((hk) => hotkeyStake(state, hk, 1)),
      tao_stake: subnet.uids.map((hk) => hotkeyStake(state, hk, 0)),
      tao_weight: state.params.taoWeightRaw,
      stake_threshold: 0n,
      owner_uid: null,
      validator_permit: permits,
      max_allowed_validators: 64,
      weights: w,
      bonds: Array.from({ length: N }, (_, uid) => bonds[uid] ?? []),
      ...DEFAULT_HYPERPARAMETERS,
      commit_reveal_enabled: false,
      commit_blocks: subnet.uids.map(() => null),
      rao_emission: raoEmission,
    };
    const r = epochFast(input);
    const rao = (x: number | undefined) => (x === undefined || !(x > 0) ? 0n : BigInt(Math.floor(x)));
    t.deepEqual(
      got,
      subnet.uids.map((hotkey, uid) => ({
        hotkey,
        incentive: rao(r.server_emission[uid]),
        dividend: rao(r.validator_emission[uid]),
      })),
      `epoch ${epoch}`,
    );
    bonds = r.bonds;
    permits = r.new_validator_permit;
    lastStep = block;
  }
  t.true(
    bonds.some((row) => row.length > 0),
    "bonds were carried into later epochs",
  );
  t.true(paid.incentive > 0n && paid.dividend > 0n, "the epochs paid miners and validators");
});
