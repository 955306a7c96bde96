import { createHash } from "node:crypto";

/**
 * A deterministic random stream: SHA-256 in counter mode over a key. Same key, same stream, on every
 * machine, with no state outside the object. Used for challenges (a validator's secret seed plus a
 * nonce) and for the validator's private randomness in checks, where a miner must not be able to
 * predict the values: without the key the stream is unpredictable.
 */
export class SeededStream {
  private block = new Uint8Array(0);
  private pos = 0;
  private counter = 0;

  constructor(private readonly key: string) {}

  /** Uniform byte in [0, 256). */
  byte(): number {
    if (this.pos >= this.block.length) this.refill();
    return this.block[this.pos++];
  }

  /** Uniform integer in [0, 2^32). */
  uint32(): number {
    return ((this.byte() << 24) | (this.byte() << 16) | (this.byte() << 8) | this.byte()) >>> 0;
  }

  /** Uniform float in [0, 1) with 32 random bits. */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n) for 1 ≤ n ≤ 2^32, without modulo bias (rejection sampling). */
  below(n: number): number {
    const limit = Math.floor(4294967296 / n) * n;
    for (;;) {
      const v = this.uint32();
      if (v < limit) return v % n;
    }
  }

  private refill(): void {
    const ctr = Buffer.alloc(8);
    ctr.writeBigUInt64BE(BigInt(this.counter++));
    this.block = createHash("sha256").update(this.key).update(ctr).digest();
    this.pos = 0;
  }
}

/** A key for a sub-stream, from parts joined unambiguously (hex SHA-256). */
export function deriveKey(...parts: string[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest("hex");
}
