import { vectorTests } from "../helpers/vectors.ts";

await vectorTests("emission/public.json");
