import { u8aToHex } from "@polkadot/util";
import { blake2AsHex } from "@polkadot/util-crypto";
import { RegistrationError, StakeError, SwapError } from "../../../sim/emission/errors.ts";
import { registerNetwork, registerNeuron, startCall } from "../../../sim/emission/registration.ts";
import { hotkeyStake, stakeOf } from "../../../sim/emission/stakes.ts";
import { addStake, moveStake, removeStake } from "../../../sim/emission/staking.ts";
import { balanceOf, type ChainState, createState, type SubnetState } from "../../../sim/emission/state.ts";
import { step } from "../../../sim/emission/step.ts";
import { PlexusError } from "../../../sim/errors.ts";
import { withDeadline } from "../async.ts";
import { commitWeightsHash, crEpochIndex } from "../commit-hash.ts";
import { ChainError } from "../errors.ts";
import { axonAddressError, decodeIp, encodeIp } from "../ip.ts";
import { defaultChainClientOptions, PLEXUS_AXON_PROTOCOL } from "../options.ts";
import { timelockNotImplemented } from "../subtensor/client.ts";
import { SS58_PREFIX } from "../subtensor/known.ts";
import type {
  CallOptions,
  ChainClient,
  ChainEvent,
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
import { SIM_PRESETS, type SimGlobalParams, type SimPresetName } from "./defaults.ts";
import { yumaEpochFn } from "./epoch.ts";
import { newExtras, resetUid, type SimSubnetExtras } from "./extras.ts";
import { decodeState, encodeState, readState, writeAtomic } from "./persist.ts";
import { setWeightsError, storedWeightsRow } from "./rules.ts";

/** Everything SimChain persists. */
export interface SimChainState {
  version: 1;
  preset: SimPresetName;
  chain: ChainState;
  extras: Map<number, SimSubnetExtras>;
  global: SimGlobalParams;
  sudoKey: string;
  nonces: Map<string, number>;
}

export interface SimChainInit {
  /** Hyperparameter preset for new subnets: `fast-blocks` (like the local runtime) or `mainnet`. */
  preset?: SimPresetName;
  /** `instant`: a block per write (like chopsticks' instant mode); `manual`: only `advance()`; `timer`: every blockTimeMs. */
  blockMode?: "instant" | "manual" | "timer";
  blockTimeMs?: number;
  /** Free balances at genesis, rao. */
  balances?: Record<string, bigint>;
  /** Root key for sudoSetHyperparameter (default //Alice's address). */
  sudoKey?: string;
  /** Start from a saved state instead of genesis. */
  state?: SimChainState;
}

/** //Alice, the sudo key of substrate dev chains. */
const ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const GENESIS_HASH = blake2AsHex("plexus-simchain-genesis");

interface Pending {
  what: string;
  signer: string;
  txHash: string;
  apply: (block: bigint) => { events: ChainEvent[]; extra?: Record<string, number> };
  resolve: (r: TxReceipt & Record<string, unknown>) => void;
  reject: (e: unknown) => void;
}

/**
 * An in-memory, in-process ChainClient. Pools, stakes, registration and emission are sim/emission's
 * block stepper; the epoch is sim/yuma's exact epoch; weights, serving, commit-reveal, rate limits
 * and permits follow the pallet's checks with the same error names (rules.ts). Writes are queued
 * and applied in the next block, so a write resolves after "inclusion" exactly as on subtensor.
 * Not modelled: transaction fees, drand/timelocked commits, child keys, mechanisms > 0.
 */
export class SimChain implements ChainClient {
  readonly adapter = "sim" as const;
  #s: SimChainState;
  #mode: "instant" | "manual" | "timer";
  #blockTimeMs: number;
  #timer: NodeJS.Timeout | undefined;
  #queue: Pending[] = [];
  #subscribers = new Set<(block: number) => void>();
  #producing: Promise<void> | undefined;

  constructor(init: SimChainInit = {}) {
    const preset = init.state?.preset ?? init.preset ?? "fast-blocks";
    this.#s = init.state ?? {
      version: 1,
      preset,
      chain: createState(),
      extras: new Map([[0, newExtras(SIM_PRESETS[preset].subnet)]]),
      global: { ...SIM_PRESETS[preset].global },
      sudoKey: init.sudoKey ?? ALICE,
      nonces: new Map(),
    };
    for (const [who, amount] of Object.entries(init.balances ?? {})) {
      checkRao(`balances.${who}`, amount);
      this.#s.chain.balances.set(who, amount);
      this.#s.chain.totalIssuance += amount;
    }
    this.#mode = init.blockMode ?? "instant";
    this.#blockTimeMs = init.blockTimeMs ?? 12_000;
  }

  static async load(path: string, init: Omit<SimChainInit, "state"> = {}): Promise<SimChain> {
    const state = await readState<SimChainState>(path);
    if (state.version !== 1)
      throw new PlexusError("CHAIN_SIM_LOAD_FAILED", `unsupported state version ${String(state.version)}`, {
        meta: { path },
      });
    return new SimChain({ ...init, state });
  }

  /** Saves the whole state (atomic write, bigint-safe JSON). Pending writes are not saved. */
  save(path: string): Promise<void> {
    return writeAtomic(path, encodeState(this.#s));
  }

  /** A deep copy of the state (for tests and reports). */
  snapshot(): SimChainState {
    return decodeState<SimChainState>(encodeState(this.#s));
  }

  async connect(): Promise<void> {
    if (this.#mode === "timer" && this.#timer === undefined) {
      this.#timer = setInterval(() => this.advance(1).catch(() => undefined), this.#blockTimeMs);
      this.#timer.unref();
    }
  }

  async disconnect(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Produces `count` blocks now (any mode); queued writes land in the first. */
  async advance(count = 1): Promise<number> {
    for (let i = 0; i < count; i++) {
      // Serialise with a block already being produced (timer and instant writes).
      while (this.#producing !== undefined) await this.#producing;
      this.#producing = Promise.resolve().then(() => this.#produceBlock());
      try {
        await this.#producing;
      } finally {
        this.#producing = undefined;
      }
    }
    return Number(this.#s.chain.block);
  }

  #produceBlock(): void {
    const chain = this.#s.chain;
    try {
      step(
        chain,
        [],
        yumaEpochFn(this.#extras.bind(this), () => this.#s.global),
      );
    } catch (err) {
      // A bug or invalid state in the engine: the waiting writers learn it, not just the timer.
      for (const tx of this.#queue.splice(0)) tx.reject(err);
      throw err;
    }
    const block = chain.block;
    const blockHash = blake2AsHex(`${GENESIS_HASH}:${block}`);
    const txs = this.#queue.splice(0);
    for (const tx of txs) {
      try {
        const { events, extra } = tx.apply(block);
        tx.resolve({ txHash: tx.txHash, blockHash, blockNumber: Number(block), events, ...extra });
      } catch (err) {
        tx.reject(toChainError(err, tx.txHash));
      }
    }
    for (const fn of this.#subscribers) fn(Number(block));
  }

  #extras(netuid: number): SimSubnetExtras {
    let x = this.#s.extras.get(netuid);
    if (x === undefined) {
      x = newExtras(SIM_PRESETS[this.#s.preset].subnet);
      this.#s.extras.set(netuid, x);
    }
    return x;
  }

  #subnet(netuid: number): SubnetState {
    const s = this.#s.chain.subnets.get(netuid);
    if (s === undefined) throw fail("SubtensorModule", "SubnetNotExists", { netuid });
    return s;
  }

  /** Queues a write for the next block and resolves when that block applied it. */
  #submit<E extends Record<string, number>>(
    signer: ChainSigner,
    what: string,
    opts: TxOptions,
    apply: (block: bigint) => { events: ChainEvent[]; extra?: E },
  ): Promise<TxReceipt & E> {
    const nonce = this.#s.nonces.get(signer.address) ?? 0;
    this.#s.nonces.set(signer.address, nonce + 1);
    const txHash = blake2AsHex(`${signer.address}:${nonce}:${what}`);
    return withDeadline(what, opts.timeoutMs ?? defaultChainClientOptions.txTimeoutMs, opts.signal, () => {
      const done = new Promise<TxReceipt & E>((resolve, reject) => {
        this.#queue.push({
          what,
          signer: signer.address,
          txHash,
          apply,
          resolve: resolve as Pending["resolve"],
          reject,
        });
      });
      // Errors reach the writer through its own promise (see #produceBlock).
      if (this.#mode === "instant") this.advance(1).catch(() => undefined);
      return done;
    });
  }

  // ---- reads -------------------------------------------------------------------------------

  async info(): Promise<ChainInfo> {
    return {
      adapter: "sim",
      specName: "plexus-simchain",
      specVersion: 0,
      transactionVersion: 0,
      genesisHash: GENESIS_HASH,
      block: Number(this.#s.chain.block),
      ss58Prefix: SS58_PREFIX,
      tokenDecimals: 9,
    };
  }

  async currentBlock(): Promise<number> {
    return Number(this.#s.chain.block);
  }

  subscribeBlocks(onBlock: (block: number) => void): () => void {
    this.#subscribers.add(onBlock);
    return () => this.#subscribers.delete(onBlock);
  }

  waitForBlock(block: number, opts: CallOptions = {}): Promise<number> {
    return withDeadline(
      `block ${block}`,
      opts.timeoutMs ?? defaultChainClientOptions.txTimeoutMs,
      opts.signal,
      async () => {
        if (Number(this.#s.chain.block) >= block) return Number(this.#s.chain.block);
        return new Promise<number>((resolve) => {
          const off = this.subscribeBlocks((b) => {
            if (b >= block) {
              off();
              resolve(b);
            }
          });
        });
      },
    );
  }

  async balance(address: string): Promise<bigint> {
    checkAddress("address", address);
    return balanceOf(this.#s.chain, address);
  }

  async subnets(): Promise<number[]> {
    return [...this.#s.chain.netuids].sort((a, b) => a - b);
  }

  async hyperparameters(netuid: number): Promise<SubnetHyperparameters> {
    checkU16("netuid", netuid);
    const s = this.#subnet(netuid);
    const p = this.#extras(netuid).params;
    return {
      netuid,
      tempo: s.tempo,
      rho: p.rho,
      kappa: p.kappa,
      immunityPeriod: Number(s.immunityPeriod),
      minAllowedWeights: p.minAllowedWeights,
      maxWeightsLimit: p.maxWeightsLimit,
      weightsVersion: p.weightsVersionKey,
      weightsRateLimit: p.weightsSetRateLimit,
      activityCutoff: p.activityCutoff,
      maxValidators: p.maxAllowedValidators,
      maxUids: s.maxUids,
      burn: s.burn,
      servingRateLimit: p.servingRateLimit,
      commitRevealEnabled: p.commitRevealEnabled,
      commitRevealPeriod: p.revealPeriodEpochs,
      registrationAllowed: s.registrationAllowed,
      bondsMovingAverage: p.bondsMovingAverage,
      liquidAlphaEnabled: false,
    };
  }

  async metagraph(netuid: number, opts: MetagraphOptions = {}): Promise<Metagraph> {
    checkU16("netuid", netuid);
    const chain = this.#s.chain;
    const s = this.#subnet(netuid);
    const x = this.#extras(netuid);
    const n = s.uids.length;
    const pad = <T>(v: T[], d: T) => Array.from({ length: n }, (_, i) => v[i] ?? d);
    const alpha = s.uids.map((hk) => hotkeyStake(chain, hk, netuid));
    const tao = s.uids.map((hk) => hotkeyStake(chain, hk, 0));
    const m: Metagraph = {
      netuid,
      block: Number(chain.block),
      n,
      tempo: s.tempo,
      hotkeys: [...s.uids],
      coldkeys: s.uids.map((hk) => chain.hotkeys.get(hk)?.owner ?? ""),
      alphaStake: alpha,
      taoStake: tao,
      // alpha + TaoWeight·tao, TaoWeight a u64 fraction of 2^64.
      totalStake: alpha.map((a, i) => a + (((tao[i] ?? 0n) * chain.params.taoWeightRaw) >> 64n)),
      validatorPermit: pad(x.validatorPermit, false),
      active: pad(x.active, true),
      lastUpdate: pad(x.lastUpdate, 0n),
      incentive: pad(x.incentive, 0),
      dividends: pad(x.dividends, 0),
      consensus: pad(x.consensus, 0),
      emission: pad(s.uidEmission, 0n),
      axons: s.uids.map((hk) => {
        const a = x.axons.get(hk);
        return a === undefined
          ? null
          : {
              block: a.block,
              version: a.version,
              ip: decodeIp(a.ip, a.ipType),
              ipType: a.ipType,
              port: a.port,
              protocol: a.protocol,
            };
      }),
    };
    if (opts.weights)
      m.weights = pad(x.weights, []).map((r) => r.map(([u, w]) => [u, w] as [number, number]));
    if (opts.bonds) m.bonds = pad(x.bonds, []).map((r) => r.map(([u, w]) => [u, w] as [number, number]));
    return m;
  }

  async stakeOf(p: { hotkey: string; coldkey: string; netuid: number }): Promise<bigint> {
    checkAddress("hotkey", p.hotkey);
    checkAddress("coldkey", p.coldkey);
    return stakeOf(this.#s.chain, p.hotkey, p.coldkey, p.netuid);
  }

  async uidOf(netuid: number, hotkey: string): Promise<number | null> {
    checkU16("netuid", netuid);
    checkAddress("hotkey", hotkey);
    const uid = this.#s.chain.subnets.get(netuid)?.uids.indexOf(hotkey) ?? -1;
    return uid < 0 ? null : uid;
  }

  // ---- writes ------------------------------------------------------------------------------

  transfer(signer: ChainSigner, p: TransferParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkAddress("dest", p.dest);
    checkRao("amountRao", p.amountRao);
    return this.#submit(signer, "transfer", opts, () => {
      const chain = this.#s.chain;
      const from = balanceOf(chain, signer.address);
      if (from < p.amountRao) throw fail("Token", "FundsUnavailable");
      chain.balances.set(signer.address, from - p.amountRao);
      chain.balances.set(p.dest, balanceOf(chain, p.dest) + p.amountRao);
      return { events: [ev("balances", "Transfer", [signer.address, p.dest, p.amountRao.toString()])] };
    });
  }

  registerNetwork(
    signer: ChainSigner,
    p: { hotkey: string },
    opts: TxOptions = {},
  ): Promise<TxReceipt & { netuid: number }> {
    checkAddress("hotkey", p.hotkey);
    return this.#submit(signer, "register_network", opts, (block) => {
      const netuid = registerNetwork(this.#s.chain, signer.address, p.hotkey);
      const x = newExtras(SIM_PRESETS[this.#s.preset].subnet);
      this.#s.extras.set(netuid, x);
      const s = this.#subnet(netuid);
      // The preset's tempo replaces the engine's default; keep init_new_network's stagger.
      s.tempo = x.params.tempo;
      s.lastEpochBlock = block - BigInt(netuid % Math.max(1, s.tempo));
      s.immunityPeriod = BigInt(x.params.immunityPeriod);
      s.maxUids = x.params.maxAllowedUids;
      resetUid(x, 0, block);
      return { events: [ev("subtensorModule", "NetworkAdded", [netuid, 0])], extra: { netuid } };
    });
  }

  startCall(signer: ChainSigner, p: { netuid: number }, opts: TxOptions = {}): Promise<TxReceipt> {
    checkU16("netuid", p.netuid);
    return this.#submit(signer, "start_call", opts, (block) => {
      const s = this.#subnet(p.netuid);
      if (s.ownerColdkey !== signer.address) throw fail("System", "BadOrigin");
      if (block < s.registeredAt + this.#s.global.durationOfStartCall)
        throw fail("SubtensorModule", "NeedWaitingMoreBlocksToStarCall");
      startCall(this.#s.chain, p.netuid);
      return {
        events: [ev("subtensorModule", "FirstEmissionBlockNumberSet", [p.netuid, Number(block) + 1])],
      };
    });
  }

  burnedRegister(
    signer: ChainSigner,
    p: { netuid: number; hotkey: string },
    opts: TxOptions = {},
  ): Promise<TxReceipt & { uid: number }> {
    checkU16("netuid", p.netuid);
    checkAddress("hotkey", p.hotkey);
    return this.#submit(signer, "burned_register", opts, (block) => {
      const { uid } = registerNeuron(this.#s.chain, signer.address, p.hotkey, p.netuid);
      const x = this.#extras(p.netuid);
      resetUid(x, uid, block);
      for (const row of x.weights) if (row !== undefined) removeUid(row, uid);
      return {
        events: [ev("subtensorModule", "NeuronRegistered", [p.netuid, uid, p.hotkey])],
        extra: { uid },
      };
    });
  }

  serveAxon(signer: ChainSigner, p: ServeParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkU16("netuid", p.netuid);
    checkU16("port", p.port);
    const { ip, ipType } = encodeIp(p.ip);
    return this.#submit(signer, "serve_axon", opts, (block) => {
      const s = this.#s.chain.subnets.get(p.netuid);
      if (s === undefined || !s.uids.includes(signer.address))
        throw fail("SubtensorModule", "HotKeyNotRegisteredInNetwork");
      const bad = axonAddressError(ip, ipType, p.port);
      if (bad !== undefined) throw fail("SubtensorModule", bad);
      const x = this.#extras(p.netuid);
      const prev = x.axons.get(signer.address);
      const limit = x.params.servingRateLimit;
      if (prev !== undefined && limit > 0n && block - prev.block < limit)
        throw fail("SubtensorModule", "ServingRateLimitExceeded");
      x.axons.set(signer.address, {
        block,
        version: p.version ?? 0,
        ip,
        ipType,
        port: p.port,
        protocol: p.protocol ?? PLEXUS_AXON_PROTOCOL,
      });
      return { events: [ev("subtensorModule", "AxonServed", [p.netuid, signer.address])] };
    });
  }

  addStake(
    signer: ChainSigner,
    p: { hotkey: string; netuid: number; amountRao: bigint },
    opts: TxOptions = {},
  ): Promise<TxReceipt> {
    checkAddress("hotkey", p.hotkey);
    checkU16("netuid", p.netuid);
    checkRao("amountRao", p.amountRao);
    return this.#submit(signer, "add_stake", opts, () => {
      addStake(this.#s.chain, signer.address, p.hotkey, p.netuid, p.amountRao);
      return {
        events: [
          ev("subtensorModule", "StakeAdded", [signer.address, p.hotkey, p.amountRao.toString(), p.netuid]),
        ],
      };
    });
  }

  removeStake(
    signer: ChainSigner,
    p: { hotkey: string; netuid: number; amountAlpha: bigint },
    opts: TxOptions = {},
  ): Promise<TxReceipt> {
    checkAddress("hotkey", p.hotkey);
    checkU16("netuid", p.netuid);
    checkRao("amountAlpha", p.amountAlpha);
    return this.#submit(signer, "remove_stake", opts, () => {
      removeStake(this.#s.chain, signer.address, p.hotkey, p.netuid, p.amountAlpha);
      return {
        events: [
          ev("subtensorModule", "StakeRemoved", [
            signer.address,
            p.hotkey,
            p.amountAlpha.toString(),
            p.netuid,
          ]),
        ],
      };
    });
  }

  moveStake(signer: ChainSigner, p: MoveStakeParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkAddress("originHotkey", p.originHotkey);
    checkAddress("destinationHotkey", p.destinationHotkey);
    checkU16("originNetuid", p.originNetuid);
    checkU16("destinationNetuid", p.destinationNetuid);
    checkRao("amountAlpha", p.amountAlpha);
    return this.#submit(signer, "move_stake", opts, () => {
      moveStake(
        this.#s.chain,
        signer.address,
        { hotkey: p.originHotkey, netuid: p.originNetuid },
        { hotkey: p.destinationHotkey, netuid: p.destinationNetuid },
        p.amountAlpha,
      );
      return {
        events: [
          ev("subtensorModule", "StakeMoved", [
            signer.address,
            p.originHotkey,
            p.originNetuid,
            p.destinationHotkey,
            p.destinationNetuid,
          ]),
        ],
      };
    });
  }

  setWeights(signer: ChainSigner, p: SetWeightsParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkWeights(p);
    return this.#submit(signer, "set_weights", opts, (block) => {
      this.#applyWeights(signer.address, p, block, false);
      return {
        events: [
          ev("subtensorModule", "WeightsSet", [
            p.netuid,
            this.#s.chain.subnets.get(p.netuid)?.uids.indexOf(signer.address) ?? 0,
          ]),
        ],
      };
    });
  }

  #applyWeights(hotkey: string, p: SetWeightsParams, block: bigint, fromReveal: boolean): void {
    const s = this.#s.chain.subnets.get(p.netuid);
    const x = s === undefined ? undefined : this.#extras(p.netuid);
    const params = {
      netuid: p.netuid,
      hotkey,
      uids: p.uids,
      weights: p.weights,
      versionKey: p.versionKey ?? 0n,
    };
    const err = setWeightsError(this.#s.chain, s, x, this.#s.global, params, block, fromReveal);
    if (err !== undefined) throw fail("SubtensorModule", err);
    const uid = s!.uids.indexOf(hotkey);
    x!.weights[uid] = storedWeightsRow(p.uids, p.weights);
    x!.lastUpdate[uid] = block;
  }

  commitWeights(
    signer: ChainSigner,
    p: { netuid: number; commitHash: `0x${string}` },
    opts: TxOptions = {},
  ): Promise<TxReceipt> {
    checkU16("netuid", p.netuid);
    return this.#submit(signer, "commit_weights", opts, (block) => {
      const s = this.#subnet(p.netuid);
      const x = this.#extras(p.netuid);
      if (!x.params.commitRevealEnabled) throw fail("SubtensorModule", "CommitRevealDisabled");
      const uid = s.uids.indexOf(signer.address);
      if (uid < 0) throw fail("SubtensorModule", "HotKeyNotRegisteredInSubNet");
      if (block - (x.lastUpdate[uid] ?? 0n) < x.params.weightsSetRateLimit)
        throw fail("SubtensorModule", "CommittingWeightsTooFast");
      const epoch = crEpochIndex(p.netuid, s.tempo, block);
      // Commits whose reveal window passed are dropped before counting (as the chain does).
      const queue = (x.commits.get(signer.address) ?? []).filter(
        (c) => c.epoch + x.params.revealPeriodEpochs >= epoch,
      );
      if (queue.length >= this.#s.global.maxUnrevealedCommits)
        throw fail("SubtensorModule", "TooManyUnrevealedCommits");
      queue.push({ hash: p.commitHash.toLowerCase(), epoch, block });
      x.commits.set(signer.address, queue);
      x.lastUpdate[uid] = block;
      return {
        events: [ev("subtensorModule", "WeightsCommitted", [signer.address, p.netuid, p.commitHash])],
      };
    });
  }

  revealWeights(signer: ChainSigner, p: RevealWeightsParams, opts: TxOptions = {}): Promise<TxReceipt> {
    checkWeights(p);
    checkU16Array("salt", p.salt);
    return this.#submit(signer, "reveal_weights", opts, (block) => {
      const s = this.#subnet(p.netuid);
      const x = this.#extras(p.netuid);
      if (!x.params.commitRevealEnabled) throw fail("SubtensorModule", "CommitRevealDisabled");
      const queue = x.commits.get(signer.address) ?? [];
      if (queue.length === 0) throw fail("SubtensorModule", "NoWeightsCommitFound");
      const hash = u8aToHex(
        commitWeightsHash({
          hotkey: signer.address,
          netuidIndex: p.netuid,
          uids: p.uids,
          values: p.weights,
          salt: p.salt,
          versionKey: p.versionKey ?? 0n,
        }),
      );
      const i = queue.findIndex((c) => c.hash === hash);
      if (i < 0) throw fail("SubtensorModule", "InvalidRevealCommitHashNotMatch");
      const c = queue[i] as (typeof queue)[number];
      const now = crEpochIndex(p.netuid, s.tempo, block);
      if (now < c.epoch + x.params.revealPeriodEpochs) throw fail("SubtensorModule", "RevealTooEarly");
      if (now > c.epoch + x.params.revealPeriodEpochs) throw fail("SubtensorModule", "ExpiredWeightCommit");
      this.#applyWeights(signer.address, p, block, true);
      queue.splice(i, 1);
      return { events: [ev("subtensorModule", "WeightsRevealed", [signer.address, p.netuid, hash])] };
    });
  }

  commitTimelockedWeights(): Promise<TxReceipt> {
    return Promise.reject(timelockNotImplemented());
  }

  sudoSetHyperparameter(
    signer: ChainSigner,
    p: SudoHyperparameterParams,
    opts: TxOptions = {},
  ): Promise<TxReceipt> {
    return this.#submit(signer, `sudo ${p.name}`, opts, () => {
      if (signer.address !== this.#s.sudoKey) throw fail("Sudo", "RequireSudo");
      const v = p.value;
      const big = typeof v === "boolean" ? (v ? 1n : 0n) : BigInt(v);
      if (p.name === "stakeThreshold") this.#s.global.stakeThreshold = big;
      else if (p.name === "networkRateLimit") this.#s.chain.params.networkRateLimit = big;
      else {
        const s = this.#s.chain.subnets.get(p.netuid);
        if (s === undefined) throw fail("AdminUtils", "SubnetDoesNotExist");
        const x = this.#extras(p.netuid).params;
        switch (p.name) {
          case "commitRevealWeightsEnabled":
            x.commitRevealEnabled = v === true || big !== 0n;
            break;
          case "weightsSetRateLimit":
            x.weightsSetRateLimit = big;
            break;
          case "tempo":
            x.tempo = Number(big);
            s.tempo = Number(big);
            break;
          case "minAllowedWeights":
            x.minAllowedWeights = Number(big);
            break;
          case "maxWeightsLimit":
            x.maxWeightsLimit = Number(big);
            break;
          case "servingRateLimit":
            x.servingRateLimit = big;
            break;
          case "targetRegistrationsPerInterval":
            x.targetRegistrationsPerInterval = Number(big);
            break;
          case "maxRegistrationsPerBlock":
            x.maxRegistrationsPerBlock = Number(big);
            break;
        }
      }
      return { events: [ev("sudo", "Sudid", [{ ok: null }])] };
    });
  }
}

function checkWeights(p: SetWeightsParams): void {
  checkU16("netuid", p.netuid);
  checkU16Array("uids", p.uids);
  checkU16Array("weights", p.weights);
  if (p.versionKey !== undefined) checkRao("versionKey", p.versionKey);
}

function removeUid(row: Array<[number, number]>, uid: number): void {
  const i = row.findIndex(([u]) => u === uid);
  if (i >= 0) row.splice(i, 1);
}

function ev(section: string, method: string, data: unknown[]): ChainEvent {
  return { section, method, data };
}

function fail(pallet: string, errorName: string, meta: Record<string, unknown> = {}): ChainError {
  return new ChainError("CHAIN_DISPATCH_FAILED", { pallet, errorName, meta });
}

/** sim/emission's errors carry the pallet error name as `reason`. */
function toChainError(err: unknown, txHash: string): unknown {
  if (err instanceof ChainError) {
    err.meta.txHash = txHash;
    return err;
  }
  if (err instanceof RegistrationError || err instanceof StakeError || err instanceof SwapError) {
    const pallet = err instanceof SwapError ? "Swap" : "SubtensorModule";
    return new ChainError("CHAIN_DISPATCH_FAILED", {
      pallet,
      errorName: err.reason,
      meta: { txHash },
      cause: err,
    });
  }
  if (err instanceof PlexusError && err.code === "EMISSION_STAKE_INSUFFICIENT_BALANCE") {
    return new ChainError("CHAIN_DISPATCH_FAILED", {
      pallet: "Token",
      errorName: "FundsUnavailable",
      meta: { txHash },
      cause: err,
    });
  }
  return err;
}
