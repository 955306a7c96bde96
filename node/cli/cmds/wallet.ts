import type { Argv, CommandModule } from "yargs";
import { InvalidInputError } from "../../../sim/errors.ts";
import {
  type CreatedKey,
  createWalletKeys,
  importWalletKey,
  type KeyRole,
  regenWalletKey,
  type WalletContext,
} from "../../wallet/commands.ts";
import { MNEMONIC_WORDS, type MnemonicWords } from "../../wallet/keypair.ts";
import { walletOptionsFromEnv } from "../../wallet/options.ts";
import { readSecretInput } from "../../wallet/password.ts";
import { listWallets, Wallet, type WalletSummary } from "../../wallet/wallet.ts";

/** Options every `plexus wallet` subcommand takes. Defaults come from node/wallet/options.ts. */
interface CommonArgs {
  "wallet.path": string;
  name: string;
  hotkey: string;
  json: boolean;
  "password-env": string;
}

function common<T>(y: Argv<T>): Argv<T & CommonArgs> {
  const d = walletOptionsFromEnv();
  // bittensor's flag is literally `--wallet.path`: keep it one flat key rather than an object.
  return y
    .parserConfiguration({ "dot-notation": false })
    .option("wallet.path", { type: "string", default: d.path, describe: "folder holding the wallets" })
    .option("name", { type: "string", default: d.name, describe: "wallet (coldkey) name" })
    .option("hotkey", { type: "string", default: d.hotkey, describe: "hotkey name" })
    .option("json", { type: "boolean", default: false, describe: "print a machine-readable result" })
    .option("password-env", {
      type: "string",
      default: d.passwordEnv,
      describe: "environment variable read for the password before prompting",
    }) as unknown as Argv<T & CommonArgs>;
}

function context(args: CommonArgs): WalletContext {
  return {
    path: args["wallet.path"],
    name: args.name,
    hotkey: args.hotkey,
    password: { envVar: args["password-env"] },
  };
}

function print(args: { json: boolean }, value: unknown, text: string): void {
  process.stdout.write(args.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

/** The one place a mnemonic is shown: stderr, once, with a warning. */
function showMnemonics(created: CreatedKey[]): void {
  for (const c of created) {
    process.stderr.write(
      `\nIMPORTANT: the mnemonic of your new ${c.key} (${c.address}) is shown only now.\n` +
        "Write it down and keep it offline; anyone with it controls the key, and without it a lost key cannot be recovered.\n\n" +
        `    ${c.mnemonic}\n\n`,
    );
  }
}

function describeText(s: WalletSummary): string {
  const cold = s.coldkey.address ?? "(unknown)";
  const flags = [
    s.coldkey.exists ? (s.coldkey.encrypted ? "encrypted" : "NOT encrypted") : "public key only",
  ];
  const lines = [`${s.name}  coldkey ${cold}  [${flags.join(", ")}]  ${s.path}`];
  for (const h of s.hotkeys) lines.push(`  hotkey ${h.name}  ${h.address ?? "(encrypted, no pub file)"}`);
  return lines.join("\n");
}

interface CreateArgs extends CommonArgs {
  key: "coldkey" | "hotkey" | "both";
  words: number;
  overwrite: boolean;
}

const create: CommandModule<object, CreateArgs> = {
  command: "create",
  describe: "Create a new coldkey and/or hotkey (the mnemonic is printed once, to stderr)",
  builder: (y) =>
    common(y)
      .option("key", { choices: ["coldkey", "hotkey", "both"] as const, default: "both" as const })
      .option("words", {
        type: "number",
        choices: [...MNEMONIC_WORDS],
        default: 12,
        describe: "mnemonic length",
      })
      .option("overwrite", {
        type: "boolean",
        default: false,
        describe: "replace existing keys (they are lost)",
      })
      .example("PLEXUS_WALLET_PASSWORD=… $0 wallet create --name alice --hotkey miner1", "new wallet"),
  handler: async (args) => {
    const keys: KeyRole[] = args.key === "both" ? ["coldkey", "hotkey"] : [args.key];
    const created = await createWalletKeys(context(args), {
      keys,
      words: args.words as MnemonicWords,
      overwrite: args.overwrite,
    });
    showMnemonics(created);
    const result = { wallet: args.name, keys: created.map(({ key, address }) => ({ key, address })) };
    print(args, result, created.map((c) => `created ${c.key} ${c.address}`).join("\n"));
  },
};

const list: CommandModule<object, CommonArgs> = {
  command: "list",
  describe: "List the wallets under --wallet.path with their public addresses",
  builder: (y) => common(y),
  handler: async (args) => {
    const all = await listWallets(args["wallet.path"]);
    print(
      args,
      all,
      all.length === 0 ? `no wallets in ${args["wallet.path"]}` : all.map(describeText).join("\n"),
    );
  },
};

const show: CommandModule<object, CommonArgs> = {
  command: "show",
  describe: "Show one wallet's public addresses (never a secret; no password needed)",
  builder: (y) => common(y),
  handler: async (args) => {
    const summary = await new Wallet({
      path: args["wallet.path"],
      name: args.name,
      hotkey: args.hotkey,
    }).describe();
    if (!summary.coldkey.exists && summary.coldkey.address === null && summary.hotkeys.length === 0) {
      throw new InvalidInputError("name", `no wallet "${args.name}" in ${args["wallet.path"]}`);
    }
    print(args, summary, describeText(summary));
  },
};

interface RegenArgs extends CommonArgs {
  key: KeyRole | "coldkeypub";
  mnemonic?: string;
  seed?: string;
  ss58?: string;
  stdin: boolean;
  overwrite: boolean;
}

const regen: CommandModule<object, RegenArgs> = {
  command: "regen",
  describe: "Regenerate a key from its mnemonic or seed (or coldkeypub.txt from an address)",
  builder: (y) =>
    common(y)
      .option("key", { choices: ["coldkey", "hotkey", "coldkeypub"] as const, demandOption: true })
      .option("mnemonic", {
        type: "string",
        describe: "the words (visible to other local users: prefer --stdin)",
      })
      .option("seed", { type: "string", describe: "0x + 64 hex digits (the keyfile's secretSeed)" })
      .option("ss58", { type: "string", describe: "address, for --key coldkeypub" })
      .option("stdin", {
        type: "boolean",
        default: false,
        describe: "read the mnemonic or 0x seed from stdin",
      })
      .option("overwrite", { type: "boolean", default: false, describe: "replace an existing key" }),
  handler: async (args) => {
    let { mnemonic, seed } = args;
    if (args.stdin) {
      const text = (await readSecretInput("Mnemonic or 0x seed")).trim();
      if (text.startsWith("0x")) seed = text;
      else mnemonic = text;
    }
    const r = await regenWalletKey(context(args), {
      key: args.key,
      source: { mnemonic, seed, ss58: args.ss58 },
      overwrite: args.overwrite,
    });
    print(args, { wallet: args.name, ...r }, `regenerated ${r.key} ${r.address}`);
  },
};

interface ImportArgs extends CommonArgs {
  key: KeyRole;
  file: string;
  overwrite: boolean;
}

const importCmd: CommandModule<object, ImportArgs> = {
  command: "import",
  describe: "Import a bittensor keyfile (plain JSON or $NACL-encrypted) as this wallet's coldkey or hotkey",
  builder: (y) =>
    common(y)
      .option("key", { choices: ["coldkey", "hotkey"] as const, demandOption: true })
      .option("file", { type: "string", demandOption: true, describe: "the keyfile to import" })
      .option("overwrite", { type: "boolean", default: false, describe: "replace an existing key" }),
  handler: async (args) => {
    const r = await importWalletKey(context(args), {
      key: args.key,
      file: args.file,
      overwrite: args.overwrite,
    });
    print(args, { wallet: args.name, ...r }, `imported ${r.key} ${r.address}`);
  },
};

// biome-ignore lint/suspicious/noExplicitAny: yargs command modules have heterogeneous argument types
const subcommands: CommandModule<any, any>[] = [create, list, show, regen, importCmd];

export const wallet: CommandModule = {
  command: "wallet",
  describe: "bittensor-compatible wallets: create, list, show, regen, import",
  builder: (y) =>
    y.command(subcommands).demandCommand(1, "name a wallet subcommand (see plexus wallet --help)"),
  handler: () => {},
};
