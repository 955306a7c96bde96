import { loadSubnet } from "../../subnets/registry.ts";
import { createRuntime } from "../runtime/index.ts";
import { Miner } from "./miner.ts";
import { defaultRoleConfig, openRole, type RoleConfig, untilShutdown } from "./role.ts";

export interface MinerConfig extends RoleConfig {
  subnet: string;
  externalIp: string;
  port: number;
  register: boolean;
  modelDir: string;
  backend: string;
}

export const defaultMinerConfig: MinerConfig = {
  ...defaultRoleConfig,
  subnet: "matmul",
  externalIp: "",
  port: 0,
  register: false,
  modelDir: "",
  backend: "",
};

/** `plexus miner`: serves the subnet until SIGINT/SIGTERM (or `signal`), then shuts down in order. */
export async function startMiner(cfg: MinerConfig, signal?: AbortSignal): Promise<void> {
  const { definition: subnet } = await loadSubnet(cfg.subnet);
  const role = await openRole(cfg, { name: "miner", needColdkey: cfg.register });
  let runtime: Awaited<ReturnType<typeof createRuntime>> | undefined;
  try {
    runtime = await createRuntime(cfg.backend === "" ? {} : { backend: cfg.backend as never }, {
      logger: role.logger as never,
    });
    const handler = await subnet.createMiner({
      runtime,
      modelDir: cfg.modelDir === "" ? undefined : cfg.modelDir,
    });
    const shutdown = untilShutdown(signal);
    const miner = await Miner.start(
      {
        chain: role.chain.client,
        node: role.node,
        subnet,
        handler,
        hotkey: role.hotkey,
        coldkey: role.coldkey,
        logger: role.logger,
      },
      {
        netuid: cfg.netuid,
        externalIp: cfg.externalIp,
        externalPort: cfg.port === 0 ? undefined : cfg.port,
        register: cfg.register,
        serveAxon: cfg.externalIp !== "",
      },
      shutdown.signal,
    ).catch(async (err) => {
      await handler.close();
      throw err;
    });
    role.logger.info({ uid: miner.uid, subnet: subnet.name }, "miner serving");
    const why = await shutdown.done;
    role.logger.info({ why }, "miner stopping");
    await miner.stop();
  } finally {
    await runtime?.dispose().catch(() => undefined);
    await role.close();
  }
}
