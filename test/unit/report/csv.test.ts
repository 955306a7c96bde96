import test from "ava";
import { parseCsv, toCsv } from "../../../node/report/csv.ts";

test("CSV quotes fields with commas, quotes and newlines and parses back", (t) => {
  const rows = [{ a: "x,y", b: 'say "hi"', c: 1.5, d: 10n, e: null }];
  const text = toCsv(rows);
  t.is(text, 'a,b,c,d,e\n"x,y","say ""hi""",1.5,10,\n');
  t.deepEqual(parseCsv(text), [{ a: "x,y", b: 'say "hi"', c: "1.5", d: "10", e: "" }]);
});

test("a column list fixes the order and fills missing cells", (t) => {
  t.is(toCsv([{ b: 2 }], ["a", "b"]), "a,b\n,2\n");
});
