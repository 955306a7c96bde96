import test from "ava";
import { DynamicBatcher } from "../../../node/runtime/batcher.ts";

/** A batch function that doubles numbers and records the batch sizes it saw. */
function doubler(sizes: number[] = [], delayMs = 0) {
  return async (items: number[]) => {
    sizes.push(items.length);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    return items.map((x) => x * 2);
  };
}

test("concurrent requests are gathered into full batches and each caller gets its own row", async (t) => {
  const sizes: number[] = [];
  const b = new DynamicBatcher(doubler(sizes), { maxBatchSize: 8, maxWaitMs: 1000 });
  const out = await Promise.all(Array.from({ length: 32 }, (_, i) => b.submit(i)));
  t.deepEqual(
    out,
    Array.from({ length: 32 }, (_, i) => i * 2),
  );
  t.deepEqual(sizes, [8, 8, 8, 8]);
});

test("a partial batch runs after maxWaitMs", async (t) => {
  const sizes: number[] = [];
  const b = new DynamicBatcher(doubler(sizes), { maxBatchSize: 64, maxWaitMs: 5 });
  const started = performance.now();
  t.deepEqual(await Promise.all([b.submit(1), b.submit(2), b.submit(3)]), [2, 4, 6]);
  t.true(performance.now() - started >= 4);
  t.deepEqual(sizes, [3]);
});

test("requests arriving during a running batch form the next batch", async (t) => {
  const sizes: number[] = [];
  const b = new DynamicBatcher(doubler(sizes, 20), { maxBatchSize: 4, maxWaitMs: 1 });
  const first = b.submit(0);
  // Wait until the first batch is running (its size recorded), however slow the machine is.
  while (sizes.length === 0) await new Promise((r) => setTimeout(r, 1));
  const rest = Array.from({ length: 6 }, (_, i) => b.submit(i + 1));
  t.deepEqual(await Promise.all([first, ...rest]), [0, 2, 4, 6, 8, 10, 12]);
  t.deepEqual(sizes, [1, 4, 2]);
});

test("a failing batch rejects every caller in it with the batch's error", async (t) => {
  const boom = new Error("model exploded");
  const b = new DynamicBatcher<number, number>(
    async () => {
      throw boom;
    },
    { maxBatchSize: 3, maxWaitMs: 1 },
  );
  const results = await Promise.allSettled([b.submit(1), b.submit(2), b.submit(3)]);
  t.deepEqual(
    results.map((r) => (r.status === "rejected" ? r.reason : r.value)),
    [boom, boom, boom],
  );
  // The batcher keeps serving after a failure.
  const ok = new DynamicBatcher(doubler(), { maxBatchSize: 2, maxWaitMs: 1 });
  t.is(await ok.submit(5), 10);
});

test("a batch function returning the wrong number of rows fails each caller", async (t) => {
  const b = new DynamicBatcher<number, number>(async () => [1], { maxBatchSize: 2, maxWaitMs: 1 });
  const results = await Promise.allSettled([b.submit(1), b.submit(2)]);
  t.true(
    results.every(
      (r) => r.status === "rejected" && (r.reason as { code?: string }).code === "RUNTIME_BATCH_RESULT",
    ),
  );
});

test("a full queue refuses new requests with RUNTIME_QUEUE_FULL", async (t) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const b = new DynamicBatcher<number, number>(
    async (items) => {
      await gate;
      return items;
    },
    { maxBatchSize: 2, maxWaitMs: 1, maxQueue: 3 },
  );
  const running = [b.submit(1), b.submit(2)]; // a full batch: starts and blocks on the gate
  const queued = [b.submit(3), b.submit(4), b.submit(5)];
  const err = await t.throwsAsync(b.submit(6));
  t.is((err as { code?: string }).code, "RUNTIME_QUEUE_FULL");
  release();
  t.deepEqual(await Promise.all([...running, ...queued]), [1, 2, 3, 4, 5]);
});

test("aborting a queued request rejects it with AbortError and removes it from the batch", async (t) => {
  const sizes: number[] = [];
  const b = new DynamicBatcher(doubler(sizes), { maxBatchSize: 8, maxWaitMs: 10 });
  const ac = new AbortController();
  const cancelled = b.submit(1, { signal: ac.signal });
  const kept = b.submit(2);
  ac.abort();
  const err = await t.throwsAsync(cancelled);
  t.is(err?.name, "AbortError");
  t.is(await kept, 4);
  t.deepEqual(sizes, [1]);
  const pre = new AbortController();
  pre.abort();
  t.is((await t.throwsAsync(b.submit(3, { signal: pre.signal })))?.name, "AbortError");
});

test("a request that waits past its deadline fails with TimeoutError", async (t) => {
  const b = new DynamicBatcher(doubler([], 50), { maxBatchSize: 1, maxWaitMs: 1, timeoutMs: 10 });
  const err = await t.throwsAsync(b.submit(1));
  t.is(err?.name, "TimeoutError");
  t.is(await b.submit(2, { timeoutMs: 0 }), 4);
});

test("close rejects queued requests with RUNTIME_CLOSED and refuses new ones", async (t) => {
  const b = new DynamicBatcher(doubler([], 20), { maxBatchSize: 1, maxWaitMs: 1 });
  const running = b.submit(1);
  await new Promise((r) => setTimeout(r, 5));
  const queued = b.submit(2);
  await b.close();
  t.is(await running, 2);
  t.is(((await t.throwsAsync(queued)) as { code?: string }).code, "RUNTIME_CLOSED");
  t.is(((await t.throwsAsync(b.submit(3))) as { code?: string }).code, "RUNTIME_CLOSED");
});
