import { randomBytes } from "node:crypto";
import { u8aToHex } from "@polkadot/util";
import { PlexusError } from "../../sim/errors.ts";
import { commitWeightsHash, crEpochIndex } from "../chain/commit-hash.ts";
import { PLEXUS_AXON_PROTOCOL } from "../chain/options.ts";
import type { ChainClient, ChainSigner, Metagraph } from "../chain/types.ts";
import { maxWeightLimitFromU16, weightsForEmit } from "../chain/weights.ts";
import type { Logger } from "../log/index.ts";
import { silentLogger } from "../log/index.ts";
import type { ValidatorMetrics } from "../metrics/validator.ts";
import type { PeerNode } from "../network/node.ts";
import type { Route } from "../network/route.ts";
import { axonMultiaddr, type SubnetWireSpec, subnetRoute } from "../network/subnet-route.ts";
import { defaultValidatorOptions, type ValidatorOptions } from "./options.ts";
import { ScoreBook } from "./scores.ts";

/** What the validator needs from a subnet: its wire schema, challenges and pure score. */
export interface ValidatorSubnet<Q, R> extends SubnetWireSpec<Q, R> {
  generateChallenge(seed: string, nonce: string): Q;
  score(input: { challenge: Q; response: unknown; latencyMs: number; seed: string }): number;
}

export interface ValidatorComponents<Q, R> {
  chain: ChainClient;
  node: PeerNode;
  subnet: ValidatorSubnet<Q, R>;
  /** The hotkey keypair: signs set_weights. */
  hotkey: ChainSigner;
  logger?: Logger;
  metrics?: ValidatorMetrics | null;
}

export interface MinerResult {
  uid: number;
  hotkey: string;
  score: number;
  average: number;
  latencyMs: number;
  error?: string;
}

export interface RoundReport {
  round: number;
  block: number;
  results: MinerResult[];
}

interface PendingCommit {
  epoch: bigint;
  uids: number[];
  values: number[];
  salt: number[];
  versionKey: bigint;
}

export interface WeightsReport {
  block: number;
  set: boolean;
  uids: number[];
  weights: number[];
  reason?: string;
}

/**
 * A validator: discovers miners from the chain (axons served with the plexus protocol number),
 * sends each the subnet's challenge, scores answers with the subnet's pure score function, keeps
 * a moving average per hotkey (saved after every round), and turns it into u16 weights with the
 * SDK-exact conversion, respecting the chain's weights rate limit.
 */
export class Validator<Q, R> {
  readonly options: ValidatorOptions;
  private readonly route: Route<Q, R>;
  private readonly seed: string;
  private readonly logger: Logger;
  private roundNo = 0;
  /** A v2 weights commit waiting for its reveal epoch. */
  private pending: PendingCommit | undefined;

  private constructor(
    private readonly c: ValidatorComponents<Q, R>,
    options: ValidatorOptions,
    readonly scores: ScoreBook,
  ) {
    this.options = options;
    this.route = subnetRoute(c.subnet);
    this.seed = options.seed ?? randomBytes(32).toString("hex");
    this.logger = c.logger ?? silentLogger;
    this.roundNo = scores.steps;
  }

  static async create<Q, R>(
    c: ValidatorComponents<Q, R>,
    options: Partial<ValidatorOptions> & { netuid: number },
  ): Promise<Validator<Q, R>> {
    const opts: ValidatorOptions = { ...defaultValidatorOptions, ...options };
    const book =
      opts.statePath === undefined
        ? new ScoreBook(opts.netuid, opts.scoreAlpha)
        : await ScoreBook.load(opts.statePath, opts.netuid, opts.scoreAlpha);
    return new Validator(c, opts, book);
  }

  /** Miners to query: every other uid whose axon says it speaks the plexus protocol. */
  discover(m: Metagraph): { uid: number; hotkey: string; addr: string }[] {
    const out: { uid: number; hotkey: string; addr: string }[] = [];
    m.axons.forEach((axon, uid) => {
      const hotkey = m.hotkeys[uid]!;
      if (axon === null || axon.protocol !== PLEXUS_AXON_PROTOCOL || hotkey === this.c.hotkey.address) return;
      out.push({ uid, hotkey, addr: axonMultiaddr(axon) });
    });
    return out;
  }

  /** One round: the same fresh challenge to every miner, scored and folded into the average. */
  async round(signal?: AbortSignal): Promise<RoundReport> {
    const m = await this.c.chain.metagraph(this.options.netuid, { signal });
    this.scores.retain(new Set(m.hotkeys));
    const miners = this.discover(m);
    const round = ++this.roundNo;
    const nonce = `${m.block}-${round}-${randomBytes(8).toString("hex")}`;
    const challenge = this.c.subnet.generateChallenge(this.seed, nonce);
    const results: MinerResult[] = [];
    for (let i = 0; i < miners.length; i += this.options.maxConcurrentQueries) {
      const batch = miners.slice(i, i + this.options.maxConcurrentQueries);
      results.push(...(await Promise.all(batch.map((miner) => this.query(miner, challenge, signal)))));
    }
    this.scores.update(new Map(results.map((r) => [r.hotkey, r.score])));
    for (const r of results) r.average = this.scores.get(r.hotkey);
    const metrics = this.c.metrics;
    if (metrics) {
      metrics.rounds.inc();
      for (const r of results) {
        metrics.queries.inc({ result: r.error ?? "ok" });
        if (r.error === undefined) metrics.latency.observe(r.latencyMs / 1000);
        metrics.score.set({ uid: String(r.uid) }, r.average);
      }
    }
    if (this.options.statePath !== undefined) await this.scores.save(this.options.statePath);
    return { round, block: m.block, results };
  }

  private async query(
    miner: { uid: number; hotkey: string; addr: string },
    challenge: Q,
    signal?: AbortSignal,
  ): Promise<MinerResult> {
    const t0 = performance.now();
    let response: unknown;
    let error: string | undefined;
    try {
      response = await this.c.node.request(miner.addr, this.route, challenge, {
        expectedHotkey: miner.hotkey,
        timeoutMs: this.options.queryTimeoutMs,
        signal,
      });
    } catch (err) {
      error = err instanceof PlexusError ? err.code : "ERROR";
    }
    const latencyMs = performance.now() - t0;
    const score =
      error === undefined ? this.c.subnet.score({ challenge, response, latencyMs, seed: this.seed }) : 0;
    return { uid: miner.uid, hotkey: miner.hotkey, score, average: 0, latencyMs, error };
  }

  /**
   * Sets weights from the moving average if the chain's rate limit allows it now. On a subnet with
   * commit-reveal on, it commits a hash of the weights (v2, `commit_weights`) and reveals them in
   * the epoch the chain expects (commit epoch + RevealPeriodEpochs). A pending commit lives in
   * memory only: after a restart the chain lets it expire and the validator commits again.
   */
  async setWeights(signal?: AbortSignal): Promise<WeightsReport> {
    const netuid = this.options.netuid;
    const [m, hp] = await Promise.all([
      this.c.chain.metagraph(netuid, { signal }),
      this.c.chain.hyperparameters(netuid, { signal }),
    ]);
    const own = m.hotkeys.indexOf(this.c.hotkey.address);
    const skip = (reason: string): WeightsReport => {
      this.c.metrics?.weightsSet.inc({ outcome: reason });
      return { block: m.block, set: false, uids: [], weights: [], reason };
    };
    if (own < 0) return skip("validator hotkey is not registered");
    const epoch = crEpochIndex(netuid, hp.tempo, BigInt(m.block));
    if (hp.commitRevealEnabled && this.pending !== undefined) {
      const due = this.pending.epoch + hp.commitRevealPeriod;
      if (epoch < due) return skip("waiting for the reveal epoch");
      const p = this.pending;
      this.pending = undefined;
      if (epoch === due) return this.reveal(m.block, p, signal);
      this.logger.warn({ netuid, committed: String(p.epoch) }, "weights commit expired unrevealed");
    }
    // the chain's own rule (SettingWeightsTooFast / CommittingWeightsTooFast otherwise)
    if (BigInt(m.block) - (m.lastUpdate[own] ?? 0n) < hp.weightsRateLimit) return skip("weights rate limit");
    const uids: number[] = [];
    const values: number[] = [];
    m.hotkeys.forEach((hotkey, uid) => {
      const s = this.scores.get(hotkey);
      if (s > 0) {
        uids.push(uid);
        values.push(s);
      }
    });
    if (uids.length === 0) return skip("no miner has a score yet");
    const { emit } = weightsForEmit({
      uids,
      weights: values,
      numNeurons: m.n,
      minAllowedWeights: hp.minAllowedWeights,
      maxWeightLimit: maxWeightLimitFromU16(hp.maxWeightsLimit),
    });
    if (hp.commitRevealEnabled) {
      return this.commit(
        m.block,
        epoch,
        { uids: emit.uids, values: emit.values, versionKey: hp.weightsVersion },
        signal,
      );
    }
    await this.c.chain.setWeights(
      this.c.hotkey,
      { netuid, uids: emit.uids, weights: emit.values, versionKey: hp.weightsVersion },
      { signal },
    );
    this.c.metrics?.weightsSet.inc({ outcome: "set" });
    this.logger.info({ netuid, uids: emit.uids.length }, "weights set");
    return { block: m.block, set: true, uids: emit.uids, weights: emit.values };
  }

  /** Commits the hash of `w` with a fresh random salt and remembers what to reveal. */
  private async commit(
    block: number,
    epoch: bigint,
    w: { uids: number[]; values: number[]; versionKey: bigint },
    signal?: AbortSignal,
  ): Promise<WeightsReport> {
    const netuid = this.options.netuid;
    const salt = Array.from(new Uint16Array(randomBytes(16).buffer));
    const commitHash = u8aToHex(
      commitWeightsHash({ hotkey: this.c.hotkey.address, netuidIndex: netuid, ...w, salt }),
    );
    await this.c.chain.commitWeights(this.c.hotkey, { netuid, commitHash }, { signal });
    this.pending = { epoch, salt, ...w };
    this.c.metrics?.weightsSet.inc({ outcome: "committed" });
    this.logger.info({ netuid, uids: w.uids.length, epoch: String(epoch) }, "weights committed");
    return { block, set: false, uids: w.uids, weights: w.values, reason: "committed, reveal pending" };
  }

  private async reveal(block: number, p: PendingCommit, signal?: AbortSignal): Promise<WeightsReport> {
    const netuid = this.options.netuid;
    await this.c.chain.revealWeights(
      this.c.hotkey,
      { netuid, uids: p.uids, weights: p.values, salt: p.salt, versionKey: p.versionKey },
      { signal },
    );
    this.c.metrics?.weightsSet.inc({ outcome: "revealed" });
    this.logger.info({ netuid, uids: p.uids.length }, "weights revealed");
    return { block, set: true, uids: p.uids, weights: p.values };
  }

  /** Rounds every `stepIntervalMs` until `signal` aborts; weights after each round when allowed. */
  async run(
    signal: AbortSignal,
    onRound?: (r: RoundReport, w: WeightsReport | undefined) => void,
  ): Promise<void> {
    while (!signal.aborted) {
      try {
        const r = await this.round(signal);
        let w: WeightsReport | undefined;
        try {
          w = await this.setWeights(signal);
        } catch (err) {
          this.logger.warn(
            { err: err instanceof PlexusError ? err.code : String(err) },
            "setting weights failed",
          );
        }
        onRound?.(r, w);
      } catch (err) {
        if (signal.aborted) break;
        this.logger.warn({ err: err instanceof PlexusError ? err.code : String(err) }, "round failed");
      }
      await sleep(this.options.stepIntervalMs, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
