import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoWaitReady } from "@polkadot/util-crypto";
import { InvalidInputError } from "../../sim/errors.ts";
import { SS58_PREFIX } from "./subtensor/known.ts";

/** Substrate's well-known development accounts (`//Alice` …): for local chains only. */
export const DEV_ACCOUNT_NAMES = ["alice", "bob", "charlie", "dave", "eve", "ferdie"] as const;
export type DevAccountName = (typeof DEV_ACCOUNT_NAMES)[number];

/** The sr25519 dev keypair `//Name` (ss58 prefix 42). Never use these on a public chain. */
export async function devKeypair(name: string): Promise<KeyringPair> {
  const lower = name.toLowerCase();
  if (!(DEV_ACCOUNT_NAMES as readonly string[]).includes(lower) && !lower.startsWith("//")) {
    throw new InvalidInputError(
      "dev-account",
      `unknown dev account ${JSON.stringify(name)}`,
      [...DEV_ACCOUNT_NAMES, "//Any/Path"].join(", "),
    );
  }
  await cryptoWaitReady();
  const uri = lower.startsWith("//") ? name : `//${lower[0]?.toUpperCase()}${lower.slice(1)}`;
  return new Keyring({ type: "sr25519", ss58Format: SS58_PREFIX }).addFromUri(uri);
}

export async function devAddress(name: string): Promise<string> {
  return (await devKeypair(name)).address;
}
