import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { compactBonds, compactSparseU16, pairsFromCompact } from "../../../../sim/yuma/compact.ts";
import { epochExact } from "../../../../sim/yuma/epoch.ts";
import { YumaInputError } from "../../../../sim/yuma/errors.ts";
import { randomEpochInput } from "../../../../sim/yuma/fast/random.ts";
import { epochWithMechanismsExact } from "../../../../sim/yuma/mechanisms.ts";
import type {
  CompactEpochInput,
  CompactSparseU16,
  EpochInput,
  EpochOutput,
  MechanismsInput,
} from "../../../../sim/yuma/types.ts";
import { sharedDir } from "../../../helpers/shared.ts";
import { baseInput } from "./_input.ts";

/** Every enumerable field, with the lazy matrices read. */
const plain = (o: EpochOutput): Record<string, unknown> => ({ ...o });

const compactInput = (x: EpochInput): CompactEpochInput => ({
  ...x,
  weights: compactSparseU16(x.weights),
  bonds: compactSparseU16(x.bonds),
});

test("the compact form round-trips pair rows, unsorted rows and empty rows included", (t) => {
  const rows: Array<Array<[number, number]>> = [
    [
      [3, 7],
      [0, 65535],
      [2, 0],
    ],
    [],
    [[1, 1]],
  ];
  t.deepEqual(pairsFromCompact(compactSparseU16(rows)), rows);
});

test("compactSparseU16 refuses values the typed arrays would wrap", (t) => {
  const err = t.throws(() => compactSparseU16([[[0, 70000]]], "weights"), { instanceOf: YumaInputError });
  t.is(err?.field, "weights[0][0][1]");
  t.throws(() => compactSparseU16([[[-1, 1]]]), { instanceOf: YumaInputError });
});

const shared = sharedDir();
const vectors =
  shared === undefined
    ? undefined
    : (JSON.parse(readFileSync(join(shared, "vectors/yuma/public.json"), "utf8")).cases as Array<{
        id: string;
        group: string;
        input: unknown;
      }>);

if (vectors === undefined) {
  test.skip("compact input gives the pair form's output on every public vector : skipped, shared/ not found", (t) => {
    t.pass();
  });
} else {
  test("compact input gives the pair form's output on every public vector", (t) => {
    let epochs = 0;
    let mechs = 0;
    for (const v of vectors) {
      if (v.group === "epoch") {
        const input = v.input as EpochInput;
        t.deepEqual(plain(epochExact(compactInput(input))), plain(epochExact(input)), v.id);
        epochs++;
      } else if (v.group === "mechanisms") {
        const input = v.input as MechanismsInput;
        const compact = {
          ...input,
          mechanisms: input.mechanisms.map((m) => ({
            ...m,
            weights: compactSparseU16(m.weights),
            bonds: compactSparseU16(m.bonds),
          })),
        };
        const a = epochWithMechanismsExact(compact);
        const b = epochWithMechanismsExact(input);
        t.deepEqual(a.aggregated, b.aggregated, v.id);
        t.deepEqual(a.per_mechanism.map(plain), b.per_mechanism.map(plain), v.id);
        mechs++;
      }
    }
    t.true(epochs > 0 && mechs > 0);
  });
}

test("compactBonds of an exact output equals its bond rows, and feeds the next epoch identically", (t) => {
  const first = { ...randomEpochInput({ uids: 40, validators: 8, seed: 3 }), yuma3: true };
  const out = epochExact(compactInput(first));
  const bonds = compactBonds(out);
  t.deepEqual(pairsFromCompact(bonds), out.bonds);
  t.true(bonds.values.length > 0);
  const next = { ...first, bonds: out.bonds, validator_permit: out.new_validator_permit };
  t.deepEqual(plain(epochExact({ ...next, bonds })), plain(epochExact(next)));
  // Outputs of other engines are converted from their pair rows.
  t.deepEqual(compactBonds({ bonds: out.bonds }), bonds);
});

const base = compactInput(baseInput());
const rejectsCompact = (title: string, weights: Partial<CompactSparseU16>, field: string): void => {
  test(`rejects compact weights with ${title}, naming ${field}`, (t) => {
    const input = { ...base, weights: { ...(base.weights as CompactSparseU16), ...weights } };
    const err = t.throws(() => epochExact(input), { instanceOf: YumaInputError });
    t.is(err?.field, field);
  });
};
rejectsCompact(
  "an indptr of the wrong length",
  { indptr: new Uint32Array([0, 2, 3, 3]) },
  "weights.indptr.length",
);
rejectsCompact(
  "an indptr not starting at 0",
  { indptr: new Uint32Array([1, 2, 3, 3, 3]) },
  "weights.indptr[0]",
);
rejectsCompact("a decreasing indptr", { indptr: new Uint32Array([0, 2, 1, 3, 3]) }, "weights.indptr[2]");
rejectsCompact(
  "an entry count that disagrees with indptr",
  { indptr: new Uint32Array([0, 2, 3, 3, 2]) },
  "weights.indices.length",
);
rejectsCompact("a column outside the subnet", { indices: new Uint32Array([2, 4, 2]) }, "weights.indices[1]");
rejectsCompact("a duplicate column in a row", { indices: new Uint32Array([2, 2, 2]) }, "weights.indices[1]");
rejectsCompact(
  "values that are not a Uint16Array",
  { values: new Float64Array([1, 2, 3]) as never },
  "weights.values",
);
rejectsCompact("indices that are not a Uint32Array", { indices: [2, 3, 2] as never }, "weights.indices");
