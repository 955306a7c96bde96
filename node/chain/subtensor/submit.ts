import type { ApiPromise } from "@polkadot/api";
import type { SubmittableExtrinsic } from "@polkadot/api/types";
import type { DispatchError, EventRecord } from "@polkadot/types/interfaces";
import { sleep, withDeadline } from "../async.ts";
import { ChainError } from "../errors.ts";
import type { ChainClientOptions } from "../options.ts";
import type { ChainEvent, ChainSigner, TxOptions, TxReceipt } from "../types.ts";
import { type Connection, isConnectionError } from "./connection.ts";
import { dispatchErrorToChainError, poolError, poolErrorName } from "./decode-error.ts";

/** Nonces handed out per account, so that back-to-back writes never reuse one (fixtures fact 5). */
export class NonceTracker {
  #next = new Map<string, number>();
  #locks = new Map<string, Promise<unknown>>();

  /** Runs `fn` with the account's next nonce, one at a time per account. */
  async withNonce<T>(api: ApiPromise, address: string, fn: (nonce: number) => Promise<T>): Promise<T> {
    const prev = this.#locks.get(address) ?? Promise.resolve();
    const run = prev
      .catch(() => undefined)
      .then(async () => {
        const remote = (await api.rpc.system.accountNextIndex(address)).toNumber();
        const nonce = Math.max(remote, this.#next.get(address) ?? 0);
        const out = await fn(nonce);
        this.#next.set(address, nonce + 1);
        return out;
      });
    this.#locks.set(address, run);
    try {
      return await run;
    } catch (err) {
      this.#next.delete(address);
      throw err;
    }
  }
}

/** Blocks between inclusion scans when no new-head notification arrives (a safety net). */
const POLL_MS = 500;

/**
 * Signs once, submits, and waits until the extrinsic is in a block; returns its receipt or throws
 * the decoded ChainError. Safe to retry: the signed bytes (one nonce, one hash) are reused after a
 * dropped connection, and before resubmitting, the blocks since submission are scanned for that
 * hash, so a transaction is never sent twice under different nonces.
 */
export async function submitAndWatch(
  conn: Connection,
  nonces: NonceTracker,
  opts: ChainClientOptions,
  signer: ChainSigner,
  what: string,
  build: (api: ApiPromise) => SubmittableExtrinsic<"promise">,
  txOpts: TxOptions = {},
): Promise<TxReceipt> {
  return withDeadline(what, txOpts.timeoutMs ?? opts.txTimeoutMs, txOpts.signal, async (signal) => {
    await conn.whenConnected(signal);
    const api = conn.api;
    const specVersion = api.runtimeVersion.specVersion.toNumber();
    const header = await api.rpc.chain.getHeader();
    const startBlock = header.number.toNumber();
    // Sign and first submission under the account's nonce lock.
    const signed = await nonces.withNonce(api, signer.address, async (nonce) => {
      const tx = build(api);
      await tx.signAsync(signer, {
        nonce,
        blockHash: header.hash,
        era: api.createType("ExtrinsicEra", { current: startBlock, period: opts.eraPeriod }),
      });
      const hex = tx.toHex();
      const hash = tx.hash.toHex();
      const outcome = await trySubmit(conn, specVersion, hex);
      if (outcome.kind === "rejected" && outcome.name !== "AlreadyImported" && outcome.name !== "Stale") {
        throw poolError(specVersion, outcome.message, hash, outcome.cause);
      }
      return { hex, hash, needsResubmit: outcome.kind === "dropped" };
    });
    const watch = { scannedUpTo: startBlock, needsResubmit: signed.needsResubmit };
    for (;;) {
      // The deadline already rejected the caller's promise; stop working.
      signal.throwIfAborted();
      try {
        await conn.whenConnected(signal);
        const found = await scan(conn.api, signed.hash, watch);
        if (found !== undefined) return receiptOrThrow(conn.api, signed.hash, found);
        if (watch.scannedUpTo > startBlock + opts.eraPeriod) {
          throw new ChainError("CHAIN_TX_INVALID", {
            pallet: "TransactionPool",
            errorName: "Stale",
            detail: `not included before its mortality (${opts.eraPeriod} blocks) ended`,
            meta: { txHash: signed.hash },
          });
        }
        if (watch.needsResubmit) {
          // Not in any block since submission: send the same bytes again (same nonce, same hash).
          const outcome = await trySubmit(conn, specVersion, signed.hex);
          if (outcome.kind === "dropped") continue;
          watch.needsResubmit = false;
          if (outcome.kind === "rejected" && outcome.name !== "AlreadyImported") {
            if (outcome.name === "Stale") {
              // Its nonce is used: either it landed after our scan, or it never will.
              const late = await scan(conn.api, signed.hash, watch);
              if (late !== undefined) return receiptOrThrow(conn.api, signed.hash, late);
            }
            throw poolError(specVersion, outcome.message, signed.hash, outcome.cause);
          }
        }
        await waitForNewHead(conn.api, watch.scannedUpTo, signal);
      } catch (err) {
        if (!isConnectionError(err)) throw err;
        watch.needsResubmit = true;
        await sleep(50, signal, what);
      }
    }
  });
}

type SubmitOutcome =
  | { kind: "sent" }
  | { kind: "dropped" }
  | { kind: "rejected"; name: string; message: string; cause: unknown };

async function trySubmit(conn: Connection, specVersion: number, hex: string): Promise<SubmitOutcome> {
  try {
    await conn.send("author_submitExtrinsic", [hex]);
    return { kind: "sent" };
  } catch (err) {
    if (isConnectionError(err)) return { kind: "dropped" };
    const message = err instanceof Error ? err.message : String(err);
    return { kind: "rejected", name: poolErrorName(specVersion, message), message, cause: err };
  }
}

interface Found {
  blockHash: string;
  blockNumber: number;
  index: number;
}

/** Looks for the extrinsic hash in the blocks after `watch.scannedUpTo`, up to the best block. */
async function scan(
  api: ApiPromise,
  txHash: string,
  watch: { scannedUpTo: number },
): Promise<Found | undefined> {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let n = watch.scannedUpTo + 1; n <= best; n++) {
    const blockHash = await api.rpc.chain.getBlockHash(n);
    const block = await api.rpc.chain.getBlock(blockHash);
    const index = block.block.extrinsics.findIndex((ex) => ex.hash.toHex() === txHash);
    watch.scannedUpTo = n;
    if (index >= 0) return { blockHash: blockHash.toHex(), blockNumber: n, index };
  }
  return undefined;
}

async function receiptOrThrow(api: ApiPromise, txHash: string, found: Found): Promise<TxReceipt> {
  const records = (await api.query.system!.events!.at(found.blockHash)) as unknown as EventRecord[];
  const mine = records.filter(
    (r) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === found.index,
  );
  for (const { event } of mine) {
    if (api.events.system.ExtrinsicFailed.is(event)) {
      throw dispatchErrorToChainError(api, event.data[0] as unknown as DispatchError, txHash);
    }
    // sudo reports the inner call's result in Sudid while the extrinsic itself succeeds.
    if (event.section === "sudo" && event.method === "Sudid") {
      const result = event.data[0] as unknown as { isErr: boolean; asErr: DispatchError };
      if (result.isErr) throw dispatchErrorToChainError(api, result.asErr, txHash);
    }
  }
  const events: ChainEvent[] = mine.map(({ event }) => ({
    section: event.section,
    method: event.method,
    data: event.data.map((d) => d.toJSON()),
  }));
  return { txHash, blockHash: found.blockHash, blockNumber: found.blockNumber, events };
}

/** Resolves when the best block passes `after` (new-head subscription, with a polling fallback). */
async function waitForNewHead(api: ApiPromise, after: number, signal: AbortSignal): Promise<void> {
  let unsub: (() => void) | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        api.rpc.chain
          .subscribeNewHeads((h) => {
            if (h.number.toNumber() > after) resolve();
          })
          .then((u) => {
            unsub = u;
          }, reject);
      }),
      sleep(POLL_MS, signal),
    ]);
  } finally {
    unsub?.();
  }
}
