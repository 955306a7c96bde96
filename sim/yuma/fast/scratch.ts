/**
 * Reusable scratch buffers for the fast epoch, one per named slot, grown on demand and never
 * shrunk. Large sweeps call the epoch thousands of times; allocating (and zeroing) tens of MB of
 * intermediates per call costs more than the arithmetic. Buffers are not cleared between uses:
 * each user initialises what it reads. The epoch is synchronous, so one set of slots is enough;
 * nothing that leaves the epoch (its output) lives in a slot.
 */
const f64 = new Map<string, Float64Array>();
const i32 = new Map<string, Int32Array>();

const grow = (size: number): number => Math.max(size, 1024) + (size >> 2);

export function scratchF64(slot: string, size: number): Float64Array {
  let a = f64.get(slot);
  if (a === undefined || a.length < size) {
    a = new Float64Array(grow(size));
    f64.set(slot, a);
  }
  return a;
}

export function scratchI32(slot: string, size: number): Int32Array {
  let a = i32.get(slot);
  if (a === undefined || a.length < size) {
    a = new Int32Array(grow(size));
    i32.set(slot, a);
  }
  return a;
}
