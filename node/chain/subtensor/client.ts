import type { ApiPromise } from "@polkadot/api";
import type { SubmittableExtrinsic } from "@polkadot/api/types";
import { NotImplementedError } from "../../../sim/errors.ts";
import { withDeadline } from "../async.ts";
import { ChainError, UnsupportedRuntimeError } from "../errors.ts";
import { axonAddressError, encodeIp } from "../ip.ts";
import { type ChainClientOptions, defaultChainClientOptions, PLEXUS_AXON_PROTOCOL } from "../options.ts";
import type {
  CallOptions,
  ChainClient,
  ChainInfo,
  ChainSigner,
  Metagraph,
  MetagraphOptions,
  MoveStakeParams,
  RevealWeightsParams,
  ServeParams,
  SetWeightsParams,
  SubnetHyperparameters,
  SudoHyperparameterParams,
  TransferParams,
  TxOptions,
  TxReceipt,
} from "../types.ts";
import { checkAddress, checkRao, checkU16, checkU16Array } from "../validate.ts";
import { Connection, isConnectionError } from "./connection.ts";
import { ADMIN_SETTERS, SS58_PREFIX } from "./known.ts";
import { readHyperparameters, readMetagraph, readSparseRows } from "./reads.ts";
import { NonceTracker, submitAndWatch } from "./submit.ts";

/**
 * ChainClient over a subtensor node (WebSocket JSON-RPC, @polkadot/api 16). Every call and
 * storage item is looked up by name in the runtime metadata, so one client serves spec 293 and
 * spec 425; runtime differences are the data tables in known.ts.
 */
export class SubtensorClient implements ChainClient {
  readonly adapter = "subtensor" as const;
  readonly opts: ChainClientOptions;
  #conn: Connection;
  #nonces = new NonceTracker();

  constructor(endpoint: string, opts: Partial<ChainClientOptions> = {}) {
    this.opts = { ...defaultChainClientOptions, ...opts };
    this.#conn = new Connection(endpoint, this.opts);
  }

  /** The connection (raw JSON-RPC `send`, e.g. chopsticks' dev_* methods in tests and benches). */
  get connection(): Connection {
    return this.#conn;
  }

  /** The underlying polkadot-js API (escape hatch for calls plexus does not wrap). */
  get api(): ApiPromise {
    return this.#conn.api;
  }

  connect(opts: CallOptions = {}): Promise<void> {
    return this.#conn.connect(opts.signal);
  }

  disconnect(): Promise<void> {
    return this.#conn.disconnect();
  }

  /** Runs a read, riding over a dropped connection (reconnect, then retry once per drop). */
  #read<T>(what: string, opts: CallOptions, fn: (api: ApiPromise) => Promise<T>): Promise<T> {
    return withDeadline(what, opts.timeoutMs ?? this.opts.readTimeoutMs, opts.signal, async (signal) => {
      for (;;) {
        await this.#conn.whenConnected(signal);
        try {
          return await fn(this.#conn.api);
        } catch (err) {
          if (!isConnectionError(err)) throw err;
        }
      }
    });
  }

  info(opts: CallOptions = {}): Promise<ChainInfo> {
    return this.#read("chain info", opts, async (api) => {
      const header = await api.rpc.chain.getHeader();
      const v = api.runtimeVersion;
      return {
        adapter: this.adapter,
        specName: v.specName.toString(),
        specVersion: v.specVersion.toNumber(),
        transactionVersion: v.transactionVersion.toNumber(),
        genesisHash: api.genesisHash.toHex(),
        block: header.number.toNumber(),
        ss58Prefix: SS58_PREFIX,
        tokenDecimals: api.registry.chainDecimals[0] ?? 9,
      };
    });
  }

  currentBlock(opts: CallOptions = {}): Promise<number> {
    return this.#read("current block", opts, async (api) =>
      (await api.rpc.chain.getHeader()).number.toNumber(),
    );
  }

  subscribeBlocks(onBlock: (block: number) => void): () => void {
    let unsub: (() => void) | undefined;
    let stopped = false;
    this.#conn.api.rpc.chain
      .subscribeNewHeads((h) => onBlock(h.number.toNumber()))
      .then((u) => {
        if (stopped) u();
        else unsub = u;
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
      unsub?.();
    };
  }

  waitForBlock(block: number, opts: CallOptions = {}): Promise<number> {
    return withDeadline(
      `block ${block}`,
      opts.timeoutMs ?? this.opts.txTimeoutMs,
      opts.signal,
      async (signal) => {
        for (;;) {
          const now = await this.currentBlock({ signal });
          if (now >= block) return now;
          await new Promise<void>((resolve) => {
            const off = this.subscribeBlocks((b) => {
              if (b >= block) {
                off();
                resolve();
              }
            });
            setTimeout(() => {
              off();
              resolve();
            }, 1000);
          });
        }
      },
    );
  }

  balance(address: string, opts: CallOptions = {}): Promise<bigint> {
    checkAddress("address", address);
    return this.#read("balance", opts, async (api) => {
      const account = (await api.query.system!.account!(address)) as unknown as {
        data: { free: { toBigInt(): bigint } };
      };
      return account.data.free.toBigInt();
    });
  }

  subnets(opts: CallOptions = {}): Promise<number[]> {
    return this.#read("subnets", opts, async (api) => {
      const entries = await api.query.subtensorModule!.networksAdded!.entries();
      return entries
        .filter(([, added]) => added.toString() === "true")
        .map(([key]) => Number(key.args[0]?.toString()))
        .sort((a, b) => a - b);
    });
  }

  hyperparameters(netuid: number, opts: CallOptions = {}): Promise<SubnetHyperparameters> {
    checkU16("netuid", netuid);
    return this.#read("hyperparameters", opts, (api) => readHyperparameters(api, netuid));
  }

  metagraph(netuid: number, opts: MetagraphOptions = {}): Promise<Metagraph> {
    checkU16("netuid", netuid);
    return this.#read("metagraph", opts, async (api) => {
      const [m, weights, bonds] = await Promise.all([
        readMetagraph(api, (m, p) => this.#conn.send(m, p), netuid, this.opts.metagraphSource),
        opts.weights ? readSparseRows(api, "weights", netuid, 0xffff) : undefined,
        opts.bonds ? readSparseRows(api, "bonds", netuid, 0xffff) : undefined,
      ]);
      if (weights !== undefined) m.weights = weights.slice(0, m.n);
      if (bonds !== undefined) m.bonds = bonds.slice(0, m.n);
      return m;
    });
  }

  stakeOf(
    params: { hotkey: string; coldkey: string; netuid: number },
    opts: CallOptions = {},
  ): Promise<bigint> {
    checkAddress("hotkey", params.hotkey);
    checkAddress("coldkey", params.coldkey);
    return this.#read("stake", opts, async (api) => {
      const fn = api.call.stakeInfoRuntimeApi?.getStakeInfoForHotkeyColdkeyNetuid;
      if (fn === undefined)
        throw new UnsupportedRuntimeError(
          "StakeInfoRuntimeApi.get_stake_info_for_hotkey_coldkey_netuid",
          api.runtimeVersion.specVersion.toNumber(),
          "upgrade the node",
        );
      const info = (await fn(params.hotkey, params.coldkey, params.netuid)) as unknown as {
        isNone: boolean;
        unwrap(): { stake: { toString(): string } };
      };
      return info.isNone ? 0n : BigInt(info.unwrap().stake.toString());
    });
  }

  uidOf(netuid: number, hotkey: string, opts: CallOptions = {}): Promise<number | null> {
    checkU16("netuid", netuid);
    checkAddress("hotkey", hotkey);
    return this.#read("uid", opts, async (api) => {
      const uid = (await api.query.subtensorModule!.uids!(netuid, hotkey)) as unknown as {
        isSome: boolean;
        unwrap(): { toNumber(): number };
      };
      return uid.isSome ? uid.unwrap().toNumber() : null;
    });
  }

  #write(
    signer: ChainSigner,
    what: string,
    opts: TxOptions,
    build: (api: ApiPromise) => SubmittableExtrinsic<"promise">,
  ): Promise<TxReceipt> {
    return submitAndWatch(this.#conn, this.#nonces, this.opts, signer, what, build, opts);
  }

  transfer(signer: ChainSigner, p: TransferParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkAddress("dest", p.dest);
    checkRao("amountRao", p.amountRao);
    return this.#write(signer, "transfer", opts, (api) =>
      txOf(
        api,
        "balances",
        p.keepAlive === false ? "transferAllowDeath" : "transferKeepAlive",
      )(p.dest, p.amountRao),
    );
  }

  async registerNetwork(
    signer: ChainSigner,
    p: { hotkey: string },
    opts: TxOptions = {},
  ): Promise<TxReceipt & { netuid: number }> {
    checkAddress("hotkey", p.hotkey);
    const r = await this.#write(signer, "register_network", opts, (api) =>
      txOf(api, "subtensorModule", "registerNetwork")(p.hotkey),
    );
    const added = r.events.find((e) => e.section === "subtensorModule" && e.method === "NetworkAdded");
    return { ...r, netuid: Number(added?.data[0]) };
  }

  startCall(signer: ChainSigner, p: { netuid: number }, opts: TxOptions = {}): Promise<TxReceipt> {
    checkU16("netuid", p.netuid);
    return this.#write(signer, "start_call", opts, (api) =>
      txOf(api, "subtensorModule", "startCall")(p.netuid),
    );
  }

  async burnedRegister(
    signer: ChainSigner,
    p: { netuid: number; hotkey: string },
    opts: TxOptions = {},
  ): Promise<TxReceipt & { uid: number }> {
    checkU16("netuid", p.netuid);
    checkAddress("hotkey", p.hotkey);
    const r = await this.#write(signer, "burned_register", opts, (api) =>
      txOf(api, "subtensorModule", "burnedRegister")(p.netuid, p.hotkey),
    );
    const ev = r.events.find((e) => e.section === "subtensorModule" && e.method === "NeuronRegistered");
    return { ...r, uid: Number(ev?.data[1]) };
  }

  serveAxon(signer: ChainSigner, p: ServeParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkU16("netuid", p.netuid);
    checkU16("port", p.port);
    const { ip, ipType } = encodeIp(p.ip);
    const local = axonAddressError(ip, ipType, p.port);
    if (local !== undefined)
      return Promise.reject(
        new ChainError("CHAIN_TX_INVALID", {
          pallet: "SubtensorModule",
          errorName: local,
          meta: { ip: p.ip, port: p.port },
        }),
      );
    return this.#write(signer, "serve_axon", opts, (api) =>
      txOf(api, "subtensorModule", "serveAxon")(
        p.netuid,
        p.version ?? 0,
        ip,
        p.port,
        ipType,
        p.protocol ?? PLEXUS_AXON_PROTOCOL,
        0,
        0,
      ),
    );
  }

  addStake(
    signer: ChainSigner,
    p: { hotkey: string; netuid: number; amountRao: bigint },
    opts: TxOptions = {},
  ): Promise<TxReceipt> {
    checkAddress("hotkey", p.hotkey);
    checkU16("netuid", p.netuid);
    checkRao("amountRao", p.amountRao);
    return this.#write(signer, "add_stake", opts, (api) =>
      txOf(api, "subtensorModule", "addStake")(p.hotkey, p.netuid, p.amountRao),
    );
  }

  removeStake(
    signer: ChainSigner,
    p: { hotkey: string; netuid: number; amountAlpha: bigint },
    opts: TxOptions = {},
  ): Promise<TxReceipt> {
    checkAddress("hotkey", p.hotkey);
    checkU16("netuid", p.netuid);
    checkRao("amountAlpha", p.amountAlpha);
    return this.#write(signer, "remove_stake", opts, (api) =>
      txOf(api, "subtensorModule", "removeStake")(p.hotkey, p.netuid, p.amountAlpha),
    );
  }

  moveStake(signer: ChainSigner, p: MoveStakeParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkAddress("originHotkey", p.originHotkey);
    checkAddress("destinationHotkey", p.destinationHotkey);
    checkU16("originNetuid", p.originNetuid);
    checkU16("destinationNetuid", p.destinationNetuid);
    checkRao("amountAlpha", p.amountAlpha);
    return this.#write(signer, "move_stake", opts, (api) =>
      txOf(api, "subtensorModule", "moveStake")(
        p.originHotkey,
        p.destinationHotkey,
        p.originNetuid,
        p.destinationNetuid,
        p.amountAlpha,
      ),
    );
  }

  setWeights(signer: ChainSigner, p: SetWeightsParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkWeights(p);
    return this.#write(signer, "set_weights", opts, (api) =>
      txOf(api, "subtensorModule", "setWeights")(p.netuid, p.uids, p.weights, p.versionKey ?? 0n),
    );
  }

  commitWeights(
    signer: ChainSigner,
    p: { netuid: number; commitHash: `0x${string}` },
    opts: TxOptions = {},
  ): Promise<TxReceipt> {
    checkU16("netuid", p.netuid);
    return this.#write(signer, "commit_weights", opts, (api) =>
      txOf(api, "subtensorModule", "commitWeights")(p.netuid, p.commitHash),
    );
  }

  revealWeights(signer: ChainSigner, p: RevealWeightsParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkWeights(p);
    checkU16Array("salt", p.salt);
    return this.#write(signer, "reveal_weights", opts, (api) =>
      txOf(api, "subtensorModule", "revealWeights")(p.netuid, p.uids, p.weights, p.salt, p.versionKey ?? 0n),
    );
  }

  commitTimelockedWeights(): Promise<TxReceipt> {
    return Promise.reject(timelockNotImplemented());
  }

  sudoSetHyperparameter(
    signer: ChainSigner,
    p: SudoHyperparameterParams,
    opts: TxOptions = {},
  ): Promise<TxReceipt> {
    const setter = ADMIN_SETTERS[p.name];
    if (setter === undefined)
      return Promise.reject(
        new ChainError("CHAIN_TX_INVALID", {
          pallet: "AdminUtils",
          errorName: "UnknownHyperparameter",
          meta: { name: p.name },
        }),
      );
    const value = typeof p.value === "boolean" ? p.value : BigInt(p.value);
    return this.#write(signer, `sudo ${setter.call}`, opts, (api) => {
      const inner = setter.perSubnet
        ? txOf(api, "adminUtils", setter.call)(p.netuid, value)
        : txOf(api, "adminUtils", setter.call)(value);
      return txOf(api, "sudo", "sudo")(inner);
    });
  }
}

function checkWeights(p: SetWeightsParams): void {
  checkU16("netuid", p.netuid);
  checkU16Array("uids", p.uids);
  checkU16Array("weights", p.weights);
  if (p.versionKey !== undefined) checkRao("versionKey", p.versionKey);
}

/** A transaction constructor looked up by pallet and call name in the runtime metadata. */
function txOf(
  api: ApiPromise,
  pallet: string,
  call: string,
): (...args: unknown[]) => SubmittableExtrinsic<"promise"> {
  const fn = api.tx[pallet]?.[call];
  if (fn === undefined)
    throw new UnsupportedRuntimeError(
      `${pallet}.${call}`,
      api.runtimeVersion.specVersion.toNumber(),
      "this runtime does not have that call",
    );
  return fn as unknown as (...args: unknown[]) => SubmittableExtrinsic<"promise">;
}

export function timelockNotImplemented(): NotImplementedError {
  return new NotImplementedError(
    "timelocked weight commits (commit-reveal v3/v4)",
    "they need drand quicknet timelock (tlock, BLS12-381) encryption, which plexus does not ship; use hash commit-reveal (commitWeights/revealWeights) where the subnet accepts it, or disable commit-reveal on test subnets",
  );
}
