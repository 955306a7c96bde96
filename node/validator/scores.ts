import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { InvalidInputError, PlexusError } from "../../sim/errors.ts";

/**
 * Moving average of each miner's scores, keyed by hotkey (a uid taken over by a new hotkey starts
 * from zero). Persisted as JSON with an atomic write so a restarted validator resumes where it was.
 */
const fileSchema = z.object({
  version: z.literal(1),
  netuid: z.number().int(),
  alpha: z.number(),
  steps: z.number().int().nonnegative(),
  scores: z.record(z.string(), z.number().min(0).max(1)),
});

export class ScoreBook {
  private scores = new Map<string, number>();
  steps = 0;

  constructor(
    readonly netuid: number,
    /** Weight of the newest score in the average, in (0, 1]. */
    readonly alpha: number,
  ) {
    if (!(alpha > 0 && alpha <= 1))
      throw new InvalidInputError("scoreAlpha", `got ${alpha}`, "a number in (0, 1]");
  }

  /** Folds one round of scores in; miners not in `round` keep their average. */
  update(round: ReadonlyMap<string, number>): void {
    for (const [hotkey, s] of round) {
      const clamped = Number.isFinite(s) ? Math.min(1, Math.max(0, s)) : 0;
      const prev = this.scores.get(hotkey) ?? 0;
      this.scores.set(hotkey, prev + this.alpha * (clamped - prev));
    }
    this.steps++;
  }

  get(hotkey: string): number {
    return this.scores.get(hotkey) ?? 0;
  }

  /** Drops hotkeys no longer registered. */
  retain(hotkeys: ReadonlySet<string>): void {
    for (const k of this.scores.keys()) if (!hotkeys.has(k)) this.scores.delete(k);
  }

  entries(): [string, number][] {
    return [...this.scores.entries()];
  }

  async save(path: string): Promise<void> {
    const body = JSON.stringify({
      version: 1,
      netuid: this.netuid,
      alpha: this.alpha,
      steps: this.steps,
      scores: Object.fromEntries(this.scores),
    });
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    const fh = await open(tmp, "w", 0o644);
    try {
      await fh.writeFile(body, "utf8");
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  }

  /** Loads a saved book, or returns a fresh one when the file does not exist. */
  static async load(path: string, netuid: number, alpha: number): Promise<ScoreBook> {
    const book = new ScoreBook(netuid, alpha);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return book;
      throw err;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.netuid !== netuid) {
      throw new PlexusError(
        "VALIDATOR_STATE_INVALID",
        `score file ${path} is not a score book for subnet ${netuid}; move it away to start fresh`,
      );
    }
    book.scores = new Map(Object.entries(parsed.data.scores));
    book.steps = parsed.data.steps;
    return book;
  }
}
