import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { InvalidInputError } from "../sim/errors.ts";
import { SubnetExistsError } from "./errors.ts";
import { builtinSubnetsDir } from "./registry.ts";
import { SUBNET_NAME } from "./types.ts";

const TEMPLATE_DIR = join(builtinSubnetsDir, "_template");
const NAME_LINE = 'const NAME = "template";';

/**
 * Creates `<parent>/<name>/` from the template: a working subnet (schemas, seeded challenge,
 * miner on the runtime, pure score) to edit. Relative imports of plexus modules are rewritten for
 * the new location, so the folder may live outside the plexus tree (add its parent to
 * $PLEXUS_SUBNETS_PATH). The folder appears complete or not at all (written aside, then renamed).
 */
export async function scaffoldSubnet(name: string, parent: string = builtinSubnetsDir): Promise<string> {
  if (!SUBNET_NAME.test(name) || name === "common" || name === "template") {
    throw new InvalidInputError(
      "name",
      `"${name}"`,
      "lowercase letters, digits and dashes, starting with a letter",
    );
  }
  const target = resolve(parent, name);
  if (existsSync(target)) throw new SubnetExistsError(target);
  const staging = resolve(parent, `.${name}.scaffold`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    for (const file of readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith(".ts"))) {
      let text = readFileSync(join(TEMPLATE_DIR, file), "utf8");
      text = text.replace(/from "(\.\.\/[^"]+)"/g, (_m, spec: string) => `from "${rebase(spec, target)}"`);
      if (file === "index.ts") text = text.replace(NAME_LINE, `const NAME = "${name}";`);
      text = text.replaceAll("template: ", `${name}: `);
      await writeFile(join(staging, file), text);
    }
    // Outside the plexus tree no package.json says the .ts files are ES modules: write one.
    if (relative(resolve(builtinSubnetsDir, ".."), target).startsWith("..")) {
      await writeFile(
        join(staging, "package.json"),
        `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`,
      );
    }
    await rename(staging, target);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return target;
}

/** A template-relative import path, re-expressed relative to the new folder. */
function rebase(spec: string, target: string): string {
  const rel = relative(target, resolve(TEMPLATE_DIR, spec)).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}
