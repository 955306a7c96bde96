import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_PASSWORD_ENV } from "./password.ts";

/** Where wallets live and which one is used, as bittensor defaults them. */
export interface WalletOptions {
  /** Folder holding one sub-folder per wallet. `~` expands to the home folder. */
  path: string;
  /** Wallet (coldkey) name. */
  name: string;
  /** Hotkey name inside the wallet. */
  hotkey: string;
  /** Environment variable read for the password before prompting. */
  passwordEnv: string;
}

export const defaultWalletOptions: WalletOptions = {
  path: "~/.bittensor/wallets",
  name: "default",
  hotkey: "default",
  passwordEnv: DEFAULT_PASSWORD_ENV,
};

/** bittensor's environment overrides (BT_WALLET_PATH, BT_WALLET_NAME, BT_WALLET_HOTKEY) over the defaults. */
export function walletOptionsFromEnv(env: Record<string, string | undefined> = process.env): WalletOptions {
  return {
    ...defaultWalletOptions,
    path: env.BT_WALLET_PATH || defaultWalletOptions.path,
    name: env.BT_WALLET_NAME || defaultWalletOptions.name,
    hotkey: env.BT_WALLET_HOTKEY || defaultWalletOptions.hotkey,
  };
}

/** Expands a leading `~` and makes the path absolute. */
export function expandWalletPath(path: string, home: string = homedir()): string {
  if (path === "~") return home;
  if (path.startsWith("~/")) return join(home, path.slice(2));
  return resolve(path);
}
