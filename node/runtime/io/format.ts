import { existsSync } from "node:fs";
import { join } from "node:path";
import { ModelFormatError } from "../errors.ts";
import type { ModelFormat } from "../types.ts";

/** File names inside a model folder. */
export const MODEL_JSON = "model.json";
export const WEIGHTS_BIN = "weights.bin";
export const MODEL_ONNX = "model.onnx";

/** Which format a model folder holds: model.onnx → onnx, model.json → tfjs (onnx wins if both). */
export function detectModelFormat(dir: string): ModelFormat {
  if (existsSync(join(dir, MODEL_ONNX))) return "onnx";
  if (existsSync(join(dir, MODEL_JSON))) return "tfjs";
  throw new ModelFormatError(dir, `no ${MODEL_ONNX} or ${MODEL_JSON} in the folder`);
}
