import { throwIfAborted } from "../../node/runtime/async.ts";
import { int32ToBase64 } from "../common/base64.ts";
import type { MinerContext, MinerHandler } from "../types.ts";
import { expandMatrices } from "./matrices.ts";
import type { MatmulQuery, MatmulResponse } from "./schema.ts";

/** The matmul miner: expands A and B and multiplies them on the node's runtime (GPU when present). */
export async function createMiner(context: MinerContext): Promise<MinerHandler<MatmulQuery, MatmulResponse>> {
  const { runtime } = context;
  return {
    async handle(query, options) {
      throwIfAborted(options?.signal);
      const { n } = query;
      const { a, b } = expandMatrices(query.matrixSeed, n);
      const c = await runtime.matmul({ rows: n, cols: n, data: a }, { rows: n, cols: n, data: b }, options);
      // Entries are exact integers (see matrices.ts); rounding only normalises -0.
      return { nonce: query.nonce, c: int32ToBase64(Int32Array.from(c.data, Math.round)) };
    },
    async close() {},
  };
}
