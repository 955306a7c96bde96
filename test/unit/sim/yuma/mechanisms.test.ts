import test from "ava";
import fc from "fast-check";
import { epochExact } from "../../../../sim/yuma/epoch.ts";
import { epochWithMechanismsExact, splitEmissions } from "../../../../sim/yuma/mechanisms.ts";
import type { EpochInput, MechanismsInput } from "../../../../sim/yuma/types.ts";
import { arbitraryInput } from "./_input.ts";

const json = (o: unknown): string => JSON.stringify(o, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));

const asMechanisms = (x: EpochInput, count: number, split: number[] | null): MechanismsInput => {
  const { weights, bonds, last_update, ...shared } = x;
  return {
    ...shared,
    mechanism_count: count,
    emission_split: split,
    mechanisms: Array.from({ length: count }, () => structuredClone({ weights, bonds, last_update })),
  };
};

test("one mechanism reproduces the single epoch, and its aggregate is that epoch's terms", (t) => {
  fc.assert(
    fc.property(arbitraryInput, (input) => {
      const single = epochExact(structuredClone(input));
      const multi = epochWithMechanismsExact(asMechanisms(input, 1, null));
      const a = multi.aggregated;
      return (
        json(multi.per_mechanism[0]) === json(single) &&
        json([a.emission, a.server_emission, a.validator_emission, a.dividends_u16, a.incentive_u16]) ===
          json([
            single.emission,
            single.server_emission,
            single.validator_emission,
            single.dividends_u16,
            single.incentive_u16,
          ])
      );
    }),
    { numRuns: 100 },
  );
  t.pass();
});

test("the emission split hands out exactly the subnet's emission unless the shares exceed 100%", (t) => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      fc.integer({ min: 1, max: 8 }),
      fc.option(fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 10 })),
      (rao, count, split) => {
        const shares = splitEmissions(rao, count, split);
        const total = shares.reduce((x, y) => x + y, 0n);
        const over = split !== null && split.slice(0, count).reduce((x, y) => x + y, 0) > 65535;
        return shares.length === count && (over ? total >= rao : total === rao);
      },
    ),
  );
  t.pass();
});

test("identical mechanisms each take their share and aggregate to the full emission", (t) => {
  fc.assert(
    fc.property(arbitraryInput, (input) => {
      const out = epochWithMechanismsExact(asMechanisms(input, 2, null));
      const [m0, m1] = out.per_mechanism;
      const sum = (v: bigint[]) => v.reduce((x, y) => x + y, 0n);
      return (
        sum(out.split) === BigInt(input.rao_emission) &&
        json(out.aggregated.server_emission) ===
          json(m0.server_emission.map((s, i) => s + m1.server_emission[i]))
      );
    }),
    { numRuns: 100 },
  );
  t.pass();
});
