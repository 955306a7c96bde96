import { z } from "zod";

/** Task size: each challenge has POINTS points of INPUTS features, each to be put in one of CLASSES. */
export const INPUTS = 16;
export const CLASSES = 4;
export const POINTS = 64;

export const querySchema = z.object({
  nonce: z.string().min(1).max(128),
  inputs: z.array(z.array(z.number().finite()).length(INPUTS)).length(POINTS),
});

export const responseSchema = z.object({
  nonce: z.string().min(1).max(128),
  labels: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(CLASSES - 1),
    )
    .length(POINTS),
});

export type DistillQuery = z.infer<typeof querySchema>;
export type DistillResponse = z.infer<typeof responseSchema>;
