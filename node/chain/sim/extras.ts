import type { SimGlobalParams, SimSubnetParams } from "./defaults.ts";

/** Where a hotkey served (serve_axon), as stored per subnet. */
export interface SimAxon {
  block: bigint;
  version: number;
  ip: bigint;
  ipType: 4 | 6;
  port: number;
  protocol: number;
}

export interface SimCommit {
  hash: string;
  epoch: bigint;
  block: bigint;
}

/**
 * What SimChain keeps per subnet beside sim/emission's SubnetState: hyperparameters, the per-uid
 * vectors the epoch reads and writes, axons and pending hash commits.
 */
export interface SimSubnetExtras {
  params: SimSubnetParams;
  weights: Array<Array<[number, number]>>;
  bonds: Array<Array<[number, number]>>;
  lastUpdate: bigint[];
  validatorPermit: boolean[];
  active: boolean[];
  incentive: number[];
  dividends: number[];
  consensus: number[];
  /** Block of the previous epoch (`LastMechansimStepBlock`), 0 = never. */
  lastStepBlock: bigint;
  axons: Map<string, SimAxon>;
  commits: Map<string, SimCommit[]>;
}

export function newExtras(params: SimSubnetParams): SimSubnetExtras {
  return {
    params: { ...params },
    weights: [],
    bonds: [],
    lastUpdate: [],
    validatorPermit: [],
    active: [],
    incentive: [],
    dividends: [],
    consensus: [],
    lastStepBlock: 0n,
    axons: new Map(),
    commits: new Map(),
  };
}

/** A uid (new or replaced) starts empty; its last update is its registration block, as on chain. */
export function resetUid(x: SimSubnetExtras, uid: number, block: bigint): void {
  x.weights[uid] = [];
  x.bonds[uid] = [];
  x.lastUpdate[uid] = block;
  x.validatorPermit[uid] = false;
  x.active[uid] = true;
  x.incentive[uid] = 0;
  x.dividends[uid] = 0;
  x.consensus[uid] = 0;
}

export type { SimGlobalParams };
