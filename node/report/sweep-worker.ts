import { parentPort } from "node:worker_threads";
import { defaultEngines } from "./engines.ts";
import { type PointTask, runPoint } from "./sweep-point.ts";

/**
 * Worker thread of `plexus sim sweep`: receives grid points one at a time and answers with the
 * point's result (or its error, serialised with its code so the parent can report it).
 */
parentPort?.on("message", async (task: PointTask) => {
  try {
    parentPort?.postMessage({ ok: true, result: await runPoint(task, defaultEngines) });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    parentPort?.postMessage({
      ok: false,
      error: { code: e.code ?? "SWEEP_POINT_FAILED", message: e.message ?? String(err) },
    });
  }
});
