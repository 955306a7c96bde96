import type { GroupEvaluator } from "./types.ts";

/**
 * Every area that has vectors exports `groups: Record<group, GroupEvaluator>` from a module listed
 * here. They are loaded on demand so that `plexus conformance` only pays for what it runs. A group
 * missing from every module fails as "unsupported group".
 */
const areaModules: Array<() => Promise<{ groups: Record<string, GroupEvaluator> }>> = [
  () => import("./weights.ts"),
  () => import("./emission.ts"),
  () => import("./yuma.ts"),
];

export async function loadGroupEvaluators(): Promise<Map<string, GroupEvaluator>> {
  const table = new Map<string, GroupEvaluator>();
  for (const load of areaModules) {
    const { groups } = await load();
    for (const [group, evaluator] of Object.entries(groups)) {
      if (table.has(group)) throw new Error(`conformance group defined twice: ${group}`);
      table.set(group, evaluator);
    }
  }
  return table;
}
