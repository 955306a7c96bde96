import "./quiet.ts";
import { DEV_ACCOUNT_NAMES, devAddress } from "../dev-keys.ts";
import { LocalChainError } from "../errors.ts";
import { buildRawGenesis, readChainSpec } from "./genesis.ts";
import { defaultLocalChainOptions, defaultSpecPath, type LocalChainOptions } from "./options.ts";

export interface LocalChain {
  /** `ws://127.0.0.1:PORT` */
  wsUrl: string;
  specPath: string;
  /** Builds `count` empty blocks now (any block mode). */
  newBlocks(count?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs a real subtensor runtime locally with chopsticks (in-process, RPC server on loopback): the
 * spec's genesis is built with the runtime's GenesisBuilder, the dev accounts //Alice…//Ferdie
 * are funded, and blocks are built on demand. Needs the chopsticks-core patch in patches/ (Aura
 * slot duration, fixtures README fact 3), applied by `npm install` through patch-package.
 */
export async function startLocalChain(init: Partial<LocalChainOptions> = {}): Promise<LocalChain> {
  const opts: LocalChainOptions = {
    ...defaultLocalChainOptions,
    specPath: defaultSpecPath(init.specPath),
    ...stripUndefined(init),
  };
  const { setupWithServer, BuildBlockMode, destroyWorker } = await import("@acala-network/chopsticks");
  const spec = await readChainSpec(opts.specPath);
  const extraBalances: Record<string, bigint> = {};
  for (const name of DEV_ACCOUNT_NAMES) extraBalances[await devAddress(name)] = opts.devBalanceRao;
  const genesis = await buildRawGenesis(spec, { extraBalances });
  const mode = {
    instant: BuildBlockMode.Instant,
    batch: BuildBlockMode.Batch,
    manual: BuildBlockMode.Manual,
  }[opts.blockMode];
  let ctx: Awaited<ReturnType<typeof setupWithServer>>;
  try {
    ctx = await setupWithServer({
      genesis,
      port: opts.port,
      host: opts.host,
      "build-block-mode": mode,
      "allow-unresolved-imports": true,
      "mock-signature-host": false,
      // biome-ignore lint/suspicious/noExplicitAny: chopsticks' argv type is its zod config schema
    } as any);
  } catch (cause) {
    throw new LocalChainError(
      "LOCAL_CHAIN_START_FAILED",
      `chopsticks could not start the runtime: ${String(cause)}`,
      { specPath: opts.specPath },
      cause,
    );
  }
  const { chain } = ctx;
  let closed = false;
  return {
    wsUrl: `ws://${ctx.addr}`,
    specPath: opts.specPath,
    async newBlocks(count = 1) {
      for (let i = 0; i < count; i++) await chain.newBlock();
    },
    async close() {
      if (closed) return;
      closed = true;
      await ctx.close();
      await destroyWorker();
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
