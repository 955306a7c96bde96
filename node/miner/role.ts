import { homedir } from "node:os";
import { join } from "node:path";
import { Registry } from "prom-client";
import { type OpenedChain, openChain } from "../chain/open.ts";
import { coldkeySigner, hotkeySigner, type SignerInit } from "../chain/signers.ts";
import type { ChainSigner } from "../chain/types.ts";
import { createLogger, type Logger, type LogLevel } from "../log/index.ts";
import { createNetworkMetrics } from "../metrics/network.ts";
import { serveMetrics } from "../metrics/server.ts";
import { ChainAuthority } from "../network/chain-authority.ts";
import { PeerNode } from "../network/node.ts";
import type { AccessOptions } from "../network/options.ts";
import { loadOrCreatePeerSeed, peerKeyFromSeed, peerSeedPath } from "../network/peer-key.ts";
import { signerFromKeyringPair } from "../network/signers.ts";
import { expandWalletPath } from "../wallet/options.ts";

/** What a miner and a validator process share: chain, keys, libp2p node, metrics, logs, shutdown. */
export interface RoleConfig {
  [key: string]: string | number | boolean | string[] | undefined;
  chain: string;
  simState: string;
  netuid: number;
  walletPath: string;
  walletName: string;
  walletHotkey: string;
  /** A dev account (alice, bob, …) instead of a wallet: for local chains. */
  dev: string;
  listen: string[];
  announce: string[];
  metricsPort: number;
  metricsHost: string;
  logLevel: string;
  minStakeTao: number;
}

export const defaultRoleConfig: RoleConfig = {
  chain: "ws://127.0.0.1:9944",
  simState: "",
  netuid: 1,
  walletPath: "~/.bittensor/wallets",
  walletName: "default",
  walletHotkey: "default",
  dev: "",
  listen: ["/ip4/0.0.0.0/tcp/8091"],
  announce: [],
  metricsPort: 0,
  metricsHost: "127.0.0.1",
  logLevel: "info",
  minStakeTao: 0,
};

export interface RoleContext {
  chain: OpenedChain;
  hotkey: ChainSigner;
  coldkey?: ChainSigner;
  node: PeerNode;
  logger: Logger;
  registry: Registry;
  close(): Promise<void>;
}

/** Opens the chain, unlocks the keys, loads (or creates) the peer key next to the wallet, starts the node. */
export async function openRole(
  cfg: RoleConfig,
  opts: { name: string; needColdkey: boolean; access?: Partial<AccessOptions> },
): Promise<RoleContext> {
  const logger = createLogger({ level: cfg.logLevel as LogLevel, name: opts.name });
  const signerInit: SignerInit = {
    devAccount: cfg.dev === "" ? undefined : cfg.dev,
    walletPath: cfg.walletPath,
    walletName: cfg.walletName,
    walletHotkey: cfg.walletHotkey,
  };
  const chain = await openChain({
    chain: cfg.chain,
    simState: cfg.simState === "" ? undefined : cfg.simState,
  });
  const closers: (() => Promise<void>)[] = [() => chain.close()];
  const close = async () => {
    for (const c of closers.reverse())
      await c().catch((err) => logger.warn({ err: String(err) }, "shutdown step failed"));
  };
  try {
    const hotkey = await hotkeySigner(signerInit);
    const coldkey = opts.needColdkey ? await coldkeySigner(signerInit) : undefined;
    const seedPath =
      cfg.dev === ""
        ? peerSeedPath(expandWalletPath(cfg.walletPath), cfg.walletName, cfg.walletHotkey)
        : join(homedir(), ".plexus", "peerkeys", `dev-${cfg.dev}`);
    const privateKey = await peerKeyFromSeed(await loadOrCreatePeerSeed(seedPath));
    const registry = new Registry();
    const authority = await ChainAuthority.create(chain.client);
    const node = await PeerNode.create({
      signer: signerFromKeyringPair(hotkey),
      authority,
      netuid: cfg.netuid,
      privateKey,
      options: {
        listen: cfg.listen,
        announce: cfg.announce,
        access: { minStakeRao: BigInt(Math.round(cfg.minStakeTao * 1e9)), ...opts.access },
      },
      metrics: createNetworkMetrics(registry),
      logger,
    });
    await node.start();
    closers.push(() => node.stop());
    if (cfg.metricsPort > 0) closers.push(await serveMetrics(registry, cfg.metricsPort, cfg.metricsHost));
    logger.info({ peerId: node.peerId, addrs: node.multiaddrs(), hotkey: hotkey.address }, "node started");
    return { chain, hotkey, coldkey, node, logger, registry, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Resolves when SIGINT or SIGTERM arrives (graceful shutdown), or when `signal` aborts. */
export function untilShutdown(signal?: AbortSignal): { done: Promise<string>; signal: AbortSignal } {
  const ac = new AbortController();
  const done = new Promise<string>((resolve) => {
    const on = (name: string) => () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      ac.abort();
      resolve(name);
    };
    const onInt = on("SIGINT");
    const onTerm = on("SIGTERM");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
    signal?.addEventListener("abort", on("abort"), { once: true });
  });
  return { done, signal: ac.signal };
}
