import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { ScoreBook } from "../../../node/validator/scores.ts";

test("the moving average moves toward each round's score by alpha and clamps to [0, 1]", (t) => {
  const book = new ScoreBook(1, 0.5);
  book.update(
    new Map([
      ["a", 1],
      ["b", 3],
      ["c", Number.NaN],
    ]),
  );
  t.is(book.get("a"), 0.5);
  t.is(book.get("b"), 0.5);
  t.is(book.get("c"), 0);
  book.update(new Map([["a", 0]]));
  t.is(book.get("a"), 0.25);
  t.is(book.get("b"), 0.5, "miners missing from a round keep their average");
});

test("a saved score book resumes after a restart, and deregistered hotkeys are dropped", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "plexus-scores-"));
  const path = join(dir, "scores.json");
  const book = new ScoreBook(3, 0.2);
  book.update(
    new Map([
      ["a", 1],
      ["b", 0.5],
    ]),
  );
  await book.save(path);
  t.deepEqual(await readdir(dir), ["scores.json"]);
  const again = await ScoreBook.load(path, 3, 0.2);
  t.is(again.get("a"), book.get("a"));
  t.is(again.steps, 1);
  again.retain(new Set(["b"]));
  t.is(again.get("a"), 0);
  await t.throwsAsync(ScoreBook.load(path, 4, 0.2), { message: /subnet 4/ });
});
