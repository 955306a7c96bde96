import { chainEconomies } from "../../sim/scenario/chain.ts";
import { epochFor } from "../../sim/scenario/epochs.ts";
import type { Engines } from "./simulate.ts";

/** The real engines: sim/emission for balances, sim/yuma (exact or fast) for epochs. */
export const defaultEngines: Engines = { economies: chainEconomies, epochFor };
