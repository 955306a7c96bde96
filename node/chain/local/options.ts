import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Project root (two folders above node/chain/local). */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The bundled-for-tests subtensor spec (spec_version 293, Aura, fast blocks, sudo //Alice). */
export const FIXTURE_SPEC_NAME = "subtensor-spec293-aura-dev.json.gz";

/**
 * Where `plexus chain local` finds its chain spec: the explicit path, else $PLEXUS_CHAIN_SPEC,
 * else ../shared/fixtures/<fixture> next to the project (or under $PLEXUS_SHARED).
 */
export function defaultSpecPath(explicit?: string): string {
  if (explicit !== undefined) return explicit;
  if (process.env.PLEXUS_CHAIN_SPEC !== undefined) return process.env.PLEXUS_CHAIN_SPEC;
  const shared = process.env.PLEXUS_SHARED ?? join(projectRoot, "..", "shared");
  return join(shared, "fixtures", FIXTURE_SPEC_NAME);
}

export function specAvailable(path = defaultSpecPath()): boolean {
  return existsSync(path);
}

export interface LocalChainOptions {
  /** Chain spec (plain or raw; `.gz` allowed). */
  specPath: string;
  /** Loopback by default: the local chain has funded dev keys anyone could use. */
  host: string;
  /** 0 = any free port. */
  port: number;
  /** `instant`: one block per extrinsic; `batch`: pool drained in one block; `manual`: only on request. */
  blockMode: "instant" | "batch" | "manual";
  /** Balance given to each dev account missing from the spec, rao. */
  devBalanceRao: bigint;
}

export const defaultLocalChainOptions: Omit<LocalChainOptions, "specPath"> = {
  host: "127.0.0.1",
  port: 0,
  blockMode: "instant",
  devBalanceRao: 1_000_000n * 1_000_000_000n,
};
