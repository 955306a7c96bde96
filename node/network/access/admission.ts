import { WireErrorCode } from "../errors.ts";
import type { PeerRegistration } from "../identity.ts";
import type { AccessOptions } from "../options.ts";
import { TokenBucket } from "./token-bucket.ts";

/**
 * Admission of one request by a verified caller: blacklist, minimum stake, validator permit, then a
 * per-hotkey token bucket whose rate grows with stake, then the caller's in-flight limit. It only
 * ever sees hotkeys that passed the handshake (authentication runs first, cf. wire.md W2).
 */
export type AdmissionVerdict =
  | { ok: true }
  | { ok: false; code: WireErrorCode; message: string; retryAfterMs: number };

const MAX_TRACKED = 10_000;

export class Admission {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly inFlight = new Map<string, number>();
  private readonly blacklist: Set<string>;

  constructor(private readonly opts: AccessOptions) {
    this.blacklist = new Set(opts.blacklist);
  }

  /** Requests per second granted to a stake. */
  rateFor(stakeRao: bigint): number {
    const tao = Number(stakeRao / 1_000_000n) / 1000;
    return Math.min(this.opts.maxRps, this.opts.baseRps + this.opts.rpsPerTao * tao);
  }

  check(hotkey: string, reg: PeerRegistration, now: number): AdmissionVerdict {
    if (this.blacklist.has(hotkey)) {
      return {
        ok: false,
        code: WireErrorCode.forbidden,
        message: "hotkey is blacklisted by this node",
        retryAfterMs: 0,
      };
    }
    if (reg.stakeRao < this.opts.minStakeRao) {
      return {
        ok: false,
        code: WireErrorCode.forbidden,
        message: `stake ${reg.stakeRao} rao is below the minimum ${this.opts.minStakeRao} rao`,
        retryAfterMs: 0,
      };
    }
    if (this.opts.requireValidatorPermit && !reg.validatorPermit) {
      return {
        ok: false,
        code: WireErrorCode.forbidden,
        message: "a validator permit is required",
        retryAfterMs: 0,
      };
    }
    const rate = this.rateFor(reg.stakeRao);
    let bucket = this.buckets.get(hotkey);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_TRACKED) this.prune(now);
      bucket = new TokenBucket(rate, Math.max(1, rate * this.opts.burstSeconds), now);
      this.buckets.set(hotkey, bucket);
    } else if (bucket.rate !== rate) {
      bucket.rate = rate;
      bucket.burst = Math.max(1, rate * this.opts.burstSeconds);
    }
    if (!bucket.take(now)) {
      return {
        ok: false,
        code: WireErrorCode.rateLimited,
        message: `rate limit of ${rate.toFixed(1)} requests/s exceeded`,
        retryAfterMs: bucket.retryAfterMs(now),
      };
    }
    if ((this.inFlight.get(hotkey) ?? 0) >= this.opts.maxInFlightPerPeer) {
      return {
        ok: false,
        code: WireErrorCode.busy,
        message: `more than ${this.opts.maxInFlightPerPeer} requests in flight from this hotkey`,
        retryAfterMs: 50,
      };
    }
    return { ok: true };
  }

  begin(hotkey: string): void {
    this.inFlight.set(hotkey, (this.inFlight.get(hotkey) ?? 0) + 1);
  }

  end(hotkey: string): void {
    const n = (this.inFlight.get(hotkey) ?? 1) - 1;
    if (n <= 0) this.inFlight.delete(hotkey);
    else this.inFlight.set(hotkey, n);
  }

  /** Full buckets carry no state, so dropping them keeps memory bounded without changing limits. */
  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (b.isFull(now)) this.buckets.delete(k);
  }
}
