import * as tf from "@tensorflow/tfjs";
import { BackendUnavailableError } from "../errors.ts";

/**
 * tfjs-node / tfjs-node-gpu (TensorFlow's C library): optional dependencies, because their install
 * downloads libtensorflow. Both register the backend "tensorflow"; tfjs-node-gpu silently runs on
 * the CPU when CUDA is missing, so the GPU rung also checks that a GPU device is in use.
 */
export async function startNative(backend: "tfjs-node-gpu" | "tfjs-node"): Promise<void> {
  // A variable specifier: the packages are optional and may be absent at type-check time too.
  const pkg: string = backend === "tfjs-node-gpu" ? "@tensorflow/tfjs-node-gpu" : "@tensorflow/tfjs-node";
  try {
    await import(pkg);
  } catch (err) {
    throw new BackendUnavailableError(
      backend,
      `${pkg} is not installed (${(err as Error).message.split("\n")[0]})`,
    );
  }
  if (!(await tf.setBackend("tensorflow"))) {
    throw new BackendUnavailableError(backend, `${pkg} loaded but its backend failed to initialise`);
  }
  if (backend === "tfjs-node-gpu") {
    const usesGpu = (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice;
    if (usesGpu !== true) {
      throw new BackendUnavailableError(
        backend,
        "TensorFlow sees no CUDA GPU (driver, CUDA or cuDNN missing)",
      );
    }
  }
}
