import type { MinerContext, MinerHandler } from "../types.ts";
import { LENGTH, type Query, type Response } from "./schema.ts";

/** Computes x·w as a 1×n by n×1 product on the node's model runtime. */
export async function createMiner(context: MinerContext): Promise<MinerHandler<Query, Response>> {
  return {
    async handle(query, options) {
      const c = await context.runtime.matmul(
        { rows: 1, cols: LENGTH, data: Float32Array.from(query.x) },
        { rows: LENGTH, cols: 1, data: Float32Array.from(query.w) },
        options,
      );
      return { nonce: query.nonce, dot: c.data[0] };
    },
    async close() {},
  };
}
