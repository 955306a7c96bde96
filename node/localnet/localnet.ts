import "../polyfills.ts";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { loadSubnet } from "../../subnets/registry.ts";
import type { SubnetDefinition } from "../../subnets/types.ts";
import { SimChain } from "../chain/sim/chain.ts";
import type { Logger } from "../log/index.ts";
import { silentLogger } from "../log/index.ts";
import { Miner } from "../miner/miner.ts";
import { ChainAuthority } from "../network/chain-authority.ts";
import { PeerNode } from "../network/node.ts";
import { peerKeyFromSeed } from "../network/peer-key.ts";
import { signerFromKeyringPair } from "../network/signers.ts";
import { createRuntime } from "../runtime/index.ts";
import type { ModelRuntime } from "../runtime/types.ts";
import { Validator, type WeightsReport } from "../validator/validator.ts";
import { type Behaviour, withBehaviour } from "./behaviours.ts";

/**
 * `plexus localnet`: a whole subnet in one process — a SimChain, miners of different quality and
 * two validators, all real libp2p peers talking over loopback with the full handshake, admission
 * and query protocol. Each localnet epoch: both validators run query rounds, set weights, and the
 * chain advances past one Yuma epoch.
 */
export interface LocalnetOptions {
  subnet: string;
  epochs: number;
  /** Miner behaviours, one miner each. */
  miners: Behaviour[];
  /** Query rounds per validator per epoch. */
  roundsPerEpoch: number;
  /** Delay of the "slow" miner. */
  slowMs: number;
  /** Per-query deadline. */
  queryTimeoutMs: number;
  /** Loopback address peers listen on and publish (127.0.0.1 is refused by serve_axon). */
  host: string;
  /** Runtime backend for the miners (default: the runtime's own ladder). */
  backend?: string;
  seed: string;
}

export const defaultLocalnetOptions: LocalnetOptions = {
  subnet: "matmul",
  epochs: 5,
  miners: ["honest", "honest", "slow", "lazy", "copying"],
  roundsPerEpoch: 1,
  slowMs: 4000,
  queryTimeoutMs: 10_000,
  host: "127.0.0.2",
  seed: "plexus-localnet",
};

export interface PeerRow {
  uid: number;
  hotkey: string;
  role: "validator" | Behaviour;
  /** Moving-average score per validator (miners only). */
  scores: number[];
  /** u16 weight each validator set for this uid. */
  weights: number[];
  incentive: number;
  dividends: number;
  /** Alpha rao emitted to this uid in the last epoch. */
  emission: bigint;
}

export interface EpochView {
  epoch: number;
  block: number;
  queries: number;
  answered: number;
  rows: PeerRow[];
}

export interface LocalnetResult {
  options: LocalnetOptions;
  netuid: number;
  epochs: EpochView[];
}

const TAO = 1_000_000_000n;

export async function runLocalnet(
  partial: Partial<LocalnetOptions> = {},
  components: { logger?: Logger; onEpoch?: (view: EpochView) => void; signal?: AbortSignal } = {},
): Promise<LocalnetResult> {
  const opts: LocalnetOptions = { ...defaultLocalnetOptions, ...partial };
  const logger = components.logger ?? silentLogger;
  await cryptoWaitReady();
  const keyring = new Keyring({ type: "sr25519" });
  const key = (name: string): KeyringPair => keyring.addFromUri(`//${opts.seed}/${name}`);
  const owner = key("owner");
  const validatorKeys = [key("validator-0"), key("validator-1")];
  const minerKeys = opts.miners.map((_, i) => key(`miner-${i}`));
  const everyone = [owner, ...validatorKeys, ...minerKeys];

  const chain = new SimChain({
    blockMode: "instant",
    sudoKey: owner.address,
    balances: Object.fromEntries(everyone.map((k) => [k.address, 100_000n * TAO])),
  });
  await chain.connect();
  await chain.sudoSetHyperparameter(owner, { netuid: 0, name: "networkRateLimit", value: 0 });
  const { netuid } = await chain.registerNetwork(owner, { hotkey: owner.address });
  for (const k of [...validatorKeys, ...minerKeys])
    await chain.burnedRegister(k, { netuid, hotkey: k.address });
  await chain.advance(10);
  await chain.startCall(owner, { netuid });
  await chain.sudoSetHyperparameter(owner, { netuid, name: "weightsSetRateLimit", value: 0 });
  await chain.sudoSetHyperparameter(owner, { netuid, name: "commitRevealWeightsEnabled", value: false });
  for (const [i, v] of validatorKeys.entries()) {
    await chain.addStake(v, { hotkey: v.address, netuid, amountRao: BigInt(2000 - 700 * i) * TAO });
  }
  const tempo = (await chain.hyperparameters(netuid)).tempo;
  // one epoch so the staked validators hold permits before they set weights
  await chain.advance(tempo + 1);

  const { definition } = await loadSubnet(opts.subnet);
  const subnet = definition as SubnetDefinition;
  const authority = await ChainAuthority.create(chain, { ttlMs: 1000 });
  const nodes: PeerNode[] = [];
  const startNode = async (k: KeyringPair, name: string): Promise<PeerNode> => {
    const seed = new Uint8Array(32);
    seed.set(new TextEncoder().encode(`${opts.seed}/${name}`).subarray(0, 32));
    const node = await PeerNode.create({
      signer: signerFromKeyringPair(k),
      authority,
      netuid,
      privateKey: await peerKeyFromSeed(seed),
      options: { listen: [`/ip4/${opts.host}/tcp/0`], maxRequestBytes: 4 << 20, maxFrameBytes: 4 << 20 },
      logger,
    });
    await node.start();
    nodes.push(node);
    return node;
  };

  let runtime: ModelRuntime | undefined;
  const miners: Miner<unknown, unknown>[] = [];
  try {
    runtime = await createRuntime(opts.backend === undefined ? {} : { backend: opts.backend as never }, {
      logger: undefined,
    });
    for (const [i, behaviour] of opts.miners.entries()) {
      const node = await startNode(minerKeys[i]!, `miner-${i}`);
      const honest = await subnet.createMiner({ runtime });
      miners.push(
        await Miner.start(
          {
            chain,
            node,
            subnet,
            handler: withBehaviour(honest, behaviour, opts.slowMs),
            hotkey: minerKeys[i]!,
            logger,
          },
          { netuid, externalIp: opts.host },
        ),
      );
    }
    const validators: Validator<unknown, unknown>[] = [];
    for (const [i, k] of validatorKeys.entries()) {
      const node = await startNode(k, `validator-${i}`);
      validators.push(
        await Validator.create(
          { chain, node, subnet, hotkey: k, logger },
          {
            netuid,
            seed: `${opts.seed}/validator-${i}`,
            queryTimeoutMs: opts.queryTimeoutMs,
            scoreAlpha: 0.3,
          },
        ),
      );
    }

    const roles = new Map<string, PeerRow["role"]>([
      ...validatorKeys.map((k) => [k.address, "validator"] as const),
      ...minerKeys.map((k, i) => [k.address, opts.miners[i]!] as const),
    ]);
    const views: EpochView[] = [];
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      components.signal?.throwIfAborted();
      let queries = 0;
      let answered = 0;
      for (let r = 0; r < opts.roundsPerEpoch; r++) {
        const reports = await Promise.all(validators.map((v) => v.round(components.signal)));
        for (const rep of reports) {
          queries += rep.results.length;
          answered += rep.results.filter((x) => x.error === undefined).length;
        }
      }
      const weights: WeightsReport[] = [];
      for (const v of validators) {
        weights.push(
          await v.setWeights(components.signal).catch((err: { code?: string }) => ({
            block: 0,
            set: false,
            uids: [],
            weights: [],
            reason: err.code ?? String(err),
          })),
        );
      }
      await chain.advance(tempo + 1);
      const m = await chain.metagraph(netuid);
      const rows: PeerRow[] = [];
      m.hotkeys.forEach((hotkey, uid) => {
        const role = roles.get(hotkey);
        if (role === undefined) return;
        rows.push({
          uid,
          hotkey,
          role,
          scores: validators.map((v) => v.scores.get(hotkey)),
          weights: weights.map((w) => w.weights[w.uids.indexOf(uid)] ?? 0),
          incentive: m.incentive[uid] ?? 0,
          dividends: m.dividends[uid] ?? 0,
          emission: m.emission[uid] ?? 0n,
        });
      });
      const view = { epoch, block: m.block, queries, answered, rows };
      views.push(view);
      components.onEpoch?.(view);
    }
    return { options: opts, netuid, epochs: views };
  } finally {
    for (const m of miners) await m.stop().catch(() => undefined);
    for (const n of nodes) await n.stop().catch(() => undefined);
    await runtime?.dispose().catch(() => undefined);
    await chain.disconnect();
  }
}
