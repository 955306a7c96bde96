import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { createRuntime } from "../../node/runtime/select.ts";
import { repoRoot } from "../helpers/shared.ts";

// Dawn's README warns that Node may not exit while a WebGPU instance is referenced; the runtime
// drops it on dispose. Decided at load time: without any adapter there is nothing to check.
const probe = await createRuntime({ backend: "tfjs-webgpu", allowSoftwareAdapter: true }).then(
  async (r) => {
    await r.dispose();
    return "";
  },
  (err: Error & { meta?: { reason?: string } }) => String(err.meta?.reason ?? err.message),
);
const webgpuTest = probe === "" ? test.serial : test.skip;

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (killed after `timeoutMs`, which then fails the test). */
function run(args: string[], timeoutMs = 90_000, env: Record<string, string> = {}): Promise<Done> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, XDG_RUNTIME_DIR: tmpdir(), ...env },
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      p.kill("SIGKILL");
      reject(new Error(`${args.join(" ")} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    p.stdout.on("data", (d) => {
      stdout += d;
    });
    p.stderr.on("data", (d) => {
      stderr += d;
    });
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const plexus = (args: string[]) => run([join(repoRoot, "bin", "plexus.js"), ...args]);

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "plexus-runtime-e2e-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test.serial("plexus subnet list shows the shipped subnets", async (t) => {
  const out = await plexus(["subnet", "list", "--json"]);
  t.is(out.code, 0, out.stderr);
  const names = (JSON.parse(out.stdout) as { name: string }[]).map((s) => s.name);
  t.true(names.includes("distill") && names.includes("matmul"));
});

for (const format of ["tfjs", "onnx"] as const) {
  test.serial(`plexus subnet train writes a ${format} student and reports its quality`, async (t) => {
    const dir = join(await tempDir(t), "student");
    const out = await plexus([
      "subnet",
      "train",
      "--subnet",
      "distill",
      "--epochs",
      "2",
      "--hidden",
      "8",
      "--samples",
      "512",
      "--format",
      format,
      "--out",
      dir,
    ]);
    t.is(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout.trim().split("\n").pop() ?? "{}");
    t.is(report.format, format);
    t.true(report.heldOutAgreement >= 0 && report.heldOutAgreement <= 1);
    t.regex(out.stderr, /epoch 2\/2/);
    const files = (await readdir(dir)).sort();
    t.deepEqual(files, format === "onnx" ? ["model.onnx"] : ["model.json", "weights.bin"]);
  });
}

test.serial("plexus subnet train with a bad option exits 2 naming the field", async (t) => {
  // Refused while parsing options, before anything is written to --out.
  const out = await plexus([
    "subnet",
    "train",
    "--subnet",
    "distill",
    "--epochs",
    "0",
    "--out",
    join(tmpdir(), "unused"),
  ]);
  t.is(out.code, 2);
  t.regex(out.stderr, /epochs/);
});

test.serial("plexus subnet new scaffolds a folder that plexus subnet list then finds", async (t) => {
  // Inside the repository (ignored by git), so the scaffolded code resolves plexus's node_modules.
  const root = join(repoRoot, ".plexus", `e2e-subnets-${process.pid}`);
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const made = await plexus(["subnet", "new", "echo-sum", "--dir", root]);
  // The parent folder is not on the default search path; PLEXUS_SUBNETS_PATH adds it.
  t.is(made.code, 0, made.stderr);
  t.true(existsSync(join(root, "echo-sum", "index.ts")));
  const withPath = await run([join(repoRoot, "bin", "plexus.js"), "subnet", "list", "--json"], 60_000, {
    PLEXUS_SUBNETS_PATH: root,
  });
  t.is(withPath.code, 0);
  t.true(withPath.stdout.includes("echo-sum"));
});

webgpuTest(
  `a process that ran a model on WebGPU exits by itself${probe === "" ? "" : ` : skipped, no WebGPU adapter (${probe})`}`,
  async (t) => {
    const dir = await tempDir(t);
    const script = join(dir, "gpu-once.mts");
    await writeFile(
      script,
      [
        `import { createRuntime, randomDenseSpec } from ${JSON.stringify(join(repoRoot, "node/runtime/index.ts"))};`,
        'const rt = await createRuntime({ backend: "tfjs-webgpu", allowSoftwareAdapter: true });',
        'const m = await rt.fromDense(randomDenseSpec(4, [{ units: 2, activation: "linear" }], () => 0.5));',
        "const y = await m.predictBatch(new Float32Array(4), 1);",
        "await m.dispose();",
        "await rt.dispose();",
        "console.log(JSON.stringify(Array.from(y)));",
      ].join("\n"),
    );
    const out = await run([join(repoRoot, "bin", "run-ts.js"), script], 60_000);
    t.is(out.code, 0, out.stderr);
    t.is(JSON.parse(out.stdout.trim()).length, 2);
  },
);
