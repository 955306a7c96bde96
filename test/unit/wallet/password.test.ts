import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import test from "ava";
import { getPassword, promptHidden, readSecretInput } from "../../../node/wallet/password.ts";

/** A fake TTY: records raw-mode changes; `type` feeds keystrokes. */
class FakeTty extends EventEmitter {
  readonly isTTY = true;
  isRaw = false;
  rawChanges: boolean[] = [];
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    this.rawChanges.push(mode);
  }
  resume() {}
  pause() {}
  type(text: string) {
    setImmediate(() => this.emit("data", Buffer.from(text)));
  }
}

function sink() {
  const written: string[] = [];
  return { written, write: (s: string) => written.push(s) };
}

test("the environment variable wins and its name is configurable", async (t) => {
  const pw = await getPassword({ prompt: "pw" }, { env: { MY_PW: "hunter22" }, envVar: "MY_PW" });
  t.is(pw, "hunter22");
});

test("without the variable and without a terminal a password is required", async (t) => {
  const input = new FakeTty();
  Object.defineProperty(input, "isTTY", { value: false });
  const err = await t.throwsAsync(getPassword({ prompt: "pw" }, { env: {}, input, output: sink() }));
  t.is((err as { code?: string }).code, "WALLET_PASSWORD_REQUIRED");
  t.true(err?.message.includes("PLEXUS_WALLET_PASSWORD"));
});

test("a new password from the environment must be long enough", async (t) => {
  const err = await t.throwsAsync(
    getPassword({ prompt: "pw", isNew: true }, { env: { PLEXUS_WALLET_PASSWORD: "abc" } }),
  );
  t.is((err as { code?: string }).code, "WALLET_PASSWORD_TOO_SHORT");
  t.false(err?.message.includes("abc"));
});

test("the prompt reads in raw mode without echo, handles backspace, and restores the terminal", async (t) => {
  const input = new FakeTty();
  const output = sink();
  input.type("secreX\u007ft\r");
  const pw = await promptHidden("Password: ", { input, output });
  t.is(pw, "secret");
  t.deepEqual(input.rawChanges, [true, false]);
  t.false(output.written.join("").includes("secret"));
  t.is(input.listenerCount("data"), 0);
});

test("a new password typed twice must match", async (t) => {
  const input = new FakeTty();
  input.type("password1\r");
  setTimeout(() => input.emit("data", Buffer.from("password2\r")), 20);
  const err = await t.throwsAsync(
    getPassword({ prompt: "pw", isNew: true }, { env: {}, input, output: sink() }),
  );
  t.is((err as { code?: string }).code, "WALLET_PASSWORD_MISMATCH");
});

test("Ctrl-C and the abort signal cancel the prompt with AbortError", async (t) => {
  const input = new FakeTty();
  input.type("abc\u0003");
  const err = await t.throwsAsync(promptHidden("pw: ", { input, output: sink() }));
  t.is(err?.name, "AbortError");
  const controller = new AbortController();
  const pending = promptHidden("pw: ", { input, output: sink(), signal: controller.signal });
  controller.abort();
  t.is((await t.throwsAsync(pending))?.name, "AbortError");
  t.false(input.isRaw);
});

test("an unanswered prompt times out with TimeoutError", async (t) => {
  const input = new FakeTty();
  const err = await t.throwsAsync(promptHidden("pw: ", { input, output: sink(), timeoutMs: 20 }));
  t.is(err?.name, "TimeoutError");
  t.is(input.listenerCount("data"), 0);
});

test("a secret piped on stdin is read to its end; a silent pipe times out", async (t) => {
  const pipe = new PassThrough();
  const pending = readSecretInput("Mnemonic", { input: pipe });
  pipe.write("word1 word2");
  pipe.end(" word3\n");
  t.is(await pending, "word1 word2 word3\n");
  const silent = new PassThrough();
  const err = await t.throwsAsync(readSecretInput("Mnemonic", { input: silent, timeoutMs: 20 }));
  t.is(err?.name, "TimeoutError");
});
