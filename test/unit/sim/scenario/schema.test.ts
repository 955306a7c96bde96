import test from "ava";
import { ScenarioInputError } from "../../../../sim/scenario/errors.ts";
import { parseScenario } from "../../../../sim/scenario/schema.ts";

const base = {
  name: "s",
  duration: { days: 1 },
  subnets: [{ netuid: 1, pool: { tao: 100, alpha_in: 1000 } }],
};

function fieldOf(doc: unknown): { field: string; message: string } {
  try {
    parseScenario(doc);
  } catch (e) {
    if (e instanceof ScenarioInputError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error("expected a ScenarioInputError");
}

test("a minimal scenario gets chain defaults and a duration in blocks", (t) => {
  const s = parseScenario(base);
  t.is(s.blocks, 7200);
  t.is(s.subnets[0].tempo, 360);
  t.is(s.subnets[0].hyperparameters.kappa, 32_767);
  t.is(s.recordEvery, 360);
  t.is(s.epoch_mode, "fast");
});

test("a bad tempo is reported with its path and the allowed range", (t) => {
  const e = fieldOf({
    ...base,
    subnets: [base.subnets[0], { netuid: 2, tempo: 0, pool: { tao: 1, alpha_in: 1 } }],
  });
  t.is(e.field, "subnets[1].tempo");
  t.regex(e.message, />= 1/);
});

test("an unknown agent kind lists the kinds that exist", (t) => {
  const e = fieldOf({ ...base, agents: [{ id: "a", kind: "oracle", subnet: 1 }] });
  t.is(e.field, "agents[0].kind");
  t.regex(e.message, /honest_validator/);
  t.regex(e.message, /wash_trader/);
});

test("an enum field lists its allowed values", (t) => {
  const e = fieldOf({ ...base, epoch_mode: "quick" });
  t.is(e.field, "epoch_mode");
  t.regex(e.message, /"fast", "exact"/);
});

test("references to missing subnets and agents are rejected by path", (t) => {
  t.is(fieldOf({ ...base, agents: [{ id: "a", kind: "miner", subnet: 9 }] }).field, "agents[0].subnet");
  t.is(
    fieldOf({ ...base, events: [{ at: 5, type: "stake", agent: "ghost", amount_tao: 1 }] }).field,
    "events[0].agent",
  );
});

test("a hyperparameter event value is checked against that hyperparameter's range", (t) => {
  const e = fieldOf({
    ...base,
    events: [{ at: 1, type: "set_hyperparameter", subnet: 1, name: "kappa", value: 70_000 }],
  });
  t.is(e.field, "events[0].value");
  t.regex(e.message, /<= 65535/);
});

test("unknown keys are refused rather than ignored", (t) => {
  t.is(fieldOf({ ...base, subnets: [{ ...base.subnets[0], temp: 10 }] }).field, "subnets[0]");
});

test("events may not change the uid limit or immunity period mid-run", (t) => {
  const e = fieldOf({
    ...base,
    events: [{ at: 1, type: "set_hyperparameter", subnet: 1, name: "max_allowed_uids", value: 10 }],
  });
  t.is(e.field, "events[0].name");
  t.regex(e.message, /"kappa"/);
});
