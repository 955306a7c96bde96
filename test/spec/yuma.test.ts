import { vectorTests } from "../helpers/vectors.ts";

// One test per case of shared/vectors/yuma/public.json (epoch, mechanisms), through the
// `plexus conformance` evaluators. math.json runs in yuma-math.test.ts (a separate file, so ava
// runs the two in parallel).
await vectorTests("yuma/public.json");
