/**
 * Ctrl-C handling for long simulations: the first SIGINT aborts the signal (the run stops between
 * two blocks, flushes and checkpoints); a second one exits at once.
 */
export function abortOnSigint(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const onSigint = () => {
    if (ac.signal.aborted) process.exit(130);
    process.stderr.write("\nplexus: stopping after the current block (Ctrl-C again to quit now)\n");
    ac.abort();
  };
  process.on("SIGINT", onSigint);
  return { signal: ac.signal, dispose: () => process.off("SIGINT", onSigint) };
}
