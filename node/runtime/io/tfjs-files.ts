import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ModelFormatError } from "../errors.ts";
import { writeFileAtomic } from "./atomic.ts";
import { MODEL_JSON, WEIGHTS_BIN } from "./format.ts";

/** The model.json layout written by tfjs-node's `file://` handler (and read back by it). */
interface ModelJson {
  modelTopology: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: unknown;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/**
 * A tfjs IOHandler for a folder on disk (model.json + weights.bin), usable with every tfjs backend:
 * `file://` only exists in tfjs-node. The layout is the one tfjs-node writes, so folders move freely
 * between the two. Weights are written first and model.json last, each atomically, so a reader
 * that finds model.json finds complete weights.
 */
export function fileHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts) {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new ModelFormatError(dir, "binary topologies are not supported; save a layers model");
      }
      const weights =
        artifacts.weightData === undefined
          ? new Uint8Array(0)
          : new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      const json: ModelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        trainingConfig: artifacts.trainingConfig,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFileAtomic(join(dir, WEIGHTS_BIN), weights);
      await writeFileAtomic(join(dir, MODEL_JSON), JSON.stringify(json));
      return {
        modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, weightData: weights.buffer }),
      };
    },
    async load() {
      const path = join(dir, MODEL_JSON);
      let json: ModelJson;
      try {
        json = JSON.parse(await readFile(path, "utf8")) as ModelJson;
      } catch (err) {
        throw new ModelFormatError(path, `cannot read model.json (${(err as Error).message})`);
      }
      if (!Array.isArray(json.weightsManifest)) throw new ModelFormatError(path, "weightsManifest missing");
      return tf.io.getModelArtifactsForJSON(json as tf.io.ModelJSON, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const parts: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const p of group.paths) {
            const bytes = await readFile(join(dir, p));
            parts.push(
              bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
            );
          }
          specs.push(...group.weights);
        }
        return [specs, tf.io.concatenateArrayBuffers(parts)];
      });
    },
  };
}
