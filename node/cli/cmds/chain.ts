import type { Argv, CommandModule } from "yargs";
import { InvalidInputError } from "../../../sim/errors.ts";
import {
  type ChainCommandResult,
  chainInfo,
  chainMetagraph,
  chainRegister,
  chainServe,
  chainStake,
  chainStartCall,
  chainTransfer,
  chainWeights,
} from "../../chain/commands.ts";
import { defaultLocalChainOptions, defaultSpecPath } from "../../chain/local/options.ts";
import { runLocalChain } from "../../chain/local/run.ts";
import { toJson } from "../../chain/units.ts";
import { walletOptionsFromEnv } from "../../wallet/options.ts";

/** Options every `plexus chain` subcommand takes (defaults from node/chain and node/wallet). */
interface CommonArgs {
  chain: string;
  json: boolean;
  "sim-state"?: string;
  "dev-account"?: string;
  "wallet.path": string;
  "wallet.name": string;
  "wallet.hotkey": string;
}

function common<T>(y: Argv<T>): Argv<T & CommonArgs> {
  const w = walletOptionsFromEnv();
  return y
    .parserConfiguration({ "dot-notation": false })
    .option("chain", {
      type: "string",
      default: process.env.PLEXUS_CHAIN ?? "ws://127.0.0.1:9944",
      describe: "ws://host:port of a subtensor node, or sim",
    })
    .option("json", { type: "boolean", default: false, describe: "print a machine-readable result" })
    .option("sim-state", {
      type: "string",
      describe: "with --chain sim: state file loaded at start and saved after",
    })
    .option("dev-account", {
      type: "string",
      describe: "sign with a dev key (alice, bob, …): local chains only",
    })
    .option("wallet.path", { type: "string", default: w.path, describe: "folder holding the wallets" })
    .option("wallet.name", { type: "string", default: w.name, describe: "wallet (coldkey) name" })
    .option("wallet.hotkey", {
      type: "string",
      default: w.hotkey,
      describe: "hotkey name",
    }) as unknown as Argv<T & CommonArgs>;
}

function base(args: CommonArgs) {
  return {
    chain: args.chain,
    simState: args["sim-state"],
    devAccount: args["dev-account"],
    walletPath: args["wallet.path"],
    walletName: args["wallet.name"],
    walletHotkey: args["wallet.hotkey"],
  };
}

function print(args: { json: boolean }, r: ChainCommandResult): void {
  process.stdout.write(args.json ? `${toJson(r.json)}\n` : `${r.text}\n`);
}

function numberList(field: string, text: string): number[] {
  return text.split(",").map((s, i) => {
    const v = Number(s.trim());
    if (s.trim() === "" || !Number.isFinite(v))
      throw new InvalidInputError(
        `${field}[${i}]`,
        `${JSON.stringify(s)} is not a number`,
        "comma-separated numbers",
      );
    return v;
  });
}

// biome-ignore lint/suspicious/noExplicitAny: yargs subcommands have heterogeneous argument types
type AnyCommand = CommandModule<any, any>;
const sub = <A>(m: CommandModule<object, A>): AnyCommand => m as unknown as AnyCommand;

const subcommands: AnyCommand[] = [
  sub({
    command: "info",
    describe: "Runtime, spec version, current block and subnets",
    builder: (y: Argv) => common(y),
    handler: async (a: CommonArgs) => print(a, await chainInfo(base(a))),
  }),
  sub({
    command: "metagraph",
    describe: "One subnet's metagraph (one runtime call)",
    builder: (y: Argv) =>
      common(y)
        .option("netuid", { type: "number", demandOption: true })
        .option("weights", { type: "boolean", default: false, describe: "also read the weight rows" }),
    handler: async (a: CommonArgs & { netuid: number; weights: boolean }) =>
      print(a, await chainMetagraph({ ...base(a), netuid: a.netuid, weights: a.weights })),
  }),
  sub({
    command: "register",
    describe: "Burned registration of the hotkey on a subnet (or --network: register a new subnet)",
    builder: (y: Argv) =>
      common(y)
        .option("netuid", { type: "number" })
        .option("network", {
          type: "boolean",
          default: false,
          describe: "register a new subnet owned by the coldkey",
        })
        .option("hotkey-address", { type: "string", describe: "hotkey ss58 (default: the wallet's hotkey)" }),
    handler: async (a: CommonArgs & { netuid?: number; network: boolean; "hotkey-address"?: string }) => {
      if (!a.network && a.netuid === undefined)
        throw new InvalidInputError("netuid", "missing", "--netuid N, or --network");
      print(
        a,
        await chainRegister({
          ...base(a),
          netuid: a.netuid,
          network: a.network,
          hotkey: a["hotkey-address"],
        }),
      );
    },
  }),
  sub({
    command: "start-call",
    describe:
      "Start a subnet you own (start_call): emission and staking begin; allowed DurationOfStartCall blocks after registration",
    builder: (y: Argv) => common(y).option("netuid", { type: "number", demandOption: true }),
    handler: async (a: CommonArgs & { netuid: number }) =>
      print(a, await chainStartCall({ ...base(a), netuid: a.netuid })),
  }),
  sub({
    command: "serve",
    describe: "Publish the hotkey's axon address on a subnet",
    builder: (y: Argv) =>
      common(y)
        .option("netuid", { type: "number", demandOption: true })
        .option("ip", { type: "string", demandOption: true })
        .option("port", { type: "number", demandOption: true })
        .option("protocol", { type: "number" }),
    handler: async (a: CommonArgs & { netuid: number; ip: string; port: number; protocol?: number }) =>
      print(
        a,
        await chainServe({ ...base(a), netuid: a.netuid, ip: a.ip, port: a.port, protocol: a.protocol }),
      ),
  }),
  sub({
    command: "stake <action>",
    describe: "Add (TAO) or remove (alpha) stake on a hotkey",
    builder: (y: Argv) =>
      common(y)
        .positional("action", { choices: ["add", "remove"] as const, demandOption: true })
        .option("netuid", { type: "number", demandOption: true })
        .option("amount", {
          type: "string",
          demandOption: true,
          describe: "TAO to stake, or alpha to unstake (decimal)",
        })
        .option("hotkey-address", { type: "string", describe: "hotkey ss58 (default: the wallet's hotkey)" }),
    handler: async (
      a: CommonArgs & { action: "add" | "remove"; netuid: number; amount: string; "hotkey-address"?: string },
    ) =>
      print(
        a,
        await chainStake({
          ...base(a),
          action: a.action,
          netuid: a.netuid,
          amount: a.amount,
          hotkey: a["hotkey-address"],
        }),
      ),
  }),
  sub({
    command: "weights",
    describe: "Set weights (floats, converted to u16 like the Python SDK)",
    builder: (y: Argv) =>
      common(y)
        .option("netuid", { type: "number", demandOption: true })
        .option("uids", { type: "string", demandOption: true, describe: "comma-separated uids" })
        .option("weights", { type: "string", demandOption: true, describe: "comma-separated weights" })
        .option("version-key", { type: "string" }),
    handler: async (
      a: CommonArgs & { netuid: number; uids: string; weights: string; "version-key"?: string },
    ) =>
      print(
        a,
        await chainWeights({
          ...base(a),
          netuid: a.netuid,
          uids: numberList("uids", a.uids),
          weights: numberList("weights", a.weights),
          versionKey: a["version-key"] === undefined ? undefined : BigInt(a["version-key"]),
        }),
      ),
  }),
  sub({
    command: "transfer",
    describe: "Transfer TAO from the coldkey",
    builder: (y: Argv) =>
      common(y)
        .option("dest", { type: "string", demandOption: true })
        .option("amount", { type: "string", demandOption: true, describe: "TAO (decimal)" }),
    handler: async (a: CommonArgs & { dest: string; amount: string }) =>
      print(a, await chainTransfer({ ...base(a), dest: a.dest, amount: a.amount })),
  }),
  sub({
    command: "local",
    describe: "Run the real subtensor runtime locally (chopsticks) and print its ws URL",
    builder: (y: Argv) =>
      y
        .option("spec", {
          type: "string",
          default: defaultSpecPath(),
          describe: "chain spec (plain or raw, .gz allowed); env PLEXUS_CHAIN_SPEC",
        })
        .option("host", { type: "string", default: defaultLocalChainOptions.host })
        .option("port", { type: "number", default: 9944 })
        .option("block-mode", {
          choices: ["instant", "batch", "manual"] as const,
          default: defaultLocalChainOptions.blockMode,
        })
        .option("json", { type: "boolean", default: false }),
    handler: async (a: {
      spec: string;
      host: string;
      port: number;
      "block-mode": "instant" | "batch" | "manual";
      json: boolean;
    }) => runLocalChain({ specPath: a.spec, host: a.host, port: a.port, blockMode: a["block-mode"] }, a.json),
  }),
];

export const chain: CommandModule = {
  command: "chain",
  describe: "Talk to a subtensor chain (or the in-memory SimChain), or run one locally",
  builder: (y) =>
    y.command(subcommands).demandCommand(1, "name a chain subcommand (see plexus chain --help)"),
  handler: () => undefined,
};
