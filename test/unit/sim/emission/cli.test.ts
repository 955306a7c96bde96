import test from "ava";
import { runHalving } from "../../../../node/cli/cmds/sim/halving.ts";
import { runPool } from "../../../../node/cli/cmds/sim/pool.ts";
import { formatTao, parseRao } from "../../../../sim/emission/amounts.ts";
import { InvalidInputError } from "../../../../sim/errors.ts";

const base = { tao: "1000", alpha: "20000", weight: "0.5", fee: 33, json: true };

test("TAO amounts convert to rao exactly and back", (t) => {
  t.is(parseRao("x", "1.000000001"), 1_000_000_001n);
  t.is(formatTao(1_500_000_000n), "1.5");
  t.throws(() => parseRao("x", "1.0000000001"), { instanceOf: InvalidInputError });
});

test("sim pool quotes a buy: fee on the input, output below the spot value", (t) => {
  const out = JSON.parse(runPool({ ...base, buy: "10" }));
  t.is(BigInt(out.fee_rao) + BigInt(out.paid_in_rao), 10_000_000_000n);
  // at the spot price 0.05 TAO/alpha, 10 TAO would be 200 alpha; slippage and fee give less
  t.true(BigInt(out.paid_out_rao) < 200_000_000_000n);
  t.true(Number(out.price_after) > Number(out.price_before));
});

test("sim pool rejects bad input with the field named", (t) => {
  t.throws(() => runPool({ ...base, buy: "1", sell: "1" }), {
    instanceOf: InvalidInputError,
    message: /buy\/sell/,
  });
  t.throws(() => runPool({ ...base, weight: "0.999", buy: "1" }), {
    instanceOf: InvalidInputError,
    message: /weight/,
  });
  t.throws(() => runPool({ ...base, fee: 20_000, buy: "1" }), {
    instanceOf: InvalidInputError,
    message: /fee/,
  });
  t.throws(() => runPool({ ...base, buy: "1", limit: "0.01" }), {
    instanceOf: InvalidInputError,
    message: /PriceLimitExceeded/,
  });
});

test("sim halving lists eras with dates 12 s per block apart", (t) => {
  const rows = JSON.parse(
    runHalving({ issuance: "0", block: 0, rows: 3, json: true, date: "2026-01-01T00:00:00Z" }, new Date(0)),
  );
  t.is(rows.length, 3);
  t.is(rows[1].block, 10_500_000);
  t.is(Date.parse(rows[1].date) - Date.parse(rows[0].date), 10_500_000 * 12_000);
  t.throws(() => runHalving({ issuance: "x", block: 0, rows: 3, json: true }, new Date(0)), {
    instanceOf: InvalidInputError,
  });
});
