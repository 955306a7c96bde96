/**
 * plexus wallets: bittensor-compatible key files and agent wallets.
 *
 * The one interface other areas depend on is {@link Signer}:
 *
 *   interface Signer {
 *     readonly address: string;                 // SS58, prefix 42
 *     sign(payload: Uint8Array): Uint8Array;    // 64-byte sr25519 signature of exactly `payload`
 *   }
 *
 * Get one from an unlocked key with `keypairSigner(keypair)`, or from an agent wallet with
 * `agent.signerFor(intent)` (which checks the spending policy before signing and may throw
 * WALLET_POLICY_*). `toKeyringPair(signer)` turns it into the polkadot-js pair the chain client
 * takes. Keys are loaded with `new Wallet({path, name, hotkey})` (`coldkeypub()`,
 * `unlockColdkey(secret)`, `hotkey()`); every wallet call awaits `walletCryptoReady()` itself.
 */
export * from "./agent/index.ts";
export * from "./errors.ts";
export {
  isKeyfileEncrypted,
  type ReadKeyfileOptions,
  readKeyfile,
  type SecretSource,
  writeKeyfile,
} from "./keyfile.ts";
export { parseKeyfile, serializeKeyfile } from "./keyfile-json.ts";
export {
  Keypair,
  MNEMONIC_WORDS,
  type MnemonicWords,
  SS58_PREFIX,
  verifySignature,
  walletCryptoReady,
} from "./keypair.ts";
export { deriveNaclKey, NACL_KDF, type NaclSecret } from "./nacl.ts";
export {
  defaultWalletOptions,
  expandWalletPath,
  type WalletOptions,
  walletOptionsFromEnv,
} from "./options.ts";
export { DEFAULT_PASSWORD_ENV, getPassword, type PasswordOptions, promptHidden } from "./password.ts";
export { keypairSigner, type Signer, toKeyringPair } from "./signer.ts";
export { listWallets, Wallet, type WalletInit, type WalletSummary } from "./wallet.ts";
