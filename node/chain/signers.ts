import { getPassword } from "../wallet/password.ts";
import { keypairSigner, toKeyringPair } from "../wallet/signer.ts";
import { Wallet } from "../wallet/wallet.ts";
import { devKeypair } from "./dev-keys.ts";
import type { ChainSigner } from "./types.ts";

export interface SignerInit {
  /** A dev account (`alice` …) for local chains: signs as both coldkey and hotkey. */
  devAccount?: string;
  walletPath?: string;
  walletName?: string;
  walletHotkey?: string;
}

/**
 * The coldkey signer: a dev account, else the wallet's coldkey (unlocked with the password from
 * $PLEXUS_WALLET_PASSWORD or a prompt).
 */
export async function coldkeySigner(init: SignerInit): Promise<ChainSigner> {
  if (init.devAccount !== undefined) return devKeypair(init.devAccount);
  const wallet = new Wallet({ path: init.walletPath, name: init.walletName, hotkey: init.walletHotkey });
  const keypair = await wallet.unlockColdkey(async () => ({
    password: await getPassword({ prompt: `Password for the coldkey of wallet '${wallet.name}'` }),
  }));
  return toKeyringPair(keypairSigner(keypair));
}

/** The hotkey signer (serving, weights): a dev account, else the wallet's hotkey. */
export async function hotkeySigner(init: SignerInit): Promise<ChainSigner> {
  if (init.devAccount !== undefined) return devKeypair(init.devAccount);
  const wallet = new Wallet({ path: init.walletPath, name: init.walletName, hotkey: init.walletHotkey });
  const keypair = await wallet.hotkey(undefined, async () => ({
    password: await getPassword({ prompt: `Password for hotkey '${wallet.hotkeyName}'` }),
  }));
  return toKeyringPair(keypairSigner(keypair));
}

/** The hotkey's address without unlocking anything. */
export async function hotkeyAddress(init: SignerInit): Promise<string> {
  return (await hotkeySigner(init)).address;
}
