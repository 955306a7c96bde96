import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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
  const binding = nativeBinding(pkg);
  if (binding !== true) throw new BackendUnavailableError(backend, binding);
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

/**
 * Whether the package and its native addon are on disk. Checked before importing: when the
 * libtensorflow download failed at install time the JS part is present without the addon, and
 * importing it anyway registers its kernels before failing, which pollutes tfjs's kernel registry.
 */
function nativeBinding(pkg: string): true | string {
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
  } catch {
    return `${pkg} is not installed (optional dependency)`;
  }
  const lib = join(dir, "lib");
  const found =
    existsSync(lib) &&
    readdirSync(lib).some((d) => d.startsWith("napi-v") && existsSync(join(lib, d, "tfjs_binding.node")));
  return found
    ? true
    : `${pkg} is installed without its native addon (libtensorflow download failed at install time)`;
}
