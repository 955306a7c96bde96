/**
 * Per-subnet values SimChain keeps beside sim/emission's state (the emission engine owns pools,
 * stakes, registration and tempo). Defaults are the subtensor runtime's initial values
 * (runtime/src/lib.rs `SubtensorInitial*`, opentensor/subtensor @14bc6f9, spec/chain.md §2.1);
 * the `fast-blocks` preset matches the local fixture runtime (spec 293 aura-dev: Tempo 10,
 * DurationOfStartCall 10, commit-reveal off), read from its metadata and storage.
 */
export interface SimSubnetParams {
  tempo: number;
  minAllowedWeights: number;
  maxWeightsLimit: number;
  weightsVersionKey: bigint;
  weightsSetRateLimit: bigint;
  commitRevealEnabled: boolean;
  revealPeriodEpochs: bigint;
  servingRateLimit: bigint;
  activityCutoff: number;
  maxAllowedValidators: number;
  kappa: number;
  rho: number;
  bondsMovingAverage: bigint;
  immunityPeriod: number;
  maxAllowedUids: number;
  targetRegistrationsPerInterval: number;
  maxRegistrationsPerBlock: number;
}

export interface SimGlobalParams {
  /** Blocks after subnet registration before `start_call` is accepted (`DurationOfStartCall`). */
  durationOfStartCall: bigint;
  /** Minimum stake to set weights (`StakeThreshold`), alpha rao. */
  stakeThreshold: bigint;
  /** Most unrevealed hash commits per hotkey (`MAX_UNREVEALED_COMMITS` is 10). */
  maxUnrevealedCommits: number;
}

export interface SimPreset {
  subnet: SimSubnetParams;
  global: SimGlobalParams;
}

const MAINNET_SUBNET: SimSubnetParams = {
  tempo: 360,
  minAllowedWeights: 1024,
  maxWeightsLimit: 65_535,
  weightsVersionKey: 0n,
  weightsSetRateLimit: 100n,
  commitRevealEnabled: true,
  revealPeriodEpochs: 1n,
  servingRateLimit: 50n,
  activityCutoff: 5000,
  maxAllowedValidators: 64,
  kappa: 32_767,
  rho: 10,
  bondsMovingAverage: 900_000n,
  immunityPeriod: 5000,
  maxAllowedUids: 256,
  targetRegistrationsPerInterval: 1,
  maxRegistrationsPerBlock: 1,
};

export const SIM_PRESETS: Readonly<Record<"mainnet" | "fast-blocks", SimPreset>> = Object.freeze({
  mainnet: {
    subnet: MAINNET_SUBNET,
    global: { durationOfStartCall: 50_400n, stakeThreshold: 0n, maxUnrevealedCommits: 10 },
  },
  "fast-blocks": {
    subnet: { ...MAINNET_SUBNET, tempo: 10, minAllowedWeights: 1, commitRevealEnabled: false },
    global: { durationOfStartCall: 10n, stakeThreshold: 0n, maxUnrevealedCommits: 10 },
  },
});

export type SimPresetName = keyof typeof SIM_PRESETS;
