import { loadSubnet } from "../../subnets/registry.ts";
import { createValidatorMetrics } from "../metrics/validator.ts";
import { defaultRoleConfig, openRole, type RoleConfig, untilShutdown } from "../miner/role.ts";
import { defaultValidatorOptions } from "./options.ts";
import { Validator } from "./validator.ts";

export interface ValidatorConfig extends RoleConfig {
  subnet: string;
  stateFile: string;
  intervalMs: number;
  queryTimeoutMs: number;
  scoreAlpha: number;
  seed: string;
}

export const defaultValidatorConfig: ValidatorConfig = {
  ...defaultRoleConfig,
  listen: ["/ip4/0.0.0.0/tcp/0"],
  subnet: "matmul",
  stateFile: "validator-scores.json",
  intervalMs: defaultValidatorOptions.stepIntervalMs,
  queryTimeoutMs: defaultValidatorOptions.queryTimeoutMs,
  scoreAlpha: defaultValidatorOptions.scoreAlpha,
  seed: "",
};

/** `plexus validator`: query rounds and weights until SIGINT/SIGTERM (or `signal`). */
export async function startValidator(cfg: ValidatorConfig, signal?: AbortSignal): Promise<void> {
  const { definition: subnet } = await loadSubnet(cfg.subnet);
  const role = await openRole(cfg, { name: "validator", needColdkey: false });
  try {
    const validator = await Validator.create(
      {
        chain: role.chain.client,
        node: role.node,
        subnet,
        hotkey: role.hotkey,
        logger: role.logger,
        metrics: createValidatorMetrics(role.registry),
      },
      {
        netuid: cfg.netuid,
        seed: cfg.seed === "" ? undefined : cfg.seed,
        statePath: cfg.stateFile,
        stepIntervalMs: cfg.intervalMs,
        queryTimeoutMs: cfg.queryTimeoutMs,
        scoreAlpha: cfg.scoreAlpha,
      },
    );
    const shutdown = untilShutdown(signal);
    const running = validator.run(shutdown.signal, (r, w) => {
      const answered = r.results.filter((x) => x.error === undefined).length;
      role.logger.info(
        {
          round: r.round,
          block: r.block,
          miners: r.results.length,
          answered,
          weights: w?.set ?? false,
          reason: w?.reason,
        },
        "round",
      );
    });
    role.logger.info({ why: await shutdown.done }, "validator stopping");
    await running;
  } finally {
    await role.close();
  }
}
