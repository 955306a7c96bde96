import test from "ava";
import {
  blockEmissionForIssuance,
  emissionFormula,
  halvingSchedule,
  mintableEmission,
} from "../../../../sim/emission/block_emission.ts";
import { DEFAULT_BLOCK_EMISSION, TOTAL_SUPPLY } from "../../../../sim/emission/constants.ts";

test("emission is 1 TAO per block until half the supply is issued, then halves", (t) => {
  t.is(blockEmissionForIssuance(0n), DEFAULT_BLOCK_EMISSION);
  t.is(blockEmissionForIssuance(TOTAL_SUPPLY / 2n), DEFAULT_BLOCK_EMISSION / 2n);
  t.is(blockEmissionForIssuance((TOTAL_SUPPLY * 3n) / 4n), DEFAULT_BLOCK_EMISSION / 4n);
});

test("emission stops at the total supply and minting never exceeds it", (t) => {
  t.is(blockEmissionForIssuance(TOTAL_SUPPLY), 0n);
  t.true(mintableEmission(TOTAL_SUPPLY - 10n) <= 10n);
  t.is(mintableEmission(0n), DEFAULT_BLOCK_EMISSION);
});

test("the halving schedule halves the emission each era at increasing blocks", (t) => {
  const rows = halvingSchedule({ maxRows: 6 });
  t.is(rows.length, 6);
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1];
    const row = rows[i];
    if (prev === undefined || row === undefined) throw new Error("row missing");
    t.is(row.blockEmission, prev.blockEmission / 2n);
    t.true(row.block > prev.block);
    t.true(row.issuance > prev.issuance);
    // The era starts exactly where the emission function first drops.
    t.true(blockEmissionForIssuance(row.issuance) < prev.blockEmission);
  }
  // 10.5M TAO at 1 TAO per block.
  t.is(rows[1]?.block, 10_500_000n);
});

test("the era lookup equals the fixed-point formula at and around every boundary", (t) => {
  const rows = halvingSchedule({ maxRows: 40 });
  for (const r of rows) {
    for (const d of [-2n, -1n, 0n, 1n, 2n]) {
      const i = r.issuance + d;
      if (i >= 0n) t.is(blockEmissionForIssuance(i), emissionFormula(i));
    }
  }
  for (const i of [0n, 123_456_789n, 10n ** 16n, 20_999_999_999_999_999n, TOTAL_SUPPLY, TOTAL_SUPPLY + 1n]) {
    t.is(blockEmissionForIssuance(i), emissionFormula(i));
  }
});
