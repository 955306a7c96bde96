import test from "ava";
import { describeAdapter } from "../../../node/runtime/backends/webgpu.ts";

const adapter = (info: Record<string, string>) => ({
  info,
  features: new Set<string>(),
  limits: {},
  requestDevice: async () => ({}),
});

test("a GPU adapter that reports a real architecture counts as hardware", (t) => {
  const info = describeAdapter(
    adapter({ vendor: "nvidia", architecture: "hopper", device: "NVIDIA H200", description: "NVIDIA H200" }),
  );
  t.false(info.software);
  t.is(info.vendor, "nvidia");
});

test("lavapipe, SwiftShader and CPU adapters count as software", (t) => {
  const cases = [
    {
      vendor: "mesa",
      architecture: "software",
      device: "llvmpipe-llvm-15",
      description: "llvmpipe: Mesa 25.0.7",
    },
    { vendor: "google", architecture: "", device: "SwiftShader Device (Subzero)", description: "" },
    { vendor: "", architecture: "cpu", device: "", description: "" },
    { vendor: "mesa", architecture: "", device: "", description: "lavapipe" },
  ];
  for (const c of cases) t.true(describeAdapter(adapter(c)).software, JSON.stringify(c));
});

test("an adapter without info is described with empty fields", (t) => {
  const info = describeAdapter({ features: new Set(), limits: {}, requestDevice: async () => ({}) });
  t.deepEqual(info, { vendor: "", architecture: "", device: "", description: "", software: false });
});
