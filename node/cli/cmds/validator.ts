import type { CommandModule } from "yargs";
import { loadLayeredConfig } from "../../miner/config.ts";
import { defaultValidatorConfig, startValidator, type ValidatorConfig } from "../../validator/start.ts";
import { configFlags, flagsOf } from "./miner.ts";

export const validator: CommandModule<object, Record<string, unknown>> = {
  command: "validator",
  describe: "Run a validator: query miners found on chain, score them, set weights",
  builder: (y) =>
    configFlags(y, defaultValidatorConfig, "PLEXUS_VALIDATOR_").example(
      "$0 validator --chain ws://127.0.0.1:9944 --netuid 1 --wallet-name val",
      "validate subnet 1",
    ),
  handler: async (args) => {
    const cfg = await loadLayeredConfig<ValidatorConfig>({
      defaults: defaultValidatorConfig,
      file: args.config as string | undefined,
      envPrefix: "PLEXUS_VALIDATOR_",
      flags: flagsOf(args, defaultValidatorConfig),
    });
    await startValidator(cfg);
  },
};
