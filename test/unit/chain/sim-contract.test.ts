import test from "ava";
import { DEV_ACCOUNT_NAMES, devAddress } from "../../../node/chain/dev-keys.ts";
import { SimChain } from "../../../node/chain/sim/chain.ts";
import { chainContract } from "../../helpers/chain-contract.ts";

chainContract(test, "sim", async () => {
  const balances: Record<string, bigint> = {};
  for (const name of DEV_ACCOUNT_NAMES) balances[await devAddress(name)] = 1_000_000n * 1_000_000_000n;
  const chain = new SimChain({ preset: "fast-blocks", blockMode: "instant", balances });
  await chain.connect();
  return {
    client: chain,
    advance: async (n) => {
      await chain.advance(n);
    },
    close: () => chain.disconnect(),
  };
});
