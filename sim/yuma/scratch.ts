/**
 * Typed-array scratch memory reused from one epoch to the next. A 4096-uid epoch works through
 * ~50 MB of temporary matrices; allocating them afresh each time makes V8 run a full mark-compact
 * per epoch (external-memory pressure), which costs more than the epoch itself when the caller
 * holds large inputs. Buffers handed out here never escape the epoch that requested them (results
 * are always freshly allocated), so reuse is invisible to callers: outputs depend on the inputs
 * only. Contents are not cleared: callers write before they read, or `fill` explicitly.
 */
export class Scratch {
  private readonly f64 = new Map<string, Float64Array>();
  private readonly i32 = new Map<string, Int32Array>();

  /** A Float64Array of at least `size` elements for `slot` (contents unspecified). */
  float64(slot: string, size: number): Float64Array {
    let a = this.f64.get(slot);
    if (a === undefined || a.length < size) {
      a = new Float64Array(Math.max(size, 16));
      this.f64.set(slot, a);
    }
    return a;
  }

  /** An Int32Array of at least `size` elements for `slot` (contents unspecified). */
  int32(slot: string, size: number): Int32Array {
    let a = this.i32.get(slot);
    if (a === undefined || a.length < size) {
      a = new Int32Array(Math.max(size, 16));
      this.i32.set(slot, a);
    }
    return a;
  }
}

/** The scratch memory of the exact epoch (JS runs one epoch at a time per thread). */
export const epochScratch = new Scratch();
