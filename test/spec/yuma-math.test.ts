import { vectorTests } from "../helpers/vectors.ts";

// One test per case of shared/vectors/yuma/math.json (the 23 epoch math primitives).
await vectorTests("yuma/math.json");
