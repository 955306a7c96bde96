import { startLocalChain } from "./local.ts";
import type { LocalChainOptions } from "./options.ts";

/**
 * `plexus chain local`: starts the runtime, prints the ws URL (or a JSON line), and runs until
 * SIGINT/SIGTERM.
 */
export async function runLocalChain(opts: Partial<LocalChainOptions>, json: boolean): Promise<void> {
  const chain = await startLocalChain(opts);
  process.stdout.write(
    json
      ? `${JSON.stringify({ ws_url: chain.wsUrl, spec: chain.specPath, block_mode: opts.blockMode })}\n`
      : `subtensor (chopsticks) listening on ${chain.wsUrl}\ndev accounts: //Alice //Bob //Charlie //Dave //Eve //Ferdie (sudo: //Alice)\n`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await chain.close();
}
