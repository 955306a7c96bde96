import { z } from "zod";

/** Query: two integer vectors; response: their dot product. Replace with your subnet's task. */
export const LENGTH = 8;

export const querySchema = z.object({
  nonce: z.string().min(1).max(128),
  x: z.array(z.number().int()).length(LENGTH),
  w: z.array(z.number().int()).length(LENGTH),
});

export const responseSchema = z.object({
  nonce: z.string().min(1).max(128),
  dot: z.number().finite(),
});

export type Query = z.infer<typeof querySchema>;
export type Response = z.infer<typeof responseSchema>;
