import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { BackendUnavailableError } from "../errors.ts";

/**
 * The folder holding tfjs-backend-wasm's .wasm binaries inside node_modules. The backend looks
 * for them next to the page in a browser; in Node it has to be told where they are.
 */
export function wasmBinaryDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
}

let ready: Promise<void> | undefined;

/**
 * Activates tfjs's wasm backend (SIMD when the CPU has it; threads are not available in Node).
 * The module is initialised once per process: setWasmPaths may not be called after that.
 */
export function startWasm(): Promise<void> {
  ready ??= initWasm().catch((err) => {
    ready = undefined;
    throw err;
  });
  return ready;
}

async function initWasm(): Promise<void> {
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  if (tf.engine().registryFactory.wasm === undefined) {
    throw new BackendUnavailableError("tfjs-wasm", "the wasm backend did not register");
  }
  wasm.setWasmPaths(`${wasmBinaryDir()}/`);
  if (!(await tf.setBackend("wasm"))) {
    throw new BackendUnavailableError(
      "tfjs-wasm",
      "the wasm backend failed to initialise (see the warning above)",
    );
  }
}
