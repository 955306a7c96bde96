import test from "ava";
import fc from "fast-check";
import { epochExact } from "../../../../sim/yuma/epoch.ts";
import { YumaInputError } from "../../../../sim/yuma/errors.ts";
import type { EpochInput, EpochOutput } from "../../../../sim/yuma/types.ts";
import { arbitraryInput, baseInput } from "./_input.ts";

const ONE = 1n << 32n;
const sum = (x: bigint[]): bigint => x.reduce((a, b) => a + b, 0n);
const json = (o: unknown): string => JSON.stringify(o, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));

test("incentive and dividends sum to 1.0 minus at most one bit per uid whenever they are non-zero", (t) => {
  fc.assert(
    fc.property(arbitraryInput, (input) => {
      const out = epochExact(input);
      for (const v of [out.incentive, out.dividends, out.normalized_combined_emission]) {
        const s = sum(v);
        if (s !== 0n && (s > ONE || s < ONE - BigInt(input.n))) return false;
      }
      return true;
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test("never emits more rao than the epoch distributes", (t) => {
  fc.assert(
    fc.property(arbitraryInput, (input) => {
      const out = epochExact(input);
      const rao = BigInt(input.rao_emission);
      return sum(out.emission) <= rao && sum(out.server_emission) + sum(out.validator_emission) <= rao;
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test("is deterministic: the same input gives identical outputs, matrices included", (t) => {
  fc.assert(
    fc.property(
      arbitraryInput,
      (input) => json(epochExact(input)) === json(epochExact(structuredClone(input))),
    ),
    { numRuns: 100 },
  );
  t.pass();
});

/** Moves uid i to perm[i] everywhere (vectors, owner, weight/bond rows and columns). */
function permuteInput(x: EpochInput, perm: number[]): EpochInput {
  const vec = <T>(v: T[]): T[] => {
    const out = new Array<T>(v.length);
    v.forEach((e, i) => {
      out[perm[i]] = e;
    });
    return out;
  };
  const matrix = (m: Array<Array<[number, number]>>) =>
    vec(m.map((row) => row.map(([j, w]) => [perm[j], w] as [number, number]).sort((a, b) => a[0] - b[0])));
  return {
    ...x,
    last_update: vec(x.last_update),
    block_at_registration: vec(x.block_at_registration),
    alpha_stake: vec(x.alpha_stake),
    tao_stake: vec(x.tao_stake),
    owner_uid: x.owner_uid === null ? null : perm[x.owner_uid],
    validator_permit: vec(x.validator_permit),
    weights: matrix(x.weights),
    bonds: matrix(x.bonds),
    commit_blocks: vec(x.commit_blocks),
  };
}

function permuteOutput(o: EpochOutput, perm: number[]): Record<string, unknown> {
  const vec = <T>(v: T[]): T[] => {
    const out = new Array<T>(v.length);
    v.forEach((e, i) => {
      out[perm[i]] = e;
    });
    return out;
  };
  const matrix = <V>(m: Array<Array<[number, V]>>) =>
    vec(m.map((row) => row.map(([j, w]) => [perm[j], w] as [number, V]).sort((a, b) => a[0] - b[0])));
  const res: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    res[k] =
      k === "bonds" || k === "ema_bonds"
        ? matrix(v as Array<Array<[number, unknown]>>)
        : Array.isArray(v)
          ? vec(v)
          : v;
  }
  return res;
}

const sortRows = (o: EpochOutput): Record<string, unknown> =>
  permuteOutput(
    o,
    o.active.map((_, i) => i),
  );

test("is invariant to a consistent permutation of uids (outputs permute the same way)", (t) => {
  const withPerm = arbitraryInput.chain((input) =>
    fc.tuple(
      // A full-length permit vector and a top-k that never cuts through ties keep uid order out of play.
      fc.constant({
        ...input,
        validator_permit: Array.from({ length: input.n }, (_, i) => input.validator_permit[i] ?? false),
        max_allowed_validators: 64,
      }),
      fc.shuffledSubarray(
        Array.from({ length: input.n }, (_, i) => i),
        { minLength: input.n, maxLength: input.n },
      ),
    ),
  );
  fc.assert(
    fc.property(withPerm, ([input, perm]) => {
      const expected = json(permuteOutput(epochExact(input), perm));
      return json(sortRows(epochExact(permuteInput(input, perm)))) === expected;
    }),
    { numRuns: 300 },
  );
  t.pass();
});

const corruptions: Array<[string, (x: EpochInput) => void]> = [
  [
    "alpha_stake[0]",
    (x) => {
      x.alpha_stake[0] = -1;
    },
  ],
  [
    "tao_stake[0]",
    (x) => {
      x.tao_stake[0] = Number.NaN;
    },
  ],
  [
    "last_update[0]",
    (x) => {
      x.last_update[0] = 0.5;
    },
  ],
  ["block_at_registration.length", (x) => x.block_at_registration.push(0)],
  [
    "weights[0][0]",
    (x) => {
      x.weights[0] = [[0] as unknown as [number, number]];
    },
  ],
  [
    "weights[0][0][0]",
    (x) => {
      x.weights[0] = [[x.n, 1]];
    },
  ],
  [
    "bonds[0][1][0]",
    (x) => {
      x.bonds[0] = [
        [0, 1],
        [0, 2],
      ];
    },
  ],
  [
    "weights[0][0][1]",
    (x) => {
      x.weights[0] = [[0, 70_000]];
    },
  ],
  [
    "kappa",
    (x) => {
      x.kappa = -1;
    },
  ],
];

test("bad input of any field fails with a YumaInputError naming that field", (t) => {
  fc.assert(
    fc.property(arbitraryInput, fc.constantFrom(...corruptions), (input, [field, corrupt]) => {
      const bad = structuredClone(input);
      corrupt(bad);
      try {
        epochExact(bad);
        return false;
      } catch (err) {
        return err instanceof YumaInputError && err.field === field;
      }
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test("valid inputs with extreme amounts never leave the exact arithmetic", (t) => {
  const MAX = (1n << 64n) - 1n;
  const BIG = 1n << 58n; // ten uids of alpha + tao at 2^58 rao stay below the 2^63 total
  const extreme = fc.tuple(arbitraryInput, fc.boolean(), fc.boolean(), fc.boolean()).map(([x, a, b, c]) => ({
    ...x,
    alpha_stake: x.alpha_stake.map((s, i) => (a && i % 2 === 0 ? BIG : s)),
    tao_stake: x.tao_stake.map((s) => (b ? BIG : s)),
    tao_weight: b ? MAX.toString() : x.tao_weight,
    rao_emission: c ? MAX : x.rao_emission,
    bonds_moving_average: c ? 1_000_000 : x.bonds_moving_average,
  }));
  fc.assert(
    fc.property(extreme, (input) => {
      const out = epochExact(input);
      return out.emission.every((e) => e >= 0n && e <= MAX) && out.bonds.length === input.n;
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test("a total stake that would wrap the chain's I64F64 sum is rejected, naming alpha_stake", (t) => {
  const MAX = (1n << 64n) - 1n;
  const err = t.throws(() => epochExact(baseInput({ alpha_stake: [MAX, MAX, 0n, 0n] })), {
    instanceOf: YumaInputError,
  });
  t.is(err?.field, "alpha_stake");
});
