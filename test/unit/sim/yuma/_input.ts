import fc from "fast-check";
import type { EpochInput } from "../../../../sim/yuma/types.ts";

/** A small valid epoch input; every field can be overridden. */
export function baseInput(overrides: Partial<EpochInput> = {}): EpochInput {
  return {
    n: 4,
    current_block: 10_000,
    tempo: 360,
    activity_cutoff: 5000,
    last_mechanism_step_block: 0,
    last_update: [9999, 9999, 9999, 9999],
    block_at_registration: [0, 0, 0, 0],
    alpha_stake: [1_000_000_000, 3_000_000_000, 0, 0],
    tao_stake: [0, 0, 0, 0],
    tao_weight: "0",
    stake_threshold: 0,
    owner_uid: null,
    validator_permit: [true, true, false, false],
    max_allowed_validators: 128,
    weights: [
      [
        [2, 65535],
        [3, 32768],
      ],
      [[2, 65535]],
      [],
      [],
    ],
    bonds: [[], [], [], []],
    kappa: 32767,
    bonds_penalty: 65535,
    bonds_moving_average: 900_000,
    yuma3: false,
    liquid_alpha: false,
    alpha_low: 45875,
    alpha_high: 58982,
    alpha_sigmoid_steepness: 1000,
    commit_reveal_enabled: false,
    commit_blocks: [null, null, null, null],
    rao_emission: 1_000_000_000,
    ...overrides,
  };
}

const u16 = fc.integer({ min: 0, max: 65535 });

/** Random valid epoch inputs: n ≤ 10 uids, random stake, permits, sparse weights and bonds, variant. */
export const arbitraryInput: fc.Arbitrary<EpochInput> = fc.integer({ min: 1, max: 10 }).chain((n) => {
  const vec = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: n, maxLength: n });
  const sparseRow = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), u16), { maxLength: n, selector: ([j]) => j })
    .map((row) => row.sort((a, b) => a[0] - b[0]));
  return fc.record({
    n: fc.constant(n),
    current_block: fc.constant(10_000),
    tempo: fc.constant(100),
    activity_cutoff: fc.constant(1000),
    last_mechanism_step_block: fc.constantFrom(0, 9900),
    last_update: vec(fc.integer({ min: 8500, max: 10_000 })),
    block_at_registration: vec(fc.integer({ min: 0, max: 9999 })),
    alpha_stake: vec(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1e13 }))),
    tao_stake: vec(fc.integer({ min: 0, max: 1e12 })),
    tao_weight: fc.constantFrom("0", "971718665099567868"),
    stake_threshold: fc.constantFrom(0, 1_000_000_000),
    owner_uid: fc.option(fc.integer({ min: 0, max: n - 1 })),
    validator_permit: fc.array(fc.boolean(), { minLength: 0, maxLength: n }),
    max_allowed_validators: fc.integer({ min: 1, max: 12 }),
    weights: vec(sparseRow),
    bonds: vec(sparseRow),
    kappa: fc.constantFrom(32767, 6553, 58981),
    bonds_penalty: fc.constantFrom(0, 32767, 65535),
    bonds_moving_average: fc.constantFrom(900_000, 500_000, 0),
    yuma3: fc.boolean(),
    liquid_alpha: fc.boolean(),
    alpha_low: fc.constant(45875),
    alpha_high: fc.constant(58982),
    alpha_sigmoid_steepness: fc.constantFrom(1000, -1000, 50),
    commit_reveal_enabled: fc.boolean(),
    commit_blocks: vec(fc.option(fc.integer({ min: 8000, max: 10_000 }))),
    rao_emission: fc.integer({ min: 0, max: 1e12 }),
  });
});
