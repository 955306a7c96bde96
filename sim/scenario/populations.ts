import { sniper, washTrader, whale } from "./agents/market.ts";
import type { MarketStrategy, WeightStrategy } from "./agents/types.ts";
import { cabalValidator, honestValidator, lazyValidator, weightCopier } from "./agents/validators.ts";
import type { Rng } from "./rng.ts";
import type { AgentKind, AgentSpec, Scenario } from "./schema.ts";
import type { Individual } from "./world.ts";

/** An agent population of a scenario (one `agents[]` entry) and its individuals. */
export interface Population {
  spec: AgentSpec;
  members: Individual[];
  /** Individuals hold uids on the subnet (miners and validators; not market agents). */
  hasUid: boolean;
  isMiner: boolean;
  /** Cabal this population belongs to (set by its kind or a `form_cabal` event) and since when. */
  cabal: string | null;
  cabalFrom: number;
  /** Stream for population-level choices (new registrations). */
  rng: Rng;
  market: MarketStrategy<never> | null;
}

/** Pluggable strategies: the weight-setting function of each validator kind. */
const WEIGHT_STRATEGIES: Partial<Record<AgentKind, WeightStrategy<never>>> = {
  honest_validator: honestValidator as WeightStrategy<never>,
  lazy_validator: lazyValidator as WeightStrategy<never>,
  weight_copier: weightCopier as WeightStrategy<never>,
  cabal_validator: honestValidator as WeightStrategy<never>,
};

/** The market strategy of each market kind; `sniper` also holds uids (its registered miners). */
const MARKET_STRATEGIES: Partial<Record<AgentKind, MarketStrategy<never>>> = {
  whale: whale as MarketStrategy<never>,
  wash_trader: washTrader as MarketStrategy<never>,
  sniper: sniper as MarketStrategy<never>,
};

const MINERS = new Set<AgentKind>(["miner", "cabal_miner", "sniper"]);

export function populationsFor(scenario: Scenario, root: Rng): Population[] {
  return scenario.agents.map((spec) => ({
    spec,
    members: [],
    hasUid: spec.kind !== "whale" && spec.kind !== "wash_trader",
    isMiner: MINERS.has(spec.kind),
    cabal: "cabal" in spec ? spec.cabal : null,
    cabalFrom: spec.kind === "cabal_validator" ? spec.from_block : 0,
    rng: root.fork(`population:${spec.id}`),
    market: MARKET_STRATEGIES[spec.kind] ?? null,
  }));
}

/** The weight strategy a validator population uses now (any validator in an active cabal colludes). */
export function strategyFor(pop: Population, cabalActive: boolean): WeightStrategy<never> {
  if (cabalActive) return cabalValidator as WeightStrategy<never>;
  return WEIGHT_STRATEGIES[pop.spec.kind] ?? (honestValidator as WeightStrategy<never>);
}
