import type { ChainClient, Metagraph } from "../chain/types.ts";
import type { PeerAuthority, PeerRegistration } from "./identity.ts";

/**
 * PeerAuthority over a ChainClient: registrations come from a metagraph snapshot per subnet,
 * refreshed when older than `ttlMs` (one chain read serves every lookup in between), so the
 * decisions use chain state of a known, bounded age (wire.md R9).
 */
export class ChainAuthority implements PeerAuthority {
  private readonly snapshots = new Map<number, { at: number; byHotkey: Map<string, PeerRegistration> }>();
  private readonly loading = new Map<number, Promise<Map<string, PeerRegistration>>>();

  private constructor(
    private readonly chain: ChainClient,
    readonly genesisHash: string,
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  static async create(
    chain: ChainClient,
    opts: { ttlMs?: number; clock?: () => number; signal?: AbortSignal } = {},
  ): Promise<ChainAuthority> {
    const info = await chain.info({ signal: opts.signal });
    return new ChainAuthority(chain, info.genesisHash, opts.ttlMs ?? 12_000, opts.clock ?? Date.now);
  }

  async lookup(
    netuid: number,
    hotkey: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<PeerRegistration | undefined> {
    const snap = this.snapshots.get(netuid);
    if (snap !== undefined && this.clock() - snap.at <= this.ttlMs) return snap.byHotkey.get(hotkey);
    let pending = this.loading.get(netuid);
    if (pending === undefined) {
      pending = this.chain
        .metagraph(netuid, { signal: options.signal })
        .then((m) => {
          const byHotkey = registrations(m);
          this.snapshots.set(netuid, { at: this.clock(), byHotkey });
          return byHotkey;
        })
        .finally(() => this.loading.delete(netuid));
      this.loading.set(netuid, pending);
    }
    return (await pending).get(hotkey);
  }

  /** Forgets the cached snapshot (e.g. after the caller saw a new metagraph). */
  invalidate(netuid: number): void {
    this.snapshots.delete(netuid);
  }
}

export function registrations(m: Metagraph): Map<string, PeerRegistration> {
  const out = new Map<string, PeerRegistration>();
  m.hotkeys.forEach((hotkey, uid) => {
    out.set(hotkey, {
      uid,
      stakeRao: m.totalStake[uid] ?? 0n,
      validatorPermit: m.validatorPermit[uid] ?? false,
    });
  });
  return out;
}
