import { ServedModel } from "../../node/runtime/serve.ts";
import { InvalidInputError } from "../../sim/errors.ts";
import type { MinerContext, MinerHandler } from "../types.ts";
import { CLASSES, type DistillQuery, type DistillResponse, INPUTS } from "./schema.ts";
import { argmaxRows } from "./teacher.ts";

/**
 * The distill miner: serves its own trained model (from `plexus subnet train`). Each point of a
 * query goes through the dynamic batcher, so the rows of concurrent queries share batches.
 */
export async function createMiner(
  context: MinerContext,
): Promise<MinerHandler<DistillQuery, DistillResponse>> {
  if (context.modelDir === undefined) {
    throw new InvalidInputError(
      "modelDir",
      "the distill miner needs a trained model",
      "a folder made by `plexus subnet train --subnet distill --out DIR`",
    );
  }
  const model = await context.runtime.loadModel(context.modelDir);
  if (model.inputSize !== INPUTS || model.outputSize !== CLASSES) {
    await model.dispose();
    throw new InvalidInputError(
      "modelDir",
      `model maps ${model.inputSize} → ${model.outputSize} values`,
      `${INPUTS} → ${CLASSES}`,
    );
  }
  await model.warmUp([1, 64]);
  const served = new ServedModel(model, { maxBatchSize: 256, maxWaitMs: 1 });
  return {
    async handle(query, options) {
      const rows = await Promise.all(
        query.inputs.map((p) => served.predict(Float32Array.from(p), { signal: options?.signal })),
      );
      const y = new Float32Array(rows.length * CLASSES);
      rows.forEach((r, i) => {
        y.set(r, i * CLASSES);
      });
      return { nonce: query.nonce, labels: argmaxRows(y, rows.length, CLASSES) };
    },
    async close() {
      await served.close();
      await model.dispose();
    },
  };
}
