import "../node/polyfills.ts";
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Socket, connect as tcpConnect } from "node:net";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { encodeFrame, FrameDecoder } from "../node/network/framing.ts";
import { StaticAuthority } from "../node/network/identity.ts";
import { PeerNode, type PeerNodeInit } from "../node/network/node.ts";
import { peerKeyFromSeed } from "../node/network/peer-key.ts";
import { signerFromKeyringPair } from "../node/network/signers.ts";
import type { BenchOutput } from "./index.ts";

/**
 * `npm run bench -- network [--quick]`: the transport on loopback, in separate processes.
 *   auth_query / bare_tcp  latency (sequential) and throughput (pipelined, one connection) for 1 KiB
 *                          and 1 MiB payloads: an authenticated plexus query vs a node:net echo
 *                          with the same length-prefixed framing.
 *   fanout                 one validator querying 256 miners (one child process), 10% of which never
 *                          answer: time until every answer or timeout is in.
 *   flood                  honest high-stake client latency while a zero-stake peer (another process)
 *                          floods the same miner.
 * All loops are bounded by counts and wall time.
 */
const NETUID = 1;
const GENESIS = `0x${"11".repeat(32)}`;
const TAO = 1_000_000_000n;
const ROUTE = "bench/echo/v1";
const SLOW_ROUTE_DELAY_MS = 60_000;
const FANOUT_MINERS = 256;
const SELF = fileURLToPath(import.meta.url);

interface Identity {
  name: string;
  stakeRao: bigint;
}

/** Every process rebuilds the same in-memory authority from names, so no chain is needed. */
let shared: Promise<{ authority: StaticAuthority; keyring: Keyring }> | undefined;
function authorityFor(names: Identity[]): Promise<{ authority: StaticAuthority; keyring: Keyring }> {
  shared ??= buildAuthority(names);
  return shared;
}

async function buildAuthority(names: Identity[]): Promise<{ authority: StaticAuthority; keyring: Keyring }> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: "sr25519" });
  const authority = new StaticAuthority(GENESIS);
  names.forEach((n, uid) => {
    authority.set(NETUID, keyring.addFromUri(`//${n.name}`).address, {
      uid,
      stakeRao: n.stakeRao,
      validatorPermit: true,
    });
  });
  return { authority, keyring };
}

const identities: Identity[] = [
  { name: "bench-miner", stakeRao: 0n },
  { name: "bench-client", stakeRao: 1_000_000n * TAO },
  { name: "bench-flooder", stakeRao: 0n },
  ...Array.from({ length: FANOUT_MINERS }, (_, i) => ({ name: `bench-fan-${i}`, stakeRao: 0n })),
];

async function node(name: string, options: PeerNodeInit["options"] = {}): Promise<PeerNode> {
  const { authority, keyring } = await authorityFor(identities);
  const seed = new Uint8Array(32);
  seed.set(new TextEncoder().encode(name).subarray(0, 32));
  const n = await PeerNode.create({
    signer: signerFromKeyringPair(keyring.addFromUri(`//${name}`)),
    authority,
    netuid: NETUID,
    privateKey: await peerKeyFromSeed(seed),
    // generous handshake timeout: the fanout child verifies 256 handshakes on one thread
    options: { listen: ["/ip4/127.0.0.1/tcp/0"], handshakeTimeoutMs: 30_000, ...options },
  });
  await n.start();
  return n;
}

// ---------------------------------------------------------------- child processes

async function childServe(): Promise<void> {
  const miner = await node("bench-miner", {
    maxFrameBytes: 2 * 1024 * 1024,
    maxRequestBytes: 2 * 1024 * 1024,
    access: { baseRps: 200, rpsPerTao: 1, maxRps: 1_000_000, concurrency: 512, maxInFlightPerPeer: 1024 },
  });
  miner.serveRaw(ROUTE, async (payload) => payload);
  const tcp = createServer((sock) => bareEcho(sock));
  await new Promise<void>((r) => tcp.listen(0, "127.0.0.1", r));
  const port = (tcp.address() as { port: number }).port;
  process.stdout.write(`${JSON.stringify({ addr: miner.multiaddrs()[0], port })}\n`);
}

function bareEcho(sock: Socket): void {
  sock.setNoDelay(true);
  const dec = new FrameDecoder(4 * 1024 * 1024);
  sock.on("data", (chunk) => {
    for (const f of dec.push(chunk)) sock.write(encodeFrame(f));
  });
  sock.on("error", () => undefined);
}

async function childFanout(): Promise<void> {
  const addrs: string[] = [];
  for (let i = 0; i < FANOUT_MINERS; i++) {
    const n = await node(`bench-fan-${i}`, { access: { baseRps: 1000 } });
    const slow = i % 10 === 0;
    n.serveRaw(ROUTE, async (payload, ctx) => {
      if (slow) await new Promise((r) => setTimeout(r, SLOW_ROUTE_DELAY_MS).unref()).catch(() => undefined);
      void ctx;
      return payload;
    });
    addrs.push(n.multiaddrs()[0]!);
  }
  process.stdout.write(`${JSON.stringify({ addrs })}\n`);
}

async function childFlood(target: string): Promise<void> {
  const flooder = await node("bench-flooder");
  const payload = new Uint8Array(1024);
  await flooder.connect(target);
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  const deadline = Date.now() + 120_000;
  let outstanding = 0;
  const pump = (): void => {
    while (outstanding < 512 && Date.now() < deadline) {
      outstanding++;
      flooder
        .requestRaw(target, ROUTE, payload, { timeoutMs: 5000 })
        .catch(() => undefined)
        .finally(() => {
          outstanding--;
          setImmediate(pump);
        });
    }
  };
  pump();
}

// ---------------------------------------------------------------- parent

function spawnChild(args: string[]): Promise<{ child: ChildProcess; info: Record<string, unknown> }> {
  const runner = resolve(SELF, "..", "..", "bin", "run-ts.js");
  // execArgv is passed on so `node --cpu-prof bin/run-ts.js bench/index.ts network` profiles children too
  const child = spawn(process.execPath, [...process.execArgv, runner, SELF, ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((res, rej) => {
    let buf = "";
    const timer = setTimeout(() => rej(new Error(`child ${args[0]} did not start in 120 s`)), 120_000);
    child.stdout!.on("data", (d) => {
      buf += String(d);
      const nl = buf.indexOf("\n");
      if (nl >= 0) {
        clearTimeout(timer);
        res({ child, info: JSON.parse(buf.slice(0, nl)) });
      }
    });
    child.on("exit", (code) => rej(new Error(`child ${args[0]} exited with ${code}`)));
  });
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface LatencyResult {
  p50_us: number;
  p99_us: number;
  req_per_s: number;
}

async function measure(
  call: (payload: Uint8Array) => Promise<void>,
  payloadBytes: number,
  quick: boolean,
): Promise<LatencyResult> {
  const payload = new Uint8Array(payloadBytes).fill(7);
  const small = payloadBytes <= 4096;
  const iters = small ? (quick ? 500 : 3000) : quick ? 30 : 150;
  for (let i = 0; i < Math.min(100, iters); i++) await call(payload); // warm-up
  const lat: number[] = [];
  const budget = Date.now() + 20_000;
  for (let i = 0; i < iters && Date.now() < budget; i++) {
    const t0 = performance.now();
    await call(payload);
    lat.push((performance.now() - t0) * 1000);
  }
  lat.sort((a, b) => a - b);
  // throughput: keep `window` requests in flight on the one connection
  const window = small ? 256 : 8;
  const total = small ? (quick ? 20_000 : 60_000) : quick ? 100 : 400;
  let done = 0;
  let started = 0;
  const t0 = performance.now();
  const tEnd = Date.now() + 20_000;
  await new Promise<void>((res, rej) => {
    const launch = (): void => {
      while (started - done < window && started < total && Date.now() < tEnd) {
        started++;
        call(payload).then(() => {
          done++;
          if (done === started && (started >= total || Date.now() >= tEnd)) res();
          else launch();
        }, rej);
      }
    };
    launch();
  });
  const secs = (performance.now() - t0) / 1000;
  return {
    p50_us: Math.round(pct(lat, 50)),
    p99_us: Math.round(pct(lat, 99)),
    req_per_s: Math.round(done / secs),
  };
}

/** A pipelined client for the bare TCP echo: responses come back in order. */
async function bareClient(
  port: number,
): Promise<{ call: (p: Uint8Array) => Promise<void>; close: () => void }> {
  const sock = tcpConnect(port, "127.0.0.1");
  sock.setNoDelay(true);
  await new Promise<void>((r) => sock.once("connect", () => r()));
  const waiting: (() => void)[] = [];
  const dec = new FrameDecoder(4 * 1024 * 1024);
  sock.on("data", (chunk) => {
    for (const _ of dec.push(chunk)) waiting.shift()?.();
  });
  return {
    call: (p) =>
      new Promise<void>((res) => {
        waiting.push(res);
        sock.write(encodeFrame(p));
      }),
    close: () => sock.destroy(),
  };
}

async function pointToPoint(quick: boolean): Promise<Record<string, unknown>[]> {
  const { child, info } = await spawnChild(["--child", "serve"]);
  const client = await node("bench-client", {
    maxFrameBytes: 2 * 1024 * 1024,
    maxRequestBytes: 2 * 1024 * 1024,
  });
  const bare = await bareClient(info.port as number);
  const addr = info.addr as string;
  await client.connect(addr);
  const results: Record<string, unknown>[] = [];
  try {
    for (const bytes of [1024, 1024 * 1024]) {
      const b = await measure(bare.call, bytes, quick);
      results.push({ case: "bare_tcp", payload_bytes: bytes, ...b });
      const a = await measure(
        async (p) => {
          await client.requestRaw(addr, ROUTE, p, { timeoutMs: 30_000 });
        },
        bytes,
        quick,
      );
      results.push({
        case: "auth_query",
        payload_bytes: bytes,
        ...a,
        p50_vs_bare: +(a.p50_us / b.p50_us).toFixed(2),
      });
    }
  } finally {
    bare.close();
    await client.stop();
    child.kill();
  }
  return results;
}

async function fanout(quick: boolean): Promise<Record<string, unknown>[]> {
  const { child, info } = await spawnChild(["--child", "fanout"]);
  const addrs = info.addrs as string[];
  const client = await node("bench-client", { maxConnections: 2048 });
  const results: Record<string, unknown>[] = [];
  try {
    const t0 = performance.now();
    // in batches: each handshake costs an sr25519 verification on both sides
    for (let i = 0; i < addrs.length; i += 16) {
      await Promise.all(
        addrs.slice(i, i + 16).map((a) => client.connect(a, { signal: AbortSignal.timeout(60_000) })),
      );
    }
    const connectMs = performance.now() - t0;
    for (const timeoutMs of [100, 500]) {
      // Connections stay open between rounds, as a validator keeps them: the first round is
      // reported on its own, the percentiles cover the steady-state rounds after it.
      const round = async (): Promise<number> => {
        const s = performance.now();
        await Promise.allSettled(
          addrs.map((a) => client.requestRaw(a, ROUTE, new Uint8Array(256), { timeoutMs })),
        );
        return performance.now() - s;
      };
      const first = await round();
      const rounds: number[] = [];
      for (let r = 0; r < (quick ? 5 : 20); r++) rounds.push(await round());
      rounds.sort((a, b) => a - b);
      results.push({
        case: "fanout",
        miners: addrs.length,
        timeout_ms: timeoutMs,
        first_round_ms: +first.toFixed(1),
        p50_ms: +pct(rounds, 50).toFixed(1),
        p99_ms: +pct(rounds, 99).toFixed(1),
        connect_all_ms: Math.round(connectMs),
      });
    }
  } finally {
    await client.stop();
    child.kill();
  }
  return results;
}

async function flood(quick: boolean): Promise<Record<string, unknown>[]> {
  const { child, info } = await spawnChild(["--child", "serve"]);
  const addr = info.addr as string;
  const client = await node("bench-client");
  await client.connect(addr);
  const payload = new Uint8Array(1024);
  const sample = async (): Promise<number> => {
    const lat: number[] = [];
    const n = quick ? 300 : 1500;
    const until = Date.now() + 15_000;
    for (let i = 0; i < n && Date.now() < until; i++) {
      const t0 = performance.now();
      await client.requestRaw(addr, ROUTE, payload);
      lat.push(performance.now() - t0);
    }
    return pct(
      lat.sort((a, b) => a - b),
      99,
    );
  };
  let flooder: ChildProcess | undefined;
  try {
    await sample(); // warm-up
    const quiet = await sample();
    flooder = (await spawnChild(["--child", "flood", addr])).child;
    await new Promise((r) => setTimeout(r, 1000));
    const loud = await sample();
    return [
      {
        case: "flood",
        honest_p99_quiet_ms: +quiet.toFixed(3),
        honest_p99_flood_ms: +loud.toFixed(3),
        ratio: +(loud / quiet).toFixed(2),
      },
    ];
  } finally {
    flooder?.kill();
    await client.stop();
    child.kill();
  }
}

export async function run(args: string[]): Promise<BenchOutput> {
  const quick = args.includes("--quick");
  const only = args.find((a) => ["p2p", "fanout", "flood"].includes(a));
  const results: Record<string, unknown>[] = [];
  if (only === undefined || only === "p2p") results.push(...(await pointToPoint(quick)));
  if (only === undefined || only === "fanout") results.push(...(await fanout(quick)));
  if (only === undefined || only === "flood") results.push(...(await flood(quick)));
  // the machine may be shared: record its load next to the figures
  for (const r of results) r.load_avg_1m = +loadavg()[0]!.toFixed(2);
  const table = results
    .map((r) =>
      Object.entries(r)
        .map(([k, v]) => `${k}=${v}`)
        .join("  "),
    )
    .join("\n");
  return { table, results };
}

// Child mode: this file re-executed by spawnChild (never on import).
if (
  process.argv[1] !== undefined &&
  pathToFileURL(process.argv[1]).href === import.meta.url &&
  process.argv[2] === "--child"
) {
  const [mode, target] = process.argv.slice(3);
  // the parent holds our stdin open; when it goes away (killed, crashed), so do we
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
  // exit normally on kill, so that a --cpu-prof profile of the child is written
  process.on("SIGTERM", () => process.exit(0));
  const main = mode === "serve" ? childServe() : mode === "fanout" ? childFanout() : childFlood(target!);
  main.catch((err) => {
    process.stderr.write(`bench child ${mode} failed: ${err}\n`);
    process.exit(1);
  });
}
