import type { QueryHandler } from "../miner/miner.ts";

/**
 * Miner behaviours for the local subnet, each wrapping the subnet's honest handler:
 *   honest  answers every query properly;
 *   slow    answers properly after a delay (scores lower on latency);
 *   lazy    does the work once, then replays that first answer for every query (stale nonce);
 *   copying copies an earlier answer and relabels it with the new nonce (fails the check).
 */
export type Behaviour = "honest" | "slow" | "lazy" | "copying";

export function withBehaviour<Q, R>(
  honest: QueryHandler<Q, R>,
  behaviour: Behaviour,
  slowMs: number,
): QueryHandler<Q, R> {
  let first: R | undefined;
  const once = async (query: Q, options?: { signal?: AbortSignal }): Promise<R> => {
    first ??= await honest.handle(query, options);
    return first;
  };
  switch (behaviour) {
    case "honest":
      return honest;
    case "slow":
      return {
        handle: async (query, options) => {
          await delay(slowMs, options?.signal);
          return honest.handle(query, options);
        },
        close: () => honest.close(),
      };
    case "lazy":
      return { handle: once, close: () => honest.close() };
    case "copying":
      return {
        handle: async (query, options) => {
          const copied = await once(query, options);
          const nonce = (query as { nonce?: unknown }).nonce;
          return (nonce === undefined ? copied : { ...copied, nonce }) as R;
        },
        close: () => honest.close(),
      };
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
