import cliProgress from "cli-progress";

/** A progress sink: the runner reports done/total; the bar is drawn only on a TTY. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar with rate and ETA on stderr when stderr is a terminal; otherwise a no-op (logs
 * and CI output stay clean).
 */
export function createProgress(
  total: number,
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} blocks | {speed} blocks/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const start = performance.now();
  bar.start(total, 0, { speed: "0" });
  return {
    update: (done) => {
      const s = (performance.now() - start) / 1000;
      bar.update(done, { speed: s > 0 ? Math.round(done / s).toString() : "0" });
    },
    stop: () => bar.stop(),
  };
}
