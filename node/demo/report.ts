import { YUMA_VARIANT_NAMES } from "../../sim/yuma/types.ts";
import { table } from "../report/epoch-format.ts";
import { DEMO, NEURONS, runVariant, TAO, type VariantRun } from "./subnet.ts";

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const u16 = (x: number): number => x / 65535;

/** Per neuron over the whole run: mean incentive and dividends, total emission (alpha). */
function variantTable(run: VariantRun): string {
  const epochs = run.outputs.length;
  const totalStake = NEURONS.reduce((s, x) => s + x.stake, 0);
  const rows = NEURONS.map((x, i) => {
    const inc = run.outputs.reduce((s, o) => s + u16(o.incentive_u16[i]), 0) / epochs;
    const div = run.outputs.reduce((s, o) => s + u16(o.dividends_u16[i]), 0) / epochs;
    const late = run.outputs.slice(DEMO.shiftAt);
    const divLate = late.reduce((s, o) => s + u16(o.dividends_u16[i]), 0) / late.length;
    const emitted = run.outputs.reduce((s, o) => s + Number(o.emission[i]), 0) / TAO;
    const q = x.quality === undefined ? "" : `${x.quality[0]} → ${x.quality[1]}`;
    return [
      String(i),
      x.name,
      q,
      x.stake === 0 ? "" : pct(x.stake / totalStake),
      x.role === "miner" ? pct(inc) : "",
      x.role === "miner" ? "" : pct(div),
      x.role === "miner" ? "" : pct(divLate),
      emitted.toFixed(4),
    ];
  });
  return table(
    ["uid", "neuron", "quality", "stake", "incentive", "dividends", `div. after shift`, "emission (α)"],
    rows,
  );
}

/** How the copier fared: its share of dividends against its share of validator stake. */
function copierLine(run: VariantRun): string {
  const i = NEURONS.findIndex((x) => x.role === "copier");
  const validatorStake = NEURONS.filter((x) => x.role !== "miner").reduce((s, x) => s + x.stake, 0);
  const share = NEURONS[i].stake / validatorStake;
  const late = run.outputs.slice(DEMO.shiftAt);
  const div = late.reduce((s, o) => s + u16(o.dividends_u16[i]), 0) / late.length;
  const ratio = div / share;
  const perEpoch = run.outputs.map((o) => (100 * u16(o.dividends_u16[i])).toFixed(1)).join(" ");
  return [
    `copier: ${pct(share)} of validator stake, ${pct(div)} of dividends after the shift (${ratio.toFixed(2)}× its stake share)`,
    `copier's dividends by epoch (%, qualities change at epoch ${DEMO.shiftAt}): ${perEpoch}`,
  ].join("\n");
}

const EXPLAIN = `The subnet: two honest validators score five miners by their quality (with ±5% noise); a third
validator copies the previous epoch's consensus instead of evaluating anyone. From epoch ${DEMO.shiftAt} on
miner-1 degrades and miner-5 becomes the best: the honest validators see it at once, the copier one
epoch late. Incentive goes to miners by stake-weighted consensus (weights above the kappa-majority
median are clipped); dividends go to validators through their bonds on miners:
- yuma2: bonds are an EMA (alpha = 1 - bonds_moving_average = 0.1) of each validator's
  stake-weighted, clipped weights, column-normalised; dividends = bonds x incentive.
- yuma3: bonds are per-validator EMAs toward the validator's own (clipped) weights; dividends are
  the bonds' share of each miner's incentive, times the validator's stake.
- yuma3-liquid: as yuma3, but the EMA speed of each bond comes from a sigmoid of how far the weight
  is from consensus (between alpha_low 0.7 and alpha_high 0.9), so bonds follow weights within
  an epoch or two instead of the ten-odd epochs of a fixed alpha of 0.1.
Below each table: the copier's dividends against its share of validator stake, and epoch by
epoch (epochs counted from 0), where the epoch of the shift shows how each variant treats a
validator that is one epoch behind.`;

/** The whole demonstration as text: one table per variant, then a short explanation. */
export function runDemo(): string {
  const parts = [
    `plexus demo: ${NEURONS.length} uids, ${DEMO.epochs} epochs per variant, ${DEMO.raoPerEpoch / TAO} α per epoch, exact epoch engine`,
    "",
  ];
  for (const variant of YUMA_VARIANT_NAMES) {
    const run = runVariant(variant);
    parts.push(`== ${variant} ==`, variantTable(run), copierLine(run), "");
  }
  parts.push(EXPLAIN);
  return parts.join("\n");
}
