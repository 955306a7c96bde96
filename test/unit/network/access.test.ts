import test from "ava";
import { Admission } from "../../../node/network/access/admission.ts";
import { ReplayWindow } from "../../../node/network/access/replay.ts";
import { PriorityScheduler, stakePriority } from "../../../node/network/access/scheduler.ts";
import { TokenBucket } from "../../../node/network/access/token-bucket.ts";
import { WireErrorCode } from "../../../node/network/errors.ts";
import { defaultAccessOptions } from "../../../node/network/options.ts";

const TAO = 1_000_000_000n;

test("the replay window accepts each nonce once, tolerates reordering and refuses old nonces", (t) => {
  const w = new ReplayWindow(64);
  t.is(w.check(10), "ok");
  t.is(w.check(8), "ok");
  t.is(w.check(8), "duplicate");
  t.is(w.check(10), "duplicate");
  t.is(w.check(100), "ok");
  t.is(w.check(36), "too_old");
  t.is(w.check(37), "ok");
  t.is(w.check(37), "duplicate");
  t.is(w.check(10_000), "ok");
  t.is(w.check(9_999), "ok");
});

test("a token bucket allows its burst, then refills at its rate", (t) => {
  const b = new TokenBucket(10, 5, 0);
  let taken = 0;
  while (b.take(0)) taken++;
  t.is(taken, 5);
  t.is(b.retryAfterMs(0), 100);
  t.true(b.take(100));
  t.false(b.take(100));
});

test("admission refuses blacklisted and under-staked hotkeys, and the rate grows with stake", (t) => {
  const a = new Admission({
    ...defaultAccessOptions,
    minStakeRao: 10n * TAO,
    blacklist: ["bad"],
    burstSeconds: 1,
  });
  const rich = { uid: 1, stakeRao: 1000n * TAO, validatorPermit: true };
  t.like(a.check("bad", rich, 0), { ok: false, code: WireErrorCode.forbidden });
  t.like(a.check("poor", { ...rich, stakeRao: TAO }, 0), { ok: false, code: WireErrorCode.forbidden });
  t.true(a.rateFor(1000n * TAO) > a.rateFor(10n * TAO));
  const count = (hotkey: string, stakeRao: bigint) => {
    let n = 0;
    while (a.check(hotkey, { ...rich, stakeRao }, 0).ok) n++;
    return n;
  };
  t.true(count("whale", 1000n * TAO) > count("minnow", 10n * TAO));
  t.like(a.check("minnow", { ...rich, stakeRao: 10n * TAO }, 0), {
    ok: false,
    code: WireErrorCode.rateLimited,
  });
});

test("admission caps requests in flight per hotkey", (t) => {
  const a = new Admission({ ...defaultAccessOptions, maxInFlightPerPeer: 2 });
  const reg = { uid: 1, stakeRao: 0n, validatorPermit: false };
  a.begin("h");
  a.begin("h");
  t.like(a.check("h", reg, 0), { ok: false, code: WireErrorCode.busy });
  a.end("h");
  t.true(a.check("h", reg, 0).ok);
});

function job(log: string[], name: string, priority: number, gate?: Promise<void>) {
  return {
    priority,
    bytes: 1,
    run: async () => {
      log.push(name);
      await gate;
    },
    reject: (why: string) => log.push(`${name}:${why}`),
  };
}

test("queued jobs run highest stake first once a slot frees", async (t) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const s = new PriorityScheduler(
    { concurrency: 1, queueSize: 10, maxQueuedBytes: 100, agingMs: 1e9 },
    () => 0,
  );
  const log: string[] = [];
  s.submit(job(log, "first", 0, gate));
  s.submit(job(log, "low", stakePriority(1n * TAO)));
  s.submit(job(log, "high", stakePriority(10_000n * TAO)));
  s.submit(job(log, "mid", stakePriority(100n * TAO)));
  release();
  await new Promise((r) => setTimeout(r, 10));
  t.deepEqual(log, ["first", "high", "mid", "low"]);
});

test("a full queue evicts its lowest-priority job, or refuses a newcomer that ranks lowest", (t) => {
  const s = new PriorityScheduler(
    { concurrency: 1, queueSize: 2, maxQueuedBytes: 100, agingMs: 1e9 },
    () => 0,
  );
  const log: string[] = [];
  s.submit(job(log, "running", 0, new Promise(() => undefined)));
  s.submit(job(log, "low", 0));
  s.submit(job(log, "mid", 1));
  s.submit(job(log, "lowest", 0));
  t.deepEqual(log, ["running", "lowest:busy"]);
  s.submit(job(log, "high", 3));
  t.deepEqual(log, ["running", "lowest:busy", "low:busy"]);
  t.is(s.size.queued, 2);
});

test("aging bounds starvation: a low-stake job that waited long runs before a fresh high-stake one", async (t) => {
  let now = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const s = new PriorityScheduler(
    { concurrency: 1, queueSize: 10, maxQueuedBytes: 100, agingMs: 100 },
    () => now,
  );
  const log: string[] = [];
  s.submit(job(log, "running", 0, gate));
  s.submit(job(log, "patient-low", 0));
  now = 1000; // waited 10 aging units
  s.submit(job(log, "fresh-high", 3));
  release();
  await new Promise((r) => setTimeout(r, 10));
  t.deepEqual(log, ["running", "patient-low", "fresh-high"]);
});
