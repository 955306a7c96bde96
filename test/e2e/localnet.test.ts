import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { startLocalnet } from "../../node/localnet/index.ts";

// A whole subnet on loopback: SimChain, five miners as real libp2p peers, two validators.
test("after three epochs honest miners earn the most incentive and lazy and copying miners the least", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-localnet-"));
  const report = join(dir, "report.html");
  let text = "";
  const out = {
    write: (s: string) => {
      text += s;
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  const result = await startLocalnet(
    { epochs: 3, miners: ["honest", "slow", "lazy", "copying"], slowMs: 3000, backend: "tfjs-wasm", report },
    { out },
  );
  t.is(result.epochs.length, 3);
  const last = result.epochs.at(-1)!;
  const incentive = (role: string) => last.rows.find((r) => r.role === role)!.incentive;
  t.true(incentive("honest") > incentive("slow"), "fast and right beats slow and right");
  t.true(incentive("slow") > incentive("lazy"), "slow and right beats lazy");
  t.true(incentive("slow") > incentive("copying"), "slow and right beats copying");
  t.true(last.answered > 0);
  t.true(
    last.rows.filter((r) => r.role === "validator").every((r) => r.dividends > 0),
    "both validators earn dividends",
  );
  t.regex(text, /epoch 3 {2}block \d+/);
  t.regex(await readFile(report, "utf8"), /<svg[^>]*>[\s\S]*polyline/);
});
