import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import test from "ava";
import { createRuntime } from "../../../node/runtime/select.ts";
import { SeededStream } from "../../../subnets/common/random.ts";
import { generateChallenge } from "../../../subnets/distill/challenge.ts";
import { subnet } from "../../../subnets/distill/index.ts";
import { CLASSES, type DistillQuery, POINTS } from "../../../subnets/distill/schema.ts";
import { agreement, score } from "../../../subnets/distill/score.ts";
import { teacherLabels } from "../../../subnets/distill/teacher.ts";
import { train } from "../../../subnets/distill/train.ts";
import { withoutClockOrRandom } from "./purity.ts";

const SEED = "validator-secret";
const at = (challenge: DistillQuery, response: unknown, latencyMs = 50) =>
  score({ challenge, response, latencyMs, seed: SEED });

function teacherAnswer(q: DistillQuery) {
  return { nonce: q.nonce, labels: teacherLabels(Float32Array.from(q.inputs.flat()), POINTS) };
}

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "plexus-distill-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test("challenges are deterministic in (seed, nonce), valid, and exactly representable in float32", (t) => {
  const q = generateChallenge(SEED, "n1");
  t.deepEqual(generateChallenge(SEED, "n1"), q);
  t.true(subnet.querySchema.safeParse(q).success);
  t.notDeepEqual(generateChallenge(SEED, "n2").inputs, q.inputs);
  t.true(q.inputs.flat().every((v) => Math.fround(v) === v && v >= -1 && v <= 1));
});

test("agreement is 1 for the teacher's labels and 0 for any constant answer", (t) => {
  const q = generateChallenge(SEED, "kappa");
  const expected = teacherAnswer(q).labels;
  t.is(agreement(expected, expected), 1);
  for (let c = 0; c < CLASSES; c++) t.is(agreement(expected, new Array(POINTS).fill(c)), 0);
});

test("a wrong, lazy or copied answer always scores below the correct one", (t) => {
  for (let i = 0; i < 40; i++) {
    const q = generateChallenge(SEED, `round-${i}`);
    const good = teacherAnswer(q);
    const correct = at(q, good);
    t.is(correct, 1);
    const rng = new SeededStream(`wrong-${i}`);
    const wrong = { nonce: q.nonce, labels: good.labels.map(() => rng.below(CLASSES)) };
    const flipped = { nonce: q.nonce, labels: good.labels.map((l, k) => (k === i ? (l + 1) % CLASSES : l)) };
    const lazy = { nonce: q.nonce, labels: new Array(POINTS).fill(0) };
    // Copied: the correct answer to another nonce, replayed as is, or relabelled with this nonce.
    const other = teacherAnswer(generateChallenge(SEED, `other-${i}`));
    for (const bad of [wrong, flipped, lazy, other, { ...other, nonce: q.nonce }]) {
      t.true(at(q, bad) < correct);
    }
    t.is(at(q, other), 0);
  }
});

test("malformed or missing responses score 0", (t) => {
  const q = generateChallenge(SEED, "bad");
  const good = teacherAnswer(q);
  for (const r of [
    undefined,
    {},
    { nonce: q.nonce, labels: good.labels.slice(1) },
    { nonce: q.nonce, labels: good.labels.map(() => CLASSES) },
    { nonce: q.nonce, labels: good.labels.map(() => 0.5) },
  ]) {
    t.is(at(q, r), 0);
  }
});

test("scoring is pure: no clock, no Math.random, same inputs give the same score", (t) => {
  const q = generateChallenge(SEED, "pure");
  const r = teacherAnswer(q);
  r.labels[0] = (r.labels[0] + 1) % CLASSES;
  const a = withoutClockOrRandom(() => at(q, r, 900));
  const b = withoutClockOrRandom(() => at(structuredClone(q), structuredClone(r), 900));
  t.is(a, b);
  t.true(a > 0 && a < 1);
});

test.serial("trained students serve through the miner, and more training gives a better miner", async (t) => {
  const runtime = await createRuntime({ backend: "tfjs-wasm" });
  const weakDir = await tempDir(t);
  const strongDir = await tempDir(t);
  const base = { format: "tfjs" as const, seed: "t", samples: 4096 };
  const weak = await train({ ...base, epochs: 1, hidden: 4, out: weakDir }, { runtime });
  const strong = await train({ ...base, epochs: 15, hidden: 32, out: strongDir }, { runtime });
  t.true(strong.heldOutAgreement > weak.heldOutAgreement);
  const mean = async (dir: string) => {
    const miner = await subnet.createMiner({ runtime, modelDir: dir });
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const q = generateChallenge(SEED, `eval-${i}`);
      const r = await miner.handle(q);
      t.true(subnet.responseSchema.safeParse(r).success);
      total += at(q, r);
    }
    await miner.close();
    return total / 20;
  };
  const weakScore = await mean(weakDir);
  const strongScore = await mean(strongDir);
  t.true(strongScore > weakScore, `strong ${strongScore} vs weak ${weakScore}`);
  t.true(strongScore > 0.5);
  await runtime.dispose();
});

test.serial(
  "a student saved as ONNX answers like the same student on tfjs, and training leaks no tensors",
  async (t) => {
    const tfjs = await createRuntime({ backend: "tfjs-wasm" });
    const tfjsDir = await tempDir(t);
    const onnxDir = await tempDir(t);
    const opts = { epochs: 3, hidden: 16, seed: "same", samples: 1024 };
    const tensors = tf.memory().numTensors;
    await train({ ...opts, format: "tfjs", out: tfjsDir }, { runtime: tfjs });
    await train({ ...opts, format: "onnx", out: onnxDir }, { runtime: tfjs });
    t.is(tf.memory().numTensors, tensors, "training releases its tensors, optimizer state included");
    const onnx = await createRuntime({ backend: "onnx-cpu" });
    const a = await subnet.createMiner({ runtime: tfjs, modelDir: tfjsDir });
    const b = await subnet.createMiner({ runtime: onnx, modelDir: onnxDir });
    const q = generateChallenge(SEED, "formats");
    const ra = await a.handle(q);
    const rb = await b.handle(q);
    // Same weights; labels may differ only where two logits tie to float32 rounding.
    const same = ra.labels.filter((l, i) => l === rb.labels[i]).length;
    t.true(same >= POINTS - 1, `${same} of ${POINTS} labels agree`);
    await a.close();
    await b.close();
    await tfjs.dispose();
    await onnx.dispose();
  },
);

test.serial("the miner refuses to start without a model folder, naming the field", async (t) => {
  const runtime = await createRuntime({ backend: "tfjs-cpu" });
  const err = await t.throwsAsync(subnet.createMiner({ runtime }));
  t.is((err as { code?: string }).code, "INPUT_INVALID");
  t.regex(err?.message ?? "", /modelDir/);
  await runtime.dispose();
});
