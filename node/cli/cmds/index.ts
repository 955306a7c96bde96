import type { CommandModule } from "yargs";
import { chain } from "./chain.ts";
import { conformance } from "./conformance.ts";
import { demo } from "./demo.ts";
import { localnet } from "./localnet.ts";
import { miner } from "./miner.ts";
import { sim } from "./sim/index.ts";
import { subnet } from "./subnet.ts";
import { validator } from "./validator.ts";
import { wallet } from "./wallet.ts";

/** Every top-level command. A command only parses options and calls a function of its area. */
// biome-ignore lint/suspicious/noExplicitAny: yargs command modules have heterogeneous argument types
export const commands: CommandModule<any, any>[] = [
  chain,
  conformance,
  demo,
  localnet,
  miner,
  sim,
  subnet,
  validator,
  wallet,
];
