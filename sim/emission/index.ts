/**
 * sim/emission — the emission and stake dynamics engine (dTAO), exact to the rao against
 * opentensor/subtensor @ 14bc6f9 (shared spec/emission.md). Pure and deterministic: no I/O, no
 * clock, no randomness; balances are bigint rao, fixed point is emulated on bigint bit patterns.
 *
 * The block stepper
 * -----------------
 * State is a plain mutable `ChainState` (`createState`, `newSubnet`, `addSubnet`, `registerHotkey`,
 * `increaseStakeFor`; `cloneState` for snapshots). `step(state, actions, epochFn, opts?)` runs one
 * block: burn decay → block emission minted → coinbase (EMA-price split, injection / chain buys,
 * owner cut, pending alpha, due epochs run through `epochFn` and distributed) → EMA prices → the
 * block's `actions` (stake, unstake, move, transfer, registrations, start_call). It returns a
 * `BlockReport` (emission, epochs with their payouts, action outcomes; per-subnet injection terms
 * with `{ trace: true }`). Per-block work is O(subnets); epochs run only every tempo.
 *
 * The epoch is injected: `EpochFn = (input: EpochInput) => HotkeyEmission[]` receives the subnet,
 * the state and the alpha to distribute and returns per-hotkey server/validator rao. Use
 * `yumaEpoch({ mode: "exact" | "fast", weights })` for sim/yuma's epoch, `termsEpoch` for fixed
 * normalised incentive/dividend terms, or any function of your own.
 *
 * @example
 * ```ts
 * import { addSubnet, createState, newSubnet, registerHotkey, increaseStakeFor, step, yumaEpoch } from "./index.ts";
 * const state = createState({ block: 1000n, totalIssuance: 7_000_000n * 10n ** 9n });
 * state.balances.set("alice", 100n * 10n ** 9n);
 * registerHotkey(state, "validator", "alice");
 * addSubnet(state, newSubnet(1, { tao: 10n ** 13n, alphaIn: 2n * 10n ** 14n, firstEmissionBlock: 1n,
 *   movingPrice: 1n << 30n, uids: ["validator"], blockAtRegistration: [0n], uidEmission: [0n] }));
 * increaseStakeFor(state, "validator", "alice", 1, 10n ** 12n);
 * const epochFn = yumaEpoch({ mode: "fast", weights: () => [[[0, 65535]]] });
 * for (let b = 0; b < 720; b++) {
 *   const actions = b === 10 ? [{ type: "add_stake", coldkey: "alice", hotkey: "validator", netuid: 1, tao: 10n ** 9n } as const] : [];
 *   const report = step(state, actions, epochFn);
 *   for (const e of report.epochs) console.log(e.netuid, e.block, e.incentivePaid, e.alphaDividends);
 * }
 * ```
 *
 * Fast stepping for sweeps
 * ------------------------
 * `runFast(state, blocks, epochFn, { onEpoch })` advances `blocks` blocks without actions with the
 * per-block coinbase (emission, split, injection, chain buys, pending alpha, EMA prices) in float64
 * over struct-of-arrays mirrors of the subnets — not bit-exact (rounding drift, bounded by a unit
 * test at 1e-6 relative over 10k blocks); epochs use `epochFn` (pair it with
 * `yumaEpoch({ mode: "fast" })`) and the exact distribution. Interleave it with `step` for blocks
 * that carry actions.
 *
 * Other entry points: `blockEmissionForIssuance`, `halvingSchedule` (halving), `quoteSwap`,
 * `poolPrice`, `weightsForAddedLiquidity` (balancer AMM), share pools (`updateValueForOne`, ...),
 * `addStake` / `removeStake` / `moveStake`, `registerNeuron` / `registerNetwork` /
 * `neuronToPrune` / `currentLockCost`, `decayBurn` / `bumpBurn` / `networkLockCost`. Every constant
 * is in constants.ts with its subtensor source file.
 *
 * Not modelled: child/parent key delegation, root-dividend claiming (root dividends accumulate in
 * `rootClaimable`), auto-stake destinations, conviction locks and staking rate limits, commit-reveal,
 * multiple mechanisms per subnet; subnet dissolution pays pro rata and recycles the rounding (no largest-remainder, no owner
 * lock refund).
 */
export * from "./balancer.ts";
export * from "./block_emission.ts";
export * from "./coinbase.ts";
export * from "./constants.ts";
export * from "./distribute.ts";
export * from "./epoch.ts";
export * from "./errors.ts";
export * from "./fast.ts";
export * from "./injection.ts";
export * from "./moving_price.ts";
export * from "./registration.ts";
export * from "./registration_price.ts";
export * from "./share_pool.ts";
export * from "./split.ts";
export * from "./stakes.ts";
export * from "./staking.ts";
export * from "./state.ts";
export * from "./step.ts";
export * from "./swap.ts";
export * from "./yuma_epoch.ts";
