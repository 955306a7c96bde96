import { z } from "zod";
import { ScenarioInputError } from "./errors.ts";

/**
 * The scenario file format (YAML or JSON, parsed by the caller) as a zod schema. Amounts are
 * written in TAO (alpha amounts in alpha) as decimal numbers; the runner converts them to rao.
 * Hyperparameters use the chain's own units and names (u16 kappa, bonds_moving_average in 1e6).
 */

const u16 = z.number().int().min(0).max(65_535);
const tao = z.number().min(0);
const probability = z.number().min(0).max(1);

export const hyperparametersSchema = z
  .object({
    kappa: u16.default(32_767),
    bonds_penalty: u16.default(65_535),
    bonds_moving_average: z.number().int().min(0).max(1_000_000).default(900_000),
    yuma3: z.boolean().default(true),
    liquid_alpha: z.boolean().default(false),
    alpha_low: u16.default(45_875),
    alpha_high: u16.default(58_982),
    alpha_sigmoid_steepness: z.number().int().min(-32_768).max(32_767).default(1000),
    /** ActivityCutoffFactorMilli: the activity cutoff is factor × tempo / 1000 blocks. */
    activity_cutoff_factor_milli: z.number().int().min(1).default(13_889),
    max_allowed_validators: z.number().int().min(1).max(256).default(64),
    max_allowed_uids: z.number().int().min(1).max(4096).default(256),
    immunity_period: z.number().int().min(0).default(5000),
    stake_threshold_tao: tao.default(0),
  })
  .strict();

export type Hyperparameters = z.infer<typeof hyperparametersSchema>;
export const HYPERPARAMETER_NAMES = Object.keys(hyperparametersSchema.shape) as Array<keyof Hyperparameters>;
/**
 * Hyperparameters a `set_hyperparameter` event may change mid-run: those the epoch reads. The uid
 * limit and immunity period are fixed at the start (the economy's registration uses them).
 */
export const EVENT_HYPERPARAMETERS = HYPERPARAMETER_NAMES.filter(
  (n) => n !== "max_allowed_uids" && n !== "immunity_period",
);

const subnetSchema = z
  .object({
    netuid: z.number().int().min(1).max(1023),
    tempo: z.number().int().min(1).max(50_400).default(360),
    hyperparameters: hyperparametersSchema.default(() => hyperparametersSchema.parse({})),
    /** The subnet's AMM pool: TAO reserve, alpha reserve (alpha_in), alpha held by stakers (alpha_out). */
    pool: z.object({ tao: tao.min(0.001), alpha_in: tao.min(0.001), alpha_out: tao.default(0) }).strict(),
    /** Starting EMA price (TAO per alpha); defaults to the pool's spot price. */
    moving_price: z.number().min(0).max(1).optional(),
    emission_enabled: z.boolean().default(true),
    /** Starting neuron registration burn, TAO. */
    burn_tao: tao.default(1),
  })
  .strict();

const base = {
  /** Unique name; the individuals are `<id>-0`, `<id>-1`, … */
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, '_', '.', '-'"),
  subnet: z.number().int().min(1).max(1023),
  count: z.number().int().min(1).max(4096).default(1),
  /** Alpha staked to each individual's hotkey at the start (validators need stake to hold a permit). */
  stake_alpha: tao.default(0),
  /** Root TAO stake of each individual's hotkey (counts through TaoWeight). */
  root_stake_tao: tao.default(0),
};

const quality = z.union([
  probability,
  z.object({ mean: probability, sd: z.number().min(0).default(0) }).strict(),
  z.array(probability).min(1),
]);

export const agentSchema = z.discriminatedUnion("kind", [
  z
    .object({
      ...base,
      kind: z.literal("miner"),
      /** True quality in [0, 1]: a number, a distribution, or one value per individual. */
      quality: quality.default(0.5),
      /** Standard deviation of a per-epoch random walk of quality. */
      drift: z.number().min(0).default(0),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal("honest_validator"),
      /** Standard deviation of the noise on each observed miner quality. */
      noise: z.number().min(0).default(0.05),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal("lazy_validator"),
      noise: z.number().min(0).default(0.05),
      /** Sets weights only every this many epochs (stale in between). */
      every_epochs: z.number().int().min(1).default(10),
    })
    .strict(),
  z.object({ ...base, kind: z.literal("weight_copier") }).strict(),
  z
    .object({
      ...base,
      kind: z.literal("cabal_validator"),
      /** Name of the cabal: its validators weight only miners of the same cabal. */
      cabal: z.string().min(1),
      /** Block from which the cabal acts; before it the validators behave honestly. */
      from_block: z.number().int().min(0).default(0),
      noise: z.number().min(0).default(0.05),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal("cabal_miner"),
      cabal: z.string().min(1),
      quality: quality.default(0.2),
      drift: z.number().min(0).default(0),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal("whale"),
      /** TAO staked into the subnet at `enter_block`, all unstaked at `exit_block`. */
      amount_tao: tao.min(0.002),
      enter_block: z.number().int().min(0),
      exit_block: z.number().int().min(0).optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal("wash_trader"),
      /** TAO bought then sold back, every `every_blocks` blocks from `from_block`. */
      amount_tao: tao.min(0.002),
      every_blocks: z.number().int().min(1).default(10),
      from_block: z.number().int().min(0).default(0),
      to_block: z.number().int().min(0).optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal("sniper"),
      /** Tries to register one new miner hotkey every `every_blocks` if the burn is at most `max_burn_tao`. */
      every_blocks: z.number().int().min(1).default(360),
      max_burn_tao: tao.default(1),
      quality: quality.default(0.3),
    })
    .strict(),
]);

export type AgentSpec = z.infer<typeof agentSchema>;
export type AgentKind = AgentSpec["kind"];
export const AGENT_KINDS = agentSchema.options.map((o) => o.shape.kind.value) as AgentKind[];

const eventSchema = z.discriminatedUnion("type", [
  z
    .object({
      at: z.number().int().min(0),
      type: z.literal("stake"),
      agent: z.string(),
      amount_tao: tao.min(0.002),
    })
    .strict(),
  z
    .object({
      at: z.number().int().min(0),
      type: z.literal("unstake"),
      agent: z.string(),
      /** Fraction of each individual's alpha to sell. */
      fraction: probability.default(1),
    })
    .strict(),
  z
    .object({
      at: z.number().int().min(0),
      type: z.literal("register"),
      /** An agent population to grow by `count` new individuals (paying the burn). */
      agent: z.string(),
      count: z.number().int().min(1).default(1),
    })
    .strict(),
  z
    .object({
      at: z.number().int().min(0),
      type: z.literal("set_hyperparameter"),
      subnet: z.number().int().min(1),
      name: z.enum(EVENT_HYPERPARAMETERS as [string, ...string[]]),
      value: z.union([z.number(), z.boolean()]),
    })
    .strict(),
  z
    .object({
      at: z.number().int().min(0),
      type: z.literal("form_cabal"),
      /** Validator and miner populations that join the cabal from this block on. */
      agents: z.array(z.string()).min(1),
      cabal: z.string().min(1),
    })
    .strict(),
]);

export type ScenarioEvent = z.infer<typeof eventSchema>;

export const RECORD_SERIES = ["subnet", "uid", "agent"] as const;

export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(""),
    seed: z.union([z.number().int().min(0).max(0xffffffff), z.string().min(1)]).default(1),
    duration: z
      .object({ blocks: z.number().int().min(1).optional(), days: z.number().positive().optional() })
      .strict()
      .refine((d) => (d.blocks === undefined) !== (d.days === undefined), "give exactly one of blocks, days"),
    /** Epoch implementation: `fast` (float64) or `exact` (bit-exact fixed point, slower). */
    epoch_mode: z.enum(["fast", "exact"]).default("fast"),
    network: z
      .object({
        /** TotalIssuance at the start, TAO (drives the halving). */
        total_issuance_tao: tao.max(21_000_000).default(7_000_000),
        /** TAO staked on root (SubnetTAO[0]). */
        root_tao: tao.default(0),
        /** TaoWeight as a fraction. */
        tao_weight: probability.default(0.0527),
      })
      .strict()
      .default({ total_issuance_tao: 7_000_000, root_tao: 0, tao_weight: 0.0527 }),
    subnets: z.array(subnetSchema).min(1),
    agents: z.array(agentSchema).default([]),
    events: z.array(eventSchema).default([]),
    record: z
      .object({
        /** Record a row every this many blocks (default: the first subnet's tempo). */
        every: z.number().int().min(1).optional(),
        series: z
          .array(z.enum(RECORD_SERIES))
          .min(1)
          .default([...RECORD_SERIES]),
      })
      .strict()
      .default({ series: [...RECORD_SERIES] }),
  })
  .strict();

export type ScenarioFile = z.input<typeof scenarioSchema>;
export type Scenario = z.infer<typeof scenarioSchema> & { blocks: number; recordEvery: number };

/** `["subnets", 1, "tempo"]` → `subnets[1].tempo`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out === "" ? "(root)" : out;
}

function describeIssue(issue: z.core.$ZodIssue): { problem: string; allowed?: string } {
  switch (issue.code) {
    case "invalid_value":
      return {
        problem: "not an allowed value",
        allowed: issue.values.map((v) => JSON.stringify(v)).join(", "),
      };
    case "too_small":
      return { problem: "too small", allowed: `>= ${String(issue.minimum)}` };
    case "too_big":
      return { problem: "too large", allowed: `<= ${String(issue.maximum)}` };
    case "unrecognized_keys":
      return { problem: `unknown key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}` };
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator === "kind")
        return { problem: "unknown agent kind", allowed: AGENT_KINDS.join(", ") };
      if ("discriminator" in issue && issue.discriminator === "type")
        return {
          problem: "unknown event type",
          allowed: "stake, unstake, register, set_hyperparameter, form_cabal",
        };
      return { problem: issue.message };
    default:
      return { problem: issue.message };
  }
}

/** Cross-field checks zod cannot express: references between subnets, agents and events. */
function checkReferences(s: z.infer<typeof scenarioSchema>): void {
  const netuids = s.subnets.map((n) => n.netuid);
  const allowedNet = netuids.join(", ");
  const seen = new Set<number>();
  s.subnets.forEach((n, i) => {
    if (seen.has(n.netuid))
      throw new ScenarioInputError(`subnets[${i}].netuid`, `duplicate netuid ${n.netuid}`);
    seen.add(n.netuid);
    const h = n.hyperparameters;
    if (h.alpha_low > h.alpha_high)
      throw new ScenarioInputError(
        `subnets[${i}].hyperparameters.alpha_low`,
        "above alpha_high",
        "<= alpha_high",
      );
  });
  const ids = new Set<string>();
  s.agents.forEach((a, i) => {
    if (ids.has(a.id)) throw new ScenarioInputError(`agents[${i}].id`, `duplicate agent id ${a.id}`);
    ids.add(a.id);
    if (!seen.has(a.subnet))
      throw new ScenarioInputError(`agents[${i}].subnet`, `no subnet ${a.subnet}`, allowedNet);
  });
  const allowedAgents = [...ids].join(", ") || "(no agents defined)";
  s.events.forEach((e, i) => {
    const refs = e.type === "form_cabal" ? e.agents : e.type === "set_hyperparameter" ? [] : [e.agent];
    refs.forEach((r, k) => {
      if (!ids.has(r)) {
        const field = e.type === "form_cabal" ? `events[${i}].agents[${k}]` : `events[${i}].agent`;
        throw new ScenarioInputError(field, `no agent ${JSON.stringify(r)}`, allowedAgents);
      }
    });
    if (e.type === "set_hyperparameter" && !seen.has(e.subnet))
      throw new ScenarioInputError(`events[${i}].subnet`, `no subnet ${e.subnet}`, allowedNet);
    if (e.type === "set_hyperparameter") {
      const probe = hyperparametersSchema.shape[e.name as keyof Hyperparameters].safeParse(e.value);
      if (!probe.success) {
        const { problem, allowed } = describeIssue(probe.error.issues[0]);
        throw new ScenarioInputError(`events[${i}].value`, problem, allowed);
      }
    }
  });
}

/**
 * Validates a parsed scenario document (the object from YAML/JSON) and fills in defaults.
 * Throws `ScenarioInputError` naming the first bad field (`subnets[1].tempo`) and what is allowed.
 */
export function parseScenario(doc: unknown): Scenario {
  const r = scenarioSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    const { problem, allowed } = describeIssue(issue);
    throw new ScenarioInputError(formatPath(issue.path), problem, allowed);
  }
  checkReferences(r.data);
  const blocks = r.data.duration.blocks ?? Math.round((r.data.duration.days ?? 0) * 7200);
  const recordEvery = r.data.record.every ?? r.data.subnets[0].tempo;
  return { ...r.data, blocks, recordEvery };
}
