import { ApiPromise, WsProvider } from "@polkadot/api";
import { allExtensions } from "@polkadot/types/extrinsic/signedExtensions";
import { backoffMs, sleep, withDeadline } from "../async.ts";
import { ChainConnectionError, UnsupportedRuntimeError } from "../errors.ts";
import type { ChainClientOptions } from "../options.ts";
import { allKnownExtensions, extensionsFor } from "./known.ts";

/**
 * One WebSocket connection to a subtensor node, kept open: the first connect retries with
 * exponential backoff, and a dropped socket is reconnected the same way in the background
 * (polkadot-js then re-reads the runtime and resubscribes). Reads and writes call `whenConnected`
 * and `isConnectionError` to ride over a drop.
 */
export class Connection {
  readonly endpoint: string;
  #opts: ChainClientOptions;
  #provider: WsProvider | undefined;
  #api: ApiPromise | undefined;
  #closing = false;
  #reconnecting: Promise<void> | undefined;

  constructor(endpoint: string, opts: ChainClientOptions) {
    this.endpoint = endpoint;
    this.#opts = opts;
  }

  get api(): ApiPromise {
    if (this.#api === undefined)
      throw new ChainConnectionError(this.endpoint, 0, new Error("not connected: call connect() first"));
    return this.#api;
  }

  /** Raw JSON-RPC send (no polkadot-js error logging; used for submissions). */
  send<T>(method: string, params: unknown[]): Promise<T> {
    if (this.#provider === undefined)
      return Promise.reject(new ChainConnectionError(this.endpoint, 0, new Error("not connected")));
    return this.#provider.send<T>(method, params);
  }

  get isConnected(): boolean {
    return this.#provider?.isConnected === true;
  }

  async connect(signal?: AbortSignal): Promise<void> {
    if (this.#api !== undefined) return this.whenConnected(signal);
    this.#closing = false;
    const provider = new WsProvider(this.endpoint, false, {}, this.#opts.readTimeoutMs);
    this.#provider = provider;
    await this.#openWithBackoff(provider, this.#opts.connectAttempts, signal);
    try {
      this.#api = await withDeadline("runtime metadata", this.#opts.connectTimeoutMs, signal, () =>
        ApiPromise.create({
          provider,
          signedExtensions: allKnownExtensions(),
          noInitWarn: true,
          throwOnConnect: true,
        }),
      );
    } catch (err) {
      await provider.disconnect().catch(() => undefined);
      this.#provider = undefined;
      throw err;
    }
    checkExtensions(this.#api);
    provider.on("disconnected", () => {
      if (!this.#closing) this.#reconnecting ??= this.#reconnect(provider);
    });
  }

  async disconnect(): Promise<void> {
    this.#closing = true;
    const api = this.#api;
    this.#api = undefined;
    this.#provider = undefined;
    await api?.disconnect().catch(() => undefined);
  }

  /** Resolves when the socket is open (waiting for a reconnection in progress). */
  async whenConnected(signal?: AbortSignal): Promise<void> {
    if (this.isConnected) {
      await this.#api?.isReady;
      return;
    }
    const pending =
      this.#reconnecting ?? (this.#provider === undefined ? undefined : this.#reconnect(this.#provider));
    if (pending === undefined) throw new ChainConnectionError(this.endpoint, 0, new Error("not connected"));
    await withDeadline(
      "reconnection",
      this.#opts.connectTimeoutMs * this.#opts.connectAttempts,
      signal,
      () => pending,
    );
    if (!this.isConnected) throw new ChainConnectionError(this.endpoint, 0, new Error("connection closed"));
    await this.#api?.isReady;
  }

  /** Never rejects: callers learn the outcome from `isConnected` (the loop ends on disconnect()). */
  async #reconnect(provider: WsProvider): Promise<void> {
    try {
      // Keeps trying while the client is open; each attempt is bounded, delays are capped.
      await this.#openWithBackoff(provider, Number.POSITIVE_INFINITY);
      await this.#api?.isReady;
    } catch {
      // Closed by disconnect(): nothing to report.
    } finally {
      this.#reconnecting = undefined;
    }
  }

  async #openWithBackoff(provider: WsProvider, attempts: number, signal?: AbortSignal): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts && !this.#closing; attempt++) {
      if (attempt > 0)
        await sleep(
          backoffMs(attempt - 1, this.#opts.initialBackoffMs, this.#opts.maxBackoffMs),
          signal,
          "connect",
        );
      try {
        await withDeadline("connect", this.#opts.connectTimeoutMs, signal, () => openOnce(provider));
        return;
      } catch (err) {
        if ((err as { name?: string }).name === "AbortError") throw err;
        lastError = err;
      }
    }
    throw new ChainConnectionError(this.endpoint, attempts, lastError);
  }
}

/** One socket attempt: resolves on `connected`, rejects on `error`/`disconnected`. */
function openOnce(provider: WsProvider): Promise<void> {
  if (provider.isConnected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const offs: Array<() => void> = [];
    const done = (err?: unknown) => {
      for (const off of offs) off();
      err === undefined ? resolve() : reject(err);
    };
    offs.push(provider.on("connected", () => done()));
    offs.push(provider.on("error", (e: unknown) => done(e ?? new Error("socket error"))));
    offs.push(provider.on("disconnected", () => done(new Error("socket closed"))));
    provider.connect().catch(done);
  });
}

/** Polkadot-js errors that mean "the socket went away" rather than "the node said no". */
export function isConnectionError(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return /disconnected|not connected|WebSocket is not|socket closed|ECONNREFUSED|ECONNRESET|1006|No response received/i.test(
    msg,
  );
}

/**
 * Fail fast on a runtime whose transaction extensions plexus cannot encode: every identifier in
 * the metadata must be known to polkadot-js or declared in known.ts, and declared shapes must
 * match the metadata (empty vs carrying data).
 */
function checkExtensions(api: ApiPromise): void {
  const spec = api.runtimeVersion.specVersion.toNumber();
  const declared = extensionsFor(spec);
  // biome-ignore lint/suspicious/noExplicitAny: the extrinsic metadata shape differs between metadata versions
  const ext = api.registry.metadata.extrinsic as any;
  const list: Array<{ identifier: { toString(): string }; type: unknown }> =
    ext.transactionExtensions ?? ext.signedExtensions ?? [];
  for (const e of list) {
    const id = e.identifier.toString();
    const def = declared[id];
    const si = api.registry.lookup.getSiType(e.type as number);
    const empty =
      (si.def.isComposite && si.def.asComposite.fields.length === 0) ||
      (si.def.isTuple && si.def.asTuple.length === 0);
    if (def !== undefined) {
      if ((Object.keys(def.extrinsic).length === 0) !== empty) {
        throw new UnsupportedRuntimeError(
          `transaction extension ${id}`,
          spec,
          "its shape changed: update node/chain/subtensor/known.ts",
        );
      }
    } else if (!(id in allExtensions) && !empty) {
      throw new UnsupportedRuntimeError(
        `transaction extension ${id}`,
        spec,
        "unknown extension with data: add it to node/chain/subtensor/known.ts",
      );
    }
  }
}
