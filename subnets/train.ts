import type { Logger } from "../node/log/index.ts";
import { createRuntime } from "../node/runtime/select.ts";
import type { BackendName } from "../node/runtime/types.ts";
import { NotImplementedError } from "../sim/errors.ts";
import { loadSubnet } from "./registry.ts";
import type { TrainOptions, TrainReport } from "./types.ts";

/** Trains a miner model for a subnet on a tfjs backend (`plexus subnet train`). */
export async function trainSubnet(
  name: string,
  options: TrainOptions,
  components: {
    backend?: BackendName;
    logger?: Logger;
    onEpoch?: (epoch: number, loss: number) => void;
  } = {},
): Promise<TrainReport> {
  const { definition } = await loadSubnet(name);
  if (definition.train === undefined) {
    throw new NotImplementedError(`training for subnet "${name}"`, "its miners run a fixed computation");
  }
  const runtime = await createRuntime(
    { backend: components.backend, format: "tfjs" },
    { logger: components.logger },
  );
  try {
    return await definition.train(options, {
      runtime,
      logger: components.logger,
      onEpoch: components.onEpoch,
    });
  } finally {
    await runtime.dispose();
  }
}
