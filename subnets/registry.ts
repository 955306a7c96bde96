import { existsSync, readdirSync, statSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InvalidSubnetError, UnknownSubnetError } from "./errors.ts";
import { SUBNET_NAME, type SubnetDefinition } from "./types.ts";

/** The folder of the subnets shipped with plexus (this folder). */
export const builtinSubnetsDir = dirname(fileURLToPath(import.meta.url));

/** Folders in a search path that are not subnets: shared code and the scaffolding template. */
const NOT_SUBNETS = new Set(["common"]);

export interface LoadedSubnet {
  definition: SubnetDefinition;
  dir: string;
}

/**
 * Where subnets are looked for: the shipped folder, then each folder listed in $PLEXUS_SUBNETS_PATH
 * (separated like PATH), then `extra`. A subnet is any subfolder with an index.ts.
 */
export function subnetSearchPath(extra: string[] = []): string[] {
  const fromEnv = (process.env.PLEXUS_SUBNETS_PATH ?? "").split(delimiter).filter((p) => p.length > 0);
  return [builtinSubnetsDir, ...fromEnv, ...extra].map((p) => resolve(p));
}

function candidateFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => !d.startsWith("_") && !d.startsWith(".") && !NOT_SUBNETS.has(d))
    .map((d) => join(root, d))
    .filter((d) => statSync(d).isDirectory() && existsSync(join(d, "index.ts")));
}

/** Checks the parts of a SubnetDefinition that the node relies on. */
function checkDefinition(dir: string, value: unknown): SubnetDefinition {
  const def = value as Partial<SubnetDefinition> | undefined;
  if (def === undefined || typeof def !== "object")
    throw new InvalidSubnetError(dir, "index.ts exports no `subnet`");
  const folder = dir.split(/[\\/]/).pop();
  if (typeof def.name !== "string" || !SUBNET_NAME.test(def.name)) {
    throw new InvalidSubnetError(dir, "`name` must match [a-z][a-z0-9-]*");
  }
  if (def.name !== folder)
    throw new InvalidSubnetError(dir, `name "${def.name}" differs from its folder "${folder}"`);
  for (const fn of ["generateChallenge", "createMiner", "score"] as const) {
    if (typeof def[fn] !== "function") throw new InvalidSubnetError(dir, `\`${fn}\` is not a function`);
  }
  for (const s of ["querySchema", "responseSchema"] as const) {
    if (typeof def[s]?.safeParse !== "function")
      throw new InvalidSubnetError(dir, `\`${s}\` is not a zod schema`);
  }
  if (def.model === undefined) throw new InvalidSubnetError(dir, "`model` is missing");
  return def as SubnetDefinition;
}

/** Imports every subnet on the search path; a name found twice is an error (no silent shadowing). */
export async function discoverSubnets(
  roots: string[] = subnetSearchPath(),
): Promise<Map<string, LoadedSubnet>> {
  const found = new Map<string, LoadedSubnet>();
  for (const root of roots) {
    for (const dir of candidateFolders(root)) {
      let mod: { subnet?: unknown };
      try {
        mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as { subnet?: unknown };
      } catch (err) {
        // One broken folder is named as such instead of surfacing as a bare module-loader error.
        throw new InvalidSubnetError(
          dir,
          `index.ts failed to load (${(err as Error).message.split("\n")[0]})`,
        );
      }
      const definition = checkDefinition(dir, mod.subnet);
      const clash = found.get(definition.name);
      if (clash !== undefined && clash.dir !== dir) {
        throw new InvalidSubnetError(dir, `a subnet named "${definition.name}" is also at ${clash.dir}`);
      }
      found.set(definition.name, { definition, dir });
    }
  }
  return found;
}

export async function loadSubnet(name: string, roots?: string[]): Promise<LoadedSubnet> {
  const all = await discoverSubnets(roots);
  const hit = all.get(name);
  if (hit === undefined) throw new UnknownSubnetError(name, [...all.keys()]);
  return hit;
}
