import type { LocalChain } from "../../node/chain/local/local.ts";
import { defaultSpecPath, specAvailable } from "../../node/chain/local/options.ts";

/**
 * Starts the real subtensor runtime (chopsticks) for an e2e test file, or says why it cannot, so
 * that the file registers its tests as skipped with that reason instead of failing or passing.
 */
export async function startLocalChainOrReason(): Promise<{ chain?: LocalChain; reason?: string }> {
  if (!specAvailable())
    return {
      reason: `chain spec not found at ${defaultSpecPath()} (set PLEXUS_CHAIN_SPEC or PLEXUS_SHARED)`,
    };
  try {
    const { startLocalChain } = await import("../../node/chain/local/local.ts");
    return { chain: await startLocalChain({ blockMode: "instant" }) };
  } catch (err) {
    return {
      reason: `the local subtensor runtime did not start: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
