import type {
  Economy,
  EconomyFactory,
  EconomyInit,
  EpochHook,
  PoolView,
} from "../../../../sim/scenario/economy.ts";

/**
 * A deliberately simple economy for testing the scenario layer on its own: a constant-product
 * pool per subnet without fees, 1 TAO per block split evenly, 1 alpha per block per subnet paid
 * out at each epoch. It is not the chain's economics (that is sim/emission); it only has to be
 * deterministic and move balances in the right direction.
 */
interface FakeSubnet {
  netuid: number;
  tempo: number;
  tao: bigint;
  alphaIn: bigint;
  alphaOut: bigint;
  pending: bigint;
  burn: bigint;
  taoEmitted: bigint;
  uids: number;
}

interface FakeState {
  block: number;
  issuance: bigint;
  last: bigint;
  subnets: FakeSubnet[];
  stakes: Record<string, string>;
}

const key = (n: number, h: string, c: string): string => `${n}|${h}|${c}`;

class FakeEconomy implements Economy {
  constructor(private s: FakeState) {}
  get block(): number {
    return this.s.block;
  }
  get totalIssuance(): bigint {
    return this.s.issuance;
  }
  get lastBlockEmission(): bigint {
    return this.s.last;
  }
  private sub(netuid: number): FakeSubnet {
    return this.s.subnets.find((x) => x.netuid === netuid)!;
  }
  pool(netuid: number): PoolView {
    const p = this.sub(netuid);
    const price = Number(p.tao) / Number(p.alphaIn);
    return {
      taoReserve: p.tao,
      alphaIn: p.alphaIn,
      alphaOut: p.alphaOut,
      price,
      movingPrice: Math.min(1, price),
      burn: p.burn,
      taoEmitted: p.taoEmitted,
    };
  }
  stakeOf(netuid: number, hotkey: string, coldkey: string): bigint {
    return BigInt(this.s.stakes[key(netuid, hotkey, coldkey)] ?? "0");
  }
  credit(netuid: number, hotkey: string, coldkey: string, alpha: bigint): void {
    this.s.stakes[key(netuid, hotkey, coldkey)] = String(this.stakeOf(netuid, hotkey, coldkey) + alpha);
  }
  addStake(netuid: number, hotkey: string, coldkey: string, tao: bigint): bigint {
    const p = this.sub(netuid);
    const out = p.alphaIn - (p.tao * p.alphaIn) / (p.tao + tao);
    p.tao += tao;
    p.alphaIn -= out;
    p.alphaOut += out;
    this.credit(netuid, hotkey, coldkey, out);
    return out;
  }
  removeStake(netuid: number, hotkey: string, coldkey: string, alpha: bigint): bigint {
    if (alpha > this.stakeOf(netuid, hotkey, coldkey)) return 0n;
    const p = this.sub(netuid);
    const out = p.tao - (p.tao * p.alphaIn) / (p.alphaIn + alpha);
    p.tao -= out;
    p.alphaIn += alpha;
    p.alphaOut -= alpha;
    this.credit(netuid, hotkey, coldkey, -alpha);
    return out;
  }
  burnRegister(netuid: number): { uid: number; burn: bigint } | null {
    const p = this.sub(netuid);
    const paid = p.burn;
    p.burn = (p.burn * 126n) / 100n;
    p.uids += 1;
    return { uid: p.uids - 1, burn: paid };
  }
  step(hook: EpochHook): void {
    this.s.block += 1;
    this.s.last = 1_000_000_000n;
    this.s.issuance += this.s.last;
    const share = this.s.last / BigInt(this.s.subnets.length);
    for (const p of this.s.subnets) {
      p.tao += share;
      p.taoEmitted += share;
      p.alphaIn += share;
      p.pending += 1_000_000_000n;
      if (this.s.block % p.tempo === 0) {
        const payouts = hook(p.netuid, p.pending, this.s.block);
        p.pending = 0n;
        for (const x of payouts) {
          this.credit(p.netuid, x.hotkey, x.hotkey, x.server + x.validator);
          p.alphaOut += x.server + x.validator;
        }
      }
    }
  }
  snapshot(): unknown {
    return JSON.parse(JSON.stringify(this.s, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)));
  }
}

const revive = (v: unknown): unknown =>
  typeof v === "string" && /^-?\d+n$/.test(v)
    ? BigInt(v.slice(0, -1))
    : Array.isArray(v)
      ? v.map(revive)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]))
        : v;

export const fakeEconomies: EconomyFactory = {
  create(init: EconomyInit): Economy {
    const e = new FakeEconomy({
      block: 0,
      issuance: init.totalIssuance,
      last: 0n,
      subnets: init.subnets.map((s) => ({
        netuid: s.netuid,
        tempo: s.tempo,
        tao: s.taoReserve,
        alphaIn: s.alphaIn,
        alphaOut: s.alphaOut,
        pending: 0n,
        burn: s.burn,
        taoEmitted: 0n,
        uids: s.neurons.length,
      })),
      stakes: {},
    });
    for (const st of init.stakes) e.credit(st.netuid, st.hotkey, st.coldkey, st.alpha);
    return e;
  },
  restore(snapshot: unknown): Economy {
    return new FakeEconomy(revive(snapshot) as FakeState);
  },
};
