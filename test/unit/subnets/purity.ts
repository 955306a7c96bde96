/**
 * Runs `fn` with the clock and Math.random replaced by functions that throw, so a scoring function
 * that reads either fails the test instead of passing by luck.
 */
export function withoutClockOrRandom<T>(fn: () => T): T {
  const saved = { random: Math.random, now: Date.now, perf: performance.now };
  const forbid = () => {
    throw new Error("a pure function read the clock or Math.random");
  };
  Math.random = forbid;
  Date.now = forbid;
  performance.now = forbid;
  try {
    return fn();
  } finally {
    Math.random = saved.random;
    Date.now = saved.now;
    performance.now = saved.perf;
  }
}
