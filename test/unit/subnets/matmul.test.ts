import test from "ava";
import { createRuntime } from "../../../node/runtime/select.ts";
import type { ModelRuntime } from "../../../node/runtime/types.ts";
import { base64ToInt32, int32ToBase64 } from "../../../subnets/common/base64.ts";
import { generateChallenge } from "../../../subnets/matmul/challenge.ts";
import { subnet } from "../../../subnets/matmul/index.ts";
import type { MatmulQuery, MatmulResponse } from "../../../subnets/matmul/schema.ts";
import { score } from "../../../subnets/matmul/score.ts";
import { withoutClockOrRandom } from "./purity.ts";

const SEED = "validator-secret";
let runtime: ModelRuntime;

test.before(async () => {
  runtime = await createRuntime({ backend: "tfjs-wasm" });
});
test.after.always(async () => {
  await runtime?.dispose();
});

function small(nonce: string, n = 48): MatmulQuery {
  return { ...generateChallenge(SEED, nonce), n };
}

async function answer(query: MatmulQuery): Promise<MatmulResponse> {
  const miner = await subnet.createMiner({ runtime });
  return miner.handle(query);
}

const at = (challenge: MatmulQuery, response: unknown, latencyMs = 100) =>
  score({ challenge, response, latencyMs, seed: SEED });

test.serial("challenges are deterministic in (seed, nonce), valid, and differ between nonces", (t) => {
  const q = generateChallenge(SEED, "n1");
  t.deepEqual(generateChallenge(SEED, "n1"), q);
  t.true(subnet.querySchema.safeParse(q).success);
  t.not(generateChallenge(SEED, "n2").matrixSeed, q.matrixSeed);
  t.not(generateChallenge("other-validator", "n1").matrixSeed, q.matrixSeed);
});

test.serial("a correct product of 512×512 matrices computed on the runtime is verified", async (t) => {
  const q: MatmulQuery = { ...generateChallenge(SEED, "big"), n: 512 };
  const r = await answer(q);
  t.true(subnet.responseSchema.safeParse(r).success);
  t.is(at(q, r), 1);
});

test.serial("the same answer computed on the ONNX engine is identical", async (t) => {
  const q = small("onnx");
  const onnx = await createRuntime({ backend: "onnx-cpu" });
  const viaOnnx = await (await subnet.createMiner({ runtime: onnx })).handle(q);
  await onnx.dispose();
  t.is(viaOnnx.c, (await answer(q)).c);
});

test.serial("a wrong, lazy or copied answer scores 0 while the correct one scores above 0", async (t) => {
  for (let i = 0; i < 10; i++) {
    const q = small(`round-${i}`);
    const good = await answer(q);
    const c = base64ToInt32(good.c)!;
    const correct = at(q, good);
    t.true(correct > 0);
    // Wrong: one element off by one.
    const wrong = Int32Array.from(c);
    wrong[(i * 97) % wrong.length] += 1;
    t.is(at(q, { nonce: q.nonce, c: int32ToBase64(wrong) }), 0);
    // Lazy: all zeros, or only the first half of the rows computed.
    t.is(at(q, { nonce: q.nonce, c: int32ToBase64(new Int32Array(c.length)) }), 0);
    const half = Int32Array.from(c);
    half.fill(0, half.length / 2);
    t.is(at(q, { nonce: q.nonce, c: int32ToBase64(half) }), 0);
    // Copied: another challenge's correct answer, replayed as is or relabelled with this nonce.
    const other = await answer(small(`other-${i}`));
    t.is(at(q, other), 0);
    t.is(at(q, { ...other, nonce: q.nonce }), 0);
  }
});

test.serial("malformed or missing responses score 0", (t) => {
  const q = small("bad");
  for (const r of [
    undefined,
    null,
    {},
    { nonce: q.nonce },
    { nonce: q.nonce, c: "@@@" },
    { nonce: q.nonce, c: "" },
  ]) {
    t.is(at(q, r), 0);
  }
});

test.serial("scoring is pure: no clock, no Math.random, same inputs give the same score", async (t) => {
  const q = small("pure");
  const r = await answer(q);
  const first = withoutClockOrRandom(() => at(q, r, 700));
  const second = withoutClockOrRandom(() => at(structuredClone(q), structuredClone(r), 700));
  t.is(first, second);
  t.true(first > 0.5 && first < 1);
});

test.serial("slower verified answers score less, and an answer past the timeout scores 0", async (t) => {
  const q = small("latency");
  const r = await answer(q);
  t.true(at(q, r, 100) > at(q, r, 2000));
  t.true(at(q, r, 2000) > at(q, r, 8000));
  t.is(at(q, r, 10_000), 0);
});
