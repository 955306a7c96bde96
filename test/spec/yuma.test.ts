import { vectorTests } from "../helpers/vectors.ts";

// One test per case of shared/vectors/yuma/public.json (epoch, mechanisms), through the
// `plexus conformance` evaluators. math.json runs in yuma-math.test.ts: vectorTests registers its
// tests after reading a file, so one call per test file.
await vectorTests("yuma/public.json");
