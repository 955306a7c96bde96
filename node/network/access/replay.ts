/**
 * Replay guard for one connection: a sliding window over request nonces (as in IPsec/DTLS).
 * Nonces above the highest seen are accepted and move the window; nonces inside the window are
 * accepted once; nonces older than the window are refused. Memory is `window` bits, whatever the
 * peer sends. Together with the timestamp check (|now − ts| ≤ skew) this bounds replay both
 * within a connection and across connections.
 */
export type ReplayVerdict = "ok" | "duplicate" | "too_old";

export class ReplayWindow {
  private readonly bits: Uint32Array;
  private highest = 0;

  constructor(private readonly window: number) {
    this.bits = new Uint32Array(Math.ceil(window / 32));
  }

  check(nonce: number): ReplayVerdict {
    if (nonce > this.highest) {
      const shift = nonce - this.highest;
      if (shift >= this.window) this.bits.fill(0);
      else for (let n = this.highest + 1; n < nonce; n++) this.clear(n);
      this.highest = nonce;
      this.set(nonce);
      return "ok";
    }
    if (this.highest - nonce >= this.window) return "too_old";
    if (this.get(nonce)) return "duplicate";
    this.set(nonce);
    return "ok";
  }

  private idx(n: number): [number, number] {
    const i = n % this.window;
    return [i >>> 5, 1 << (i & 31)];
  }
  private get(n: number): boolean {
    const [w, m] = this.idx(n);
    return (this.bits[w]! & m) !== 0;
  }
  private set(n: number): void {
    const [w, m] = this.idx(n);
    this.bits[w]! |= m;
  }
  private clear(n: number): void {
    const [w, m] = this.idx(n);
    this.bits[w]! &= ~m;
  }
}
