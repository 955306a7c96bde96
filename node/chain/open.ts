import { existsSync } from "node:fs";
import { InvalidInputError } from "../../sim/errors.ts";
import { DEV_ACCOUNT_NAMES, devAddress } from "./dev-keys.ts";
import type { ChainClientOptions } from "./options.ts";
import { SimChain } from "./sim/chain.ts";
import { SubtensorClient } from "./subtensor/client.ts";
import type { ChainClient } from "./types.ts";

export interface OpenChainInit {
  /** `ws://…` / `wss://…` for a subtensor node, or `sim` for an in-memory SimChain. */
  chain: string;
  /** SimChain only: state file read at open (if it exists) and written by `close`. */
  simState?: string;
  client?: Partial<ChainClientOptions>;
}

export interface OpenedChain {
  client: ChainClient;
  /** Disconnects; a SimChain with a state file is saved first. */
  close(): Promise<void>;
}

/** Dev balance of a fresh SimChain opened from the CLI (same as the local runtime). */
const SIM_DEV_BALANCE = 1_000_000n * 1_000_000_000n;

/** Opens and connects the chain named on the command line. */
export async function openChain(init: OpenChainInit): Promise<OpenedChain> {
  if (init.chain === "sim") {
    let chain: SimChain;
    if (init.simState !== undefined && existsSync(init.simState)) chain = await SimChain.load(init.simState);
    else {
      const balances: Record<string, bigint> = {};
      for (const name of DEV_ACCOUNT_NAMES) balances[await devAddress(name)] = SIM_DEV_BALANCE;
      chain = new SimChain({ balances });
    }
    await chain.connect();
    return {
      client: chain,
      close: async () => {
        if (init.simState !== undefined) await chain.save(init.simState);
        await chain.disconnect();
      },
    };
  }
  if (!/^wss?:\/\//.test(init.chain))
    throw new InvalidInputError(
      "chain",
      `${JSON.stringify(init.chain)} is not a chain`,
      "ws://host:port, wss://host:port or sim",
    );
  const client = new SubtensorClient(init.chain, init.client);
  await client.connect();
  return { client, close: () => client.disconnect() };
}
