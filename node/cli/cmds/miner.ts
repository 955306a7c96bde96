import type { Argv, CommandModule } from "yargs";
import { type ConfigShape, envName, loadLayeredConfig } from "../../miner/config.ts";
import { defaultMinerConfig, type MinerConfig, startMiner } from "../../miner/start.ts";

const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** One flag per config key (no yargs default, so unset flags leave the file and env layers alone). */
export function configFlags<T extends ConfigShape>(y: Argv, defaults: T, envPrefix: string): Argv {
  y.option("config", {
    type: "string",
    describe: "YAML or JSON config file (defaults < file < env < flags)",
  });
  for (const [key, value] of Object.entries(defaults)) {
    const type = Array.isArray(value)
      ? "array"
      : typeof value === "number"
        ? "number"
        : typeof value === "boolean"
          ? "boolean"
          : "string";
    y.option(kebab(key), {
      type: type as "string",
      describe: `default ${JSON.stringify(value)}; env ${envName(envPrefix, key)}`,
    });
  }
  return y;
}

export function flagsOf<T extends ConfigShape>(args: Record<string, unknown>, defaults: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const v = args[kebab(key)];
    if (v !== undefined) out[key] = Array.isArray(v) ? v.map(String) : v;
  }
  return out as Partial<T>;
}

export const miner: CommandModule<object, Record<string, unknown>> = {
  command: "miner",
  describe: "Run a miner: register/serve its axon and answer the subnet's queries over libp2p",
  builder: (y) =>
    configFlags(y, defaultMinerConfig, "PLEXUS_MINER_")
      .example(
        "$0 miner --chain ws://127.0.0.1:9944 --netuid 1 --external-ip 203.0.113.7",
        "serve matmul on subnet 1",
      )
      .example(
        "$0 miner --chain sim --sim-state sim.json --dev bob --register",
        "a miner on a saved SimChain",
      ),
  handler: async (args) => {
    const cfg = await loadLayeredConfig<MinerConfig>({
      defaults: defaultMinerConfig,
      file: args.config as string | undefined,
      envPrefix: "PLEXUS_MINER_",
      flags: flagsOf(args, defaultMinerConfig),
    });
    await startMiner(cfg);
  },
};
