import type { EconomyFactory } from "./economy.ts";
import { CheckpointMismatchError } from "./errors.ts";
import { populationsFor } from "./populations.ts";
import { createRng } from "./rng.ts";
import type { Scenario } from "./schema.ts";
import type { Individual, Records, SubnetTable, World } from "./world.ts";

/**
 * A JSON-safe copy of a whole world (economy, neuron tables, agents with their random streams,
 * recorded rows), so a run can stop and resume with byte-identical results.
 */
export interface WorldSnapshot {
  format: "plexus-scenario-checkpoint/1";
  name: string;
  seed: number | string;
  block: number;
  economy: unknown;
  tables: Array<Omit<SubnetTable, "emission"> & { emission: string[] }>;
  populations: Array<{
    id: string;
    cabal: string | null;
    cabalFrom: number;
    rng: [number, number, number, number];
    members: Array<
      Omit<Individual, "rng" | "taoSpent" | "taoReceived" | "earnedAlpha"> & {
        rng: [number, number, number, number];
        taoSpent: string;
        taoReceived: string;
        earnedAlpha: string;
      }
    >;
  }>;
  records: Records;
}

export function snapshotWorld(world: World): WorldSnapshot {
  return {
    format: "plexus-scenario-checkpoint/1",
    name: world.scenario.name,
    seed: world.seed,
    block: world.economy.block,
    economy: world.economy.snapshot(),
    tables: [...world.tables.values()].map((t) => ({ ...t, emission: t.emission.map(String) })),
    populations: world.populations.map((p) => ({
      id: p.spec.id,
      cabal: p.cabal,
      cabalFrom: p.cabalFrom,
      rng: p.rng.state(),
      members: p.members.map((m) => ({
        ...m,
        rng: m.rng.state(),
        taoSpent: String(m.taoSpent),
        taoReceived: String(m.taoReceived),
        earnedAlpha: String(m.earnedAlpha),
      })),
    })),
    records: world.records,
  };
}

/** Rebuilds a world from a snapshot; the scenario must be the same one (name, seed, agents). */
export function restoreWorld(
  scenario: Scenario,
  seed: number | string,
  snap: WorldSnapshot,
  economies: EconomyFactory,
): World {
  if (snap.format !== "plexus-scenario-checkpoint/1")
    throw new CheckpointMismatchError(`format ${String(snap.format)}`);
  if (snap.name !== scenario.name)
    throw new CheckpointMismatchError(`scenario ${snap.name} vs ${scenario.name}`);
  if (snap.seed !== seed) throw new CheckpointMismatchError(`seed ${snap.seed} vs ${seed}`);
  const populations = populationsFor(scenario, createRng(0));
  if (populations.length !== snap.populations.length)
    throw new CheckpointMismatchError("agent populations differ");
  populations.forEach((p, k) => {
    const s = snap.populations[k];
    if (s.id !== p.spec.id) throw new CheckpointMismatchError(`agent ${s.id} vs ${p.spec.id}`);
    p.cabal = s.cabal;
    p.cabalFrom = s.cabalFrom;
    p.rng = createRng(s.rng);
    p.members = s.members.map((m) => ({
      ...m,
      rng: createRng(m.rng),
      taoSpent: BigInt(m.taoSpent),
      taoReceived: BigInt(m.taoReceived),
      earnedAlpha: BigInt(m.earnedAlpha),
    }));
  });
  const tables = new Map(
    snap.tables.map((t) => [t.netuid, { ...t, emission: t.emission.map((e) => BigInt(e)) } as SubnetTable]),
  );
  return {
    scenario,
    seed,
    economy: economies.restore(snap.economy),
    tables,
    populations,
    records: snap.records,
  };
}
