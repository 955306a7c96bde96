import type { MarketAction, MarketStrategy } from "./types.ts";

/** Stake whale: buys `amount_tao` of alpha at `enter_block`, sells everything at `exit_block`. */
export const whale: MarketStrategy<{ amount_tao: number; enter_block: number; exit_block?: number }> = (
  view,
  p,
) => {
  const actions: MarketAction[] = [];
  if (view.block === p.enter_block)
    for (let i = 0; i < view.count; i++) actions.push({ type: "stake", index: i, amountTao: p.amount_tao });
  if (p.exit_block !== undefined && view.block === p.exit_block)
    view.alphaHeld.forEach((a, i) => {
      if (a > 0) actions.push({ type: "unstake", index: i, amountAlpha: a });
    });
  return actions;
};

/**
 * Wash trader: every `every_blocks` in its window alternately buys `amount_tao` of alpha and
 * sells all it holds, moving the pool price and the flow statistics without keeping a position.
 */
export const washTrader: MarketStrategy<{
  amount_tao: number;
  every_blocks: number;
  from_block: number;
  to_block?: number;
}> = (view, p) => {
  if (view.block < p.from_block || (p.to_block !== undefined && view.block > p.to_block)) return [];
  if ((view.block - p.from_block) % p.every_blocks !== 0) return [];
  const actions: MarketAction[] = [];
  for (let i = 0; i < view.count; i++) {
    const held = view.alphaHeld[i] ?? 0;
    actions.push(
      held > 0
        ? { type: "unstake", index: i, amountAlpha: held }
        : { type: "stake", index: i, amountTao: p.amount_tao },
    );
  }
  return actions;
};

/** Registration sniper: every `every_blocks`, registers one more miner if the burn is cheap enough. */
export const sniper: MarketStrategy<{ every_blocks: number; max_burn_tao: number }> = (view, p) =>
  view.block > 0 && view.block % p.every_blocks === 0 && view.burnTao <= p.max_burn_tao
    ? [{ type: "register" }]
    : [];
