import { hkdfSync } from "node:crypto";
import { blake2AsU8a } from "@polkadot/util-crypto";
import { InvalidInputError } from "../../../sim/errors.ts";
import { Keypair } from "../keypair.ts";

/**
 * Deterministic agent hotkeys. An operator keeps one root secret; each agent's hotkey follows from
 * it and the hash of the agent's configuration, so the same agent config always gets the same
 * key (re-creatable on another machine) and a changed config gets a different one.
 *
 *   configHash = BLAKE2b-256( "plexus/agent-config/v1" ∥ 0x00 ∥ canonical JSON of the config )
 *   miniSecret = HKDF-SHA256( ikm = root secret, salt = "plexus/agent-hotkey/v1", info = configHash, L = 32 )
 *   hotkey     = sr25519 keypair from miniSecret (Substrate's from_seed, the same as a keyfile's secretSeed)
 *
 * The root secret must be at least 32 bytes of real randomness (e.g. a dedicated keyfile's
 * secretSeed). The derived key can be saved as an ordinary bittensor hotkey file (secretSeed).
 */

export const AGENT_CONFIG_DOMAIN = "plexus/agent-config/v1";
export const AGENT_HOTKEY_SALT = "plexus/agent-hotkey/v1";

export function agentConfigHash(config: unknown): Uint8Array {
  const body = new TextEncoder().encode(canonicalJson(config, "config"));
  const domain = new TextEncoder().encode(AGENT_CONFIG_DOMAIN);
  const data = new Uint8Array(domain.length + 1 + body.length);
  data.set(domain, 0);
  data.set(body, domain.length + 1);
  return blake2AsU8a(data, 256);
}

/** The 32-byte mini secret of an agent's hotkey. */
export function deriveAgentSeed(rootSecret: Uint8Array, configHash: Uint8Array): Uint8Array {
  if (rootSecret.length < 32) {
    throw new InvalidInputError("rootSecret", `${rootSecret.length} bytes`, "at least 32 random bytes");
  }
  if (configHash.length !== 32) {
    throw new InvalidInputError("configHash", `${configHash.length} bytes`, "32 bytes (agentConfigHash)");
  }
  return new Uint8Array(hkdfSync("sha256", rootSecret, AGENT_HOTKEY_SALT, configHash, 32));
}

export function deriveAgentHotkey(rootSecret: Uint8Array, configHash: Uint8Array): Keypair {
  return Keypair.fromSeed(deriveAgentSeed(rootSecret, configHash));
}

/**
 * JSON with object keys sorted at every level, no whitespace, bigint as a decimal string. Values
 * JSON cannot represent exactly (undefined, functions, NaN, ±Infinity) are rejected rather than
 * silently dropped, so two configs that differ never hash the same.
 */
export function canonicalJson(value: unknown, field: string): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new InvalidInputError(field, `${value} has no JSON form`, "finite numbers");
    return JSON.stringify(value);
  }
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map((v, i) => canonicalJson(v, `${field}[${i}]`)).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.keys(value as object)
      .sort()
      .map(
        (k) =>
          `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k], `${field}.${k}`)}`,
      );
    return `{${entries.join(",")}}`;
  }
  throw new InvalidInputError(field, `a ${typeof value} has no JSON form`, "JSON values and bigint");
}
