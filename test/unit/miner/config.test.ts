import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { envName, loadLayeredConfig } from "../../../node/miner/config.ts";
import { InvalidInputError } from "../../../sim/errors.ts";

const defaults = {
  netuid: 1,
  externalIp: "",
  register: false,
  listen: ["/ip4/0.0.0.0/tcp/8091"],
  logLevel: "info",
};

test("config layers apply in order: defaults < file < environment < flags", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-config-"));
  const file = join(dir, "miner.yaml");
  await writeFile(file, "netuid: 5\nexternalIp: 1.2.3.4\nlogLevel: debug\n");
  const cfg = await loadLayeredConfig({
    defaults,
    file,
    envPrefix: "PLEXUS_MINER_",
    env: {
      PLEXUS_MINER_EXTERNAL_IP: "5.6.7.8",
      PLEXUS_MINER_REGISTER: "true",
      PLEXUS_MINER_LISTEN: "/ip4/1.1.1.1/tcp/1,/ip4/2.2.2.2/tcp/2",
    },
    flags: { logLevel: "warn", netuid: undefined },
  });
  t.deepEqual(cfg, {
    netuid: 5,
    externalIp: "5.6.7.8",
    register: true,
    listen: ["/ip4/1.1.1.1/tcp/1", "/ip4/2.2.2.2/tcp/2"],
    logLevel: "warn",
  });
  t.is(envName("PLEXUS_MINER_", "externalIp"), "PLEXUS_MINER_EXTERNAL_IP");
});

test("an unknown key in the config file or a badly typed value is refused by name", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-config-"));
  const file = join(dir, "miner.json");
  await writeFile(file, JSON.stringify({ netuId: 3 }));
  const e1 = await t.throwsAsync(loadLayeredConfig({ defaults, file, envPrefix: "X_", env: {}, flags: {} }), {
    instanceOf: InvalidInputError,
  });
  t.regex(e1!.message, /netuId/);
  const e2 = await t.throwsAsync(
    loadLayeredConfig({ defaults, envPrefix: "X_", env: { X_NETUID: "seven" }, flags: {} }),
    { instanceOf: InvalidInputError },
  );
  t.regex(e2!.message, /X_NETUID/);
});
