/**
 * Seeded pseudo-random numbers for scenarios (sfc32, seeded through splitmix32). Every random
 * choice in a simulation draws from an `Rng` passed in, never from Math.random, so a scenario file
 * and a seed give the same run everywhere.
 */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, one value per call). */
  normal(): number;
  /** An independent stream derived from this one and a label (for per-agent streams). */
  fork(label: string): Rng;
  /** The internal state, so a checkpoint can resume the exact stream. */
  state(): [number, number, number, number];
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a string, used to turn labels and string seeds into 32-bit seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A new generator from a seed (number or string) or from a saved state. */
export function createRng(seed: number | string | [number, number, number, number]): Rng {
  let a: number;
  let b: number;
  let c: number;
  let d: number;
  if (Array.isArray(seed)) {
    [a, b, c, d] = seed.map((x) => x >>> 0) as [number, number, number, number];
  } else {
    const mix = splitmix32(typeof seed === "string" ? hashString(seed) : seed >>> 0);
    a = mix();
    b = mix();
    c = mix();
    d = mix();
    // Warm up so that close seeds diverge.
    for (let i = 0; i < 12; i++) sfc();
  }
  function sfc(): number {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  }
  const rng: Rng = {
    next: () => sfc() / 4294967296,
    int: (n) => Math.floor((sfc() / 4294967296) * n),
    normal: () => {
      // 1 - u keeps the logarithm finite.
      const u = 1 - sfc() / 4294967296;
      const v = sfc() / 4294967296;
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork: (label) => createRng((sfc() ^ hashString(label)) >>> 0),
    state: () => [a, b, c, d],
  };
  return rng;
}
