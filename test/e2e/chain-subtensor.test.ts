import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { devKeypair } from "../../node/chain/dev-keys.ts";
import { hotkeySigner } from "../../node/chain/signers.ts";
import { SubtensorClient } from "../../node/chain/subtensor/client.ts";
import { Wallet } from "../../node/wallet/wallet.ts";
import { chainContract } from "../helpers/chain-contract.ts";
import { CuttableProxy } from "../helpers/chain-proxy.ts";
import { startLocalChainOrReason } from "../helpers/local-chain.ts";

// chopsticks logs every refused request at error level; the tests check the refusals themselves.
process.env.LOG_LEVEL ??= "fatal";

// Start the real runtime once at module load; if it cannot start, every test is a skip with the reason.
const { chain, reason } = await startLocalChainOrReason();

const clients: SubtensorClient[] = [];
async function client(url: string): Promise<SubtensorClient> {
  const c = new SubtensorClient(url, { initialBackoffMs: 50, maxBackoffMs: 500, connectTimeoutMs: 15_000 });
  await c.connect();
  clients.push(c);
  return c;
}

chainContract(
  test,
  "subtensor",
  async () => {
    const local = chain!;
    return {
      client: await client(local.wsUrl),
      advance: (n) => local.newBlocks(n),
      close: async () => undefined,
    };
  },
  reason,
);

const serial = (title: string, fn: (t: ExecutionContext) => Promise<void>) =>
  reason === undefined ? test.serial(title, fn) : test.skip(`${title} : skipped, ${reason}`, () => undefined);

serial(
  "subtensor: a connection dropped right after submission reconnects and the transfer lands exactly once",
  async (t) => {
    const proxy = await CuttableProxy.start(chain!.wsUrl);
    try {
      const [eve, ferdie] = await Promise.all([devKeypair("eve"), devKeypair("ferdie")]);
      const c = await client(proxy.url);
      const before = await c.balance(ferdie.address);
      const nonceBefore = (await c.api.rpc.system.accountNextIndex(eve.address)).toNumber();
      proxy.cutAfter("author_submitExtrinsic");
      const receipt = await c.transfer(eve, { dest: ferdie.address, amountRao: 3_000_000_000n });
      t.is(proxy.cuts, 1, "the proxy cut the connection mid-operation");
      t.true(receipt.blockNumber > 0);
      t.is(await c.balance(ferdie.address), before + 3_000_000_000n, "credited once");
      t.is(
        (await c.api.rpc.system.accountNextIndex(eve.address)).toNumber(),
        nonceBefore + 1,
        "one extrinsic used one nonce",
      );
      await c.disconnect();
    } finally {
      await proxy.close();
    }
  },
);

serial("subtensor: a key loaded from a bittensor wallet signs extrinsics the runtime accepts", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-e2e-wallet-"));
  try {
    const c = await client(chain!.wsUrl);
    const wallet = new Wallet({ path: dir, name: "e2e", hotkey: "hk" });
    const { keypair } = await wallet.createHotkey();
    const signer = await hotkeySigner({ walletPath: dir, walletName: "e2e", walletHotkey: "hk" });
    t.is(signer.address, keypair.address);
    const alice = await devKeypair("alice");
    await c.transfer(alice, { dest: signer.address, amountRao: 5_000_000_000n });
    const before = await c.balance(alice.address);
    await c.transfer(signer, { dest: alice.address, amountRao: 1_000_000_000n });
    t.is(await c.balance(alice.address), before + 1_000_000_000n);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

serial("subtensor: the client refuses to connect to a closed port after its retries", async (t) => {
  const c = new SubtensorClient("ws://127.0.0.1:9", {
    connectAttempts: 2,
    initialBackoffMs: 10,
    connectTimeoutMs: 2000,
  });
  const err = await t.throwsAsync(c.connect());
  t.is((err as { code?: string }).code, "CHAIN_CONNECTION_FAILED");
  await c.disconnect();
});

test.after.always(async () => {
  for (const c of clients) await c.disconnect();
  await chain?.close();
});
