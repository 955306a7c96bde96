import { I32F32, toNumber } from "../../../../sim/fixed/fixed.ts";
import type { EpochOutput, EpochOutputFloat } from "../../../../sim/yuma/types.ts";

/**
 * The agreement the fast mode promises (docs/yuma.md, "Fast mode"): fixed-point vectors within
 * 1e-6 absolute, u16 outputs within 1 unit, rao outputs within 1e-6 of the distributed rao, and
 * identical masks and bond structure.
 */
export const TOLERANCE = { fixed: 1e-6, u16: 1, raoRel: 1e-6 } as const;

const FIXED = [
  "stake",
  "active_stake",
  "consensus",
  "validator_trust",
  "incentive",
  "dividends",
  "normalized_server_emission",
  "normalized_validator_emission",
  "normalized_combined_emission",
] as const;
const U16 = [
  "stake_weight",
  "consensus_u16",
  "validator_trust_u16",
  "incentive_u16",
  "dividends_u16",
] as const;
const RAO = ["server_emission", "validator_emission", "emission"] as const;
const SAME = ["active", "validator_permit_used", "new_validator_permit", "liquid_alpha_used"] as const;

/** Every way `fast` falls outside the tolerance around `exact` (empty = agreement). */
export function disagreements(exact: EpochOutput, fast: EpochOutputFloat, rao: number): string[] {
  const out: string[] = [];
  for (const k of FIXED) {
    exact[k].forEach((bits, i) => {
      const d = Math.abs(toNumber(I32F32, bits) - fast[k][i]);
      if (!(d <= TOLERANCE.fixed)) out.push(`${k}[${i}] off by ${d}`);
    });
  }
  for (const k of U16) {
    exact[k].forEach((v, i) => {
      if (!(Math.abs(v - fast[k][i]) <= TOLERANCE.u16)) out.push(`${k}[${i}]: ${v} vs ${fast[k][i]}`);
    });
  }
  for (const k of RAO) {
    exact[k].forEach((v, i) => {
      const d = Math.abs(Number(v) - fast[k][i]);
      if (!(d <= TOLERANCE.raoRel * Math.max(rao, 1))) out.push(`${k}[${i}] off by ${d} rao`);
    });
  }
  for (const k of SAME) {
    if (JSON.stringify(exact[k]) !== JSON.stringify(fast[k])) out.push(`${k} differs`);
  }
  exact.bonds.forEach((row, i) => {
    const f = fast.bonds[i];
    if (row.length !== f.length || row.some(([j], q) => f[q][0] !== j)) {
      out.push(`bonds[${i}] structure differs`);
      return;
    }
    row.forEach(([, v], q) => {
      if (Math.abs(v - f[q][1]) > TOLERANCE.u16) out.push(`bonds[${i}][${q}]: ${v} vs ${f[q][1]}`);
    });
  });
  return out;
}
