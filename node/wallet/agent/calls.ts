/**
 * How a call moves TAO, for the spending policy. Names are polkadot-js's `section.method`
 * (`api.tx.<section>.<method>`). Sources: pallet_balances; subtensor pallets/subtensor/src/macros/dispatches.rs
 * @ 14bc6f9f (spec/chain.md §3). A call not listed here that carries an amount counts as a spend,
 * so an unknown way of moving funds is limited, never free.
 */
export type CallKind = "spend" | "stake" | "none";

export const CALL_KINDS: Readonly<Record<string, CallKind>> = {
  "balances.transferKeepAlive": "spend",
  "balances.transferAllowDeath": "spend",
  "balances.transferAll": "spend",
  "subtensorModule.burnedRegister": "spend",
  "subtensorModule.registerNetwork": "spend",
  "subtensorModule.addStake": "stake",
  "subtensorModule.addStakeLimit": "stake",
  "subtensorModule.removeStake": "none",
  "subtensorModule.removeStakeLimit": "none",
  "subtensorModule.setWeights": "none",
  "subtensorModule.setMechanismWeights": "none",
  "subtensorModule.commitWeights": "none",
  "subtensorModule.revealWeights": "none",
  "subtensorModule.commitTimelockedWeights": "none",
  "subtensorModule.serveAxon": "none",
};

export function callKind(call: string, amountRao: bigint): CallKind {
  return CALL_KINDS[call] ?? (amountRao > 0n ? "spend" : "none");
}
