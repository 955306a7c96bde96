import test from "ava";
import { epochExact } from "../../../../sim/yuma/epoch.ts";
import { epochFast } from "../../../../sim/yuma/fast/index.ts";
import { randomEpochInput } from "../../../../sim/yuma/fast/random.ts";
import { type EpochInput, withVariant } from "../../../../sim/yuma/types.ts";
import { disagreements } from "./tolerance.ts";

const small = (seed: number, variant: "yuma2" | "yuma3" | "yuma3-liquid"): EpochInput =>
  withVariant(randomEpochInput({ uids: 12, validators: 4, density: 0.7, seed }), variant);

test("an epoch's result does not depend on the epochs run before it", (t) => {
  const a = small(1, "yuma3-liquid");
  const big = withVariant(randomEpochInput({ uids: 300, validators: 40, seed: 2 }), "yuma2");
  const first = epochFast(a);
  epochFast(big);
  t.deepEqual(epochFast(a), first);
});

test("returned bonds stay intact when later epochs run, whether read before or after", (t) => {
  const input = small(3, "yuma3");
  const readEarly = epochFast(input);
  const snapshot = JSON.stringify({ ema: readEarly.ema_bonds, bonds: readEarly.bonds });
  const readLate = epochFast(input);
  epochFast(withVariant(randomEpochInput({ uids: 200, validators: 30, seed: 4 }), "yuma3"));
  t.is(JSON.stringify({ ema: readEarly.ema_bonds, bonds: readEarly.bonds }), snapshot);
  t.is(JSON.stringify({ ema: readLate.ema_bonds, bonds: readLate.bonds }), snapshot);
});

test("stored rows in any column order give the chain's entries in the chain's order", (t) => {
  for (const variant of ["yuma2", "yuma3", "yuma3-liquid"] as const) {
    for (const penalty of [0, 32_767, 65_535]) {
      const base = small(5, variant);
      const first = epochExact(base);
      // Reverse every stored row: weights and bonds as a chain could hold them after edits.
      const input: EpochInput = {
        ...base,
        bonds_penalty: penalty,
        weights: base.weights.map((r) => [...r].reverse()),
        bonds: first.bonds.map((r) => [...r].reverse()),
        last_mechanism_step_block: base.current_block,
        current_block: Number(base.current_block) + 360,
        last_update: base.last_update.map((b) => Number(b) + 360),
      };
      t.deepEqual(
        disagreements(epochExact(input), epochFast(input), Number(input.rao_emission)),
        [],
        `${variant} ${penalty}`,
      );
    }
  }
});

test("without any stake nothing is emitted", (t) => {
  const input = { ...small(6, "yuma2") };
  input.alpha_stake = input.alpha_stake.map(() => 0);
  const out = epochFast(input);
  t.true(out.emission.every((e) => e === 0));
  t.true(out.dividends.every((d) => d === 0));
});

test("miners and validators each receive about half of the emission when weights survive", (t) => {
  const out = epochFast(small(7, "yuma3"));
  const server = out.server_emission.reduce((a, b) => a + b, 0);
  const validator = out.validator_emission.reduce((a, b) => a + b, 0);
  t.true(Math.abs(server - 5e8) < 100, `server ${server}`);
  t.true(Math.abs(validator - 5e8) < 100, `validator ${validator}`);
});
