import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { InvalidInputError } from "../../sim/errors.ts";

/** Reads a YAML or JSON document (by extension; YAML otherwise, which also accepts JSON). */
export function loadDocument(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new InvalidInputError(
      path,
      `cannot read the file (${(err as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  try {
    return extname(path).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new InvalidInputError(
      path,
      `not valid ${extname(path) === ".json" ? "JSON" : "YAML"}: ${(err as Error).message}`,
    );
  }
}
