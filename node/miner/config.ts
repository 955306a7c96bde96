import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { InvalidInputError } from "../../sim/errors.ts";

/**
 * Layered role configuration: defaults < config file (YAML or JSON) < environment < flags. Keys
 * are the option names; the environment variable of a key is PREFIX + its UPPER_SNAKE form
 * (`externalIp` → PLEXUS_MINER_EXTERNAL_IP). Values from the file and the environment are
 * coerced to the default's type; unknown file keys are refused so typos surface.
 */
export type ConfigValue = string | number | boolean | string[] | undefined;
export type ConfigShape = Record<string, ConfigValue>;

export function envName(prefix: string, key: string): string {
  return prefix + key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

function coerce(field: string, raw: unknown, like: ConfigValue): ConfigValue {
  const kind = Array.isArray(like) ? "list" : typeof like;
  if (kind === "number") {
    const n = typeof raw === "number" ? raw : Number(raw);
    if (!Number.isFinite(n)) throw new InvalidInputError(field, `${JSON.stringify(raw)} is not a number`);
    return n;
  }
  if (kind === "boolean") {
    if (typeof raw === "boolean") return raw;
    if (raw === "true" || raw === "1") return true;
    if (raw === "false" || raw === "0") return false;
    throw new InvalidInputError(field, `${JSON.stringify(raw)} is not a boolean`, "true, false, 1, 0");
  }
  if (kind === "list") {
    if (Array.isArray(raw)) return raw.map(String);
    return String(raw)
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  }
  return String(raw);
}

export async function loadLayeredConfig<T extends ConfigShape>(init: {
  defaults: T;
  file?: string;
  envPrefix: string;
  env?: Record<string, string | undefined>;
  flags: Partial<T>;
}): Promise<T> {
  const out: ConfigShape = { ...init.defaults };
  if (init.file !== undefined) {
    const text = await readFile(init.file, "utf8");
    const data = (init.file.endsWith(".json") ? JSON.parse(text) : parseYaml(text)) as Record<
      string,
      unknown
    > | null;
    for (const [k, v] of Object.entries(data ?? {})) {
      if (!(k in init.defaults)) {
        throw new InvalidInputError(
          `${init.file}:${k}`,
          "unknown option",
          Object.keys(init.defaults).join(", "),
        );
      }
      out[k] = coerce(`${init.file}:${k}`, v, init.defaults[k]);
    }
  }
  const env = init.env ?? process.env;
  for (const k of Object.keys(init.defaults)) {
    const v = env[envName(init.envPrefix, k)];
    if (v !== undefined && v !== "") out[k] = coerce(envName(init.envPrefix, k), v, init.defaults[k]);
  }
  for (const [k, v] of Object.entries(init.flags)) if (v !== undefined) out[k] = v;
  return out as T;
}
