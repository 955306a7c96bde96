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
  const before = {
    unhandledRejection: process.listeners("unhandledRejection"),
    uncaughtException: process.listeners("uncaughtException"),
  };
  const ok = await tf.setBackend("wasm");
  removeEmscriptenHandlers(before);
  if (!ok) {
    throw new BackendUnavailableError(
      "tfjs-wasm",
      "the wasm backend failed to initialise (see the warning above)",
    );
  }
}

/**
 * The Emscripten glue of tfjs-backend-wasm installs process handlers that rethrow every unhandled
 * rejection and uncaught exception, overriding whatever handlers the application set (a stray
 * rejection anywhere would end a miner). They are removed right after the module starts, which
 * restores Node's own behaviour. (The glue's own cleanup runs only if the wasm backend is disposed,
 * which plexus never does: that cleanup would remove every listener, not just its own.)
 */
function removeEmscriptenHandlers(before: {
  unhandledRejection: NodeJS.UnhandledRejectionListener[];
  uncaughtException: NodeJS.UncaughtExceptionListener[];
}): void {
  for (const l of process.listeners("unhandledRejection")) {
    if (!before.unhandledRejection.includes(l)) process.removeListener("unhandledRejection", l);
  }
  for (const l of process.listeners("uncaughtException")) {
    if (!before.uncaughtException.includes(l)) process.removeListener("uncaughtException", l);
  }
}
