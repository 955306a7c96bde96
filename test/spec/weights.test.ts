import { vectorTests } from "../helpers/vectors.ts";

await vectorTests("weights/public.json");
