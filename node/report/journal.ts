import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { dirname } from "node:path";
import type { Records } from "../../sim/scenario/world.ts";
import { writeFileAtomic } from "./atomic.ts";

type Table = keyof Records;
const TABLES: Table[] = ["subnet", "uid", "agent"];

/** How many rows of each table are safely in the journal (stored in the checkpoint). */
export type JournalCounts = Record<Table, number>;

export const emptyCounts = (): JournalCounts => ({ subnet: 0, uid: 0, agent: 0 });

/**
 * An append-only journal of the rows a run has recorded, so that a checkpoint only has to hold the
 * world state and the row counts (not every row again). Rows beyond the counts of the last
 * checkpoint (a crash mid-append) are discarded on resume.
 */
export class RowJournal {
  private counts: JournalCounts;

  constructor(
    private readonly path: string,
    counts: JournalCounts = emptyCounts(),
  ) {
    this.counts = { ...counts };
  }

  /** Appends the rows recorded since the last flush and syncs them to disk; returns the counts. */
  flush(records: Records): JournalCounts {
    const lines: string[] = [];
    for (const t of TABLES)
      for (const row of records[t].slice(this.counts[t])) lines.push(JSON.stringify([t, row]));
    if (lines.length > 0) {
      mkdirSync(dirname(this.path), { recursive: true });
      appendFileSync(this.path, `${lines.join("\n")}\n`);
      const fd = openSync(this.path, "r");
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const t of TABLES) this.counts[t] = records[t].length;
    return { ...this.counts };
  }

  /** Reads back the rows covered by `counts` and rewrites the journal to hold exactly those. */
  static load(path: string, counts: JournalCounts): Records {
    const records: Records = { subnet: [], uid: [], agent: [] };
    const text = existsSync(path) ? readFileSync(path, "utf8") : "";
    for (const line of text.split("\n")) {
      if (line === "") continue;
      let entry: [Table, Record<string, number | string>];
      try {
        entry = JSON.parse(line);
      } catch {
        break; // a torn last line from an interrupted append
      }
      const [t, row] = entry;
      if (records[t].length < counts[t]) (records[t] as Array<Record<string, number | string>>).push(row);
    }
    for (const t of TABLES)
      if (records[t].length !== counts[t])
        throw new Error(
          `row journal ${path} holds ${records[t].length} ${t} rows, the checkpoint expects ${counts[t]}`,
        );
    writeFileAtomic(
      path,
      TABLES.flatMap((t) => records[t].map((r) => `${JSON.stringify([t, r])}\n`)).join(""),
    );
    return records;
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}
