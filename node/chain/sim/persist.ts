import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { PlexusError } from "../../../sim/errors.ts";

/**
 * JSON with the types SimChain state uses: bigint → {"$bigint":"…"}, Map → {"$map":[[k,v]…]}.
 * Plain objects, arrays, strings, numbers and booleans pass through; `undefined` properties are
 * dropped (they read back as undefined).
 */
export function encodeState(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, key: string, v: unknown) {
    // JSON.stringify calls toJSON-less Map values with the Map itself: read the raw holder value.
    const raw = (this as Record<string, unknown>)[key];
    if (typeof raw === "bigint") return { $bigint: raw.toString() };
    if (raw instanceof Map) return { $map: [...raw.entries()] };
    return v;
  });
}

export function decodeState<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && typeof o.$bigint === "string") return BigInt(o.$bigint);
      if (keys.length === 1 && Array.isArray(o.$map)) return new Map(o.$map as Array<[unknown, unknown]>);
    }
    return v;
  }) as T;
}

/** Writes `text` to `path` atomically: a temporary file in the same folder, then rename. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, text, { mode: 0o644 });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new PlexusError(
      "CHAIN_SIM_SAVE_FAILED",
      `cannot write simulated chain state to ${path}: ${String(err)}`,
      { meta: { path }, cause: err },
    );
  }
}

export async function readState<T>(path: string): Promise<T> {
  const text = await readFile(path, "utf8").catch((err: unknown) => {
    throw new PlexusError(
      "CHAIN_SIM_LOAD_FAILED",
      `cannot read simulated chain state ${path}: ${String(err)}`,
      { meta: { path }, cause: err },
    );
  });
  return decodeState<T>(text);
}
