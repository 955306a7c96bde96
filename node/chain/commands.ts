import { type OpenChainInit, openChain } from "./open.ts";
import { coldkeySigner, hotkeyAddress, hotkeySigner, type SignerInit } from "./signers.ts";
import type { ChainClient, TxReceipt } from "./types.ts";
import { formatTao, parseTao } from "./units.ts";
import { convertWeightsAndUidsForEmit } from "./weights.ts";

/**
 * What `plexus chain <sub>` does, one function per subcommand: open the chain, act, close. Each
 * returns a plain object (printed as JSON with --json) and a short text for humans.
 */
export interface ChainCommandResult {
  json: unknown;
  text: string;
}

async function withChain<T>(init: OpenChainInit, fn: (c: ChainClient) => Promise<T>): Promise<T> {
  const opened = await openChain(init);
  try {
    return await fn(opened.client);
  } finally {
    await opened.close();
  }
}

const receiptText = (what: string, r: TxReceipt) =>
  `${what}: included in block #${r.blockNumber} (${r.txHash})`;

export function chainInfo(init: OpenChainInit): Promise<ChainCommandResult> {
  return withChain(init, async (c) => {
    const [info, subnets] = await Promise.all([c.info(), c.subnets()]);
    const json = { ...info, spec_version: info.specVersion, subnets };
    return {
      json,
      text: `${info.specName} spec ${info.specVersion} (${info.adapter}) at block #${info.block}; subnets: ${subnets.join(", ")}`,
    };
  });
}

export function chainMetagraph(
  init: OpenChainInit & { netuid: number; weights: boolean },
): Promise<ChainCommandResult> {
  return withChain(init, async (c) => {
    const m = await c.metagraph(init.netuid, { weights: init.weights });
    const rows = m.hotkeys.map(
      (hk, uid) =>
        `${String(uid).padStart(4)}  ${hk}  stake ${formatTao(m.totalStake[uid] ?? 0n).padStart(14)}  ${m.validatorPermit[uid] ? "V" : " "}  inc ${m.incentive[uid]}  div ${m.dividends[uid]}  ${m.axons[uid] === null ? "-" : `${m.axons[uid]?.ip}:${m.axons[uid]?.port}`}`,
    );
    return {
      json: m,
      text: [`subnet ${m.netuid} at block #${m.block}: ${m.n} uids, tempo ${m.tempo}`, ...rows].join("\n"),
    };
  });
}

export function chainRegister(
  init: OpenChainInit & SignerInit & { netuid?: number; network: boolean; hotkey?: string },
): Promise<ChainCommandResult> {
  return withChain(init, async (c) => {
    const signer = await coldkeySigner(init);
    const hotkey = init.hotkey ?? (await hotkeyAddress(init));
    if (init.network) {
      const r = await c.registerNetwork(signer, { hotkey });
      return { json: r, text: `${receiptText("register_network", r)}; netuid ${r.netuid}` };
    }
    const r = await c.burnedRegister(signer, { netuid: init.netuid ?? 1, hotkey });
    return { json: r, text: `${receiptText("burned_register", r)}; uid ${r.uid}` };
  });
}

/** `start_call`: the subnet owner's coldkey starts emission (and staking) on a new subnet. */
export function chainStartCall(
  init: OpenChainInit & SignerInit & { netuid: number },
): Promise<ChainCommandResult> {
  return withChain(init, async (c) => {
    const r = await c.startCall(await coldkeySigner(init), { netuid: init.netuid });
    return { json: r, text: receiptText("start_call", r) };
  });
}

export function chainServe(
  init: OpenChainInit & SignerInit & { netuid: number; ip: string; port: number; protocol?: number },
): Promise<ChainCommandResult> {
  return withChain(init, async (c) => {
    const r = await c.serveAxon(await hotkeySigner(init), {
      netuid: init.netuid,
      ip: init.ip,
      port: init.port,
      protocol: init.protocol,
    });
    return { json: r, text: receiptText("serve_axon", r) };
  });
}

export function chainStake(
  init: OpenChainInit &
    SignerInit & { action: "add" | "remove"; netuid: number; hotkey?: string; amount: string },
): Promise<ChainCommandResult> {
  return withChain(init, async (c) => {
    const signer = await coldkeySigner(init);
    const hotkey = init.hotkey ?? (await hotkeyAddress(init));
    const amount = parseTao("amount", init.amount);
    const r =
      init.action === "add"
        ? await c.addStake(signer, { hotkey, netuid: init.netuid, amountRao: amount })
        : await c.removeStake(signer, { hotkey, netuid: init.netuid, amountAlpha: amount });
    const now = await c.stakeOf({ hotkey, coldkey: signer.address, netuid: init.netuid });
    return {
      json: { ...r, stake: now },
      text: `${receiptText(`${init.action}_stake`, r)}; stake now ${formatTao(now)}`,
    };
  });
}

export function chainWeights(
  init: OpenChainInit &
    SignerInit & { netuid: number; uids: number[]; weights: number[]; versionKey?: bigint },
): Promise<ChainCommandResult> {
  return withChain(init, async (c) => {
    // Float weights → u16 exactly as the Python SDK emits them.
    const emit = convertWeightsAndUidsForEmit(init.uids, init.weights);
    const r = await c.setWeights(await hotkeySigner(init), {
      netuid: init.netuid,
      uids: emit.uids,
      weights: emit.values,
      versionKey: init.versionKey,
    });
    return {
      json: { ...r, uids: emit.uids, values: emit.values },
      text: `${receiptText("set_weights", r)}; u16 ${emit.values.join(",")}`,
    };
  });
}

export function chainTransfer(
  init: OpenChainInit & SignerInit & { dest: string; amount: string },
): Promise<ChainCommandResult> {
  return withChain(init, async (c) => {
    const r = await c.transfer(await coldkeySigner(init), {
      dest: init.dest,
      amountRao: parseTao("amount", init.amount),
    });
    return { json: r, text: receiptText("transfer", r) };
  });
}
