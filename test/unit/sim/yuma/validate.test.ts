import test from "ava";
import { epochExact } from "../../../../sim/yuma/epoch.ts";
import { YumaInputError } from "../../../../sim/yuma/errors.ts";
import { epochWithMechanismsExact } from "../../../../sim/yuma/mechanisms.ts";
import type { EpochInput, MechanismsInput } from "../../../../sim/yuma/types.ts";
import { baseInput } from "./_input.ts";

const rejects = (title: string, overrides: Record<string, unknown>, field: string): void => {
  test(`rejects ${title}, naming ${field}`, (t) => {
    const err = t.throws(() => epochExact(baseInput(overrides as Partial<EpochInput>)), {
      instanceOf: YumaInputError,
    });
    t.is(err?.field, field);
    t.is(err?.code, "INPUT_INVALID");
    t.true(err?.message.includes(field));
  });
};

rejects("a weight row that is not a [uid, value] pair", { weights: [[[2]], [], [], []] }, "weights[0][0]");
rejects("a missing weight row", { weights: [[], [], []] }, "weights.length");
rejects("a weight to a uid outside the subnet", { weights: [[[4, 1]], [], [], []] }, "weights[0][0][0]");
rejects(
  "a duplicate uid in a bond row",
  {
    bonds: [
      [
        [1, 1],
        [1, 2],
      ],
      [],
      [],
      [],
    ],
  },
  "bonds[0][1][0]",
);
rejects("a weight above u16", { weights: [[[1, 65536]], [], [], []] }, "weights[0][0][1]");
rejects("a negative stake", { alpha_stake: [1, -5, 0, 0] }, "alpha_stake[1]");
rejects("a NaN stake", { tao_stake: [0, 0, Number.NaN, 0] }, "tao_stake[2]");
rejects("a fractional block number", { last_update: [1.5, 0, 0, 0] }, "last_update[0]");
rejects("a stake vector of the wrong length", { alpha_stake: [1, 2, 3] }, "alpha_stake.length");
rejects(
  "a permit vector longer than n",
  { validator_permit: [true, true, true, true, true] },
  "validator_permit.length",
);
rejects("kappa above u16", { kappa: 70_000 }, "kappa");
rejects("a steepness outside i16", { alpha_sigmoid_steepness: 40_000 }, "alpha_sigmoid_steepness");
rejects("an owner uid outside the subnet", { owner_uid: 4 }, "owner_uid");
rejects("a u64 above 2^64 − 1", { rao_emission: 1n << 64n }, "rao_emission");
rejects("a non-decimal tao weight", { tao_weight: "0x10" }, "tao_weight");
rejects("a non-boolean switch", { yuma3: 1 }, "yuma3");
rejects(
  "a bonds moving average above 1.0 (negative EMA alpha)",
  { bonds_moving_average: 1_000_001 },
  "bonds_moving_average",
);

test("accepts u64 amounts given as bigint and unsorted stored rows", (t) => {
  const out = epochExact(
    baseInput({
      rao_emission: 1_000_000_000n,
      alpha_stake: [1n, 3n, 0n, 0n],
      weights: [
        [
          [3, 5],
          [2, 9],
        ],
        [],
        [],
        [],
      ],
    }),
  );
  t.is(out.emission.length, 4);
});

test("rejects a mechanisms input whose mechanism list does not match the count, naming it", (t) => {
  const { weights, bonds, last_update, ...shared } = baseInput();
  const input = {
    ...shared,
    mechanism_count: 2,
    emission_split: null,
    mechanisms: [{ weights, bonds, last_update }],
  } as MechanismsInput;
  const err = t.throws(() => epochWithMechanismsExact(input), { instanceOf: YumaInputError });
  t.is(err?.field, "mechanisms.length");
});

test("names the mechanism of a bad per-mechanism field", (t) => {
  const { weights, bonds, last_update, ...shared } = baseInput();
  const input = {
    ...shared,
    mechanism_count: 2,
    emission_split: [30000, 35535],
    mechanisms: [
      { weights, bonds, last_update },
      { weights, bonds, last_update: [0, 0, -1, 0] },
    ],
  } as MechanismsInput;
  const err = t.throws(() => epochWithMechanismsExact(input), { instanceOf: YumaInputError });
  t.is(err?.field, "mechanisms[1].last_update[2]");
});
