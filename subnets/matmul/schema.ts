import { z } from "zod";

/** Matrix sizes a challenge may ask for (n×n times n×n). */
export const SIZES = [128, 256, 512] as const;
export const MAX_N = 512;
/** Matrix entries are integers in [-128, 127] (one byte each from the challenge stream). */
export const ENTRY_MIN = -128;
export const ENTRY_MAX = 127;

/**
 * The query carries a seed, not the matrices: A and B are expanded from `matrixSeed` by both
 * sides (2·n² bytes of SHA-256 stream), which keeps a 512×512 challenge under 200 bytes.
 */
export const querySchema = z.object({
  nonce: z.string().min(1).max(128),
  n: z.number().int().min(1).max(MAX_N),
  matrixSeed: z.string().regex(/^[0-9a-f]{64}$/),
});

/** C = A·B, row-major int32 little-endian, base64. */
export const responseSchema = z.object({
  nonce: z.string().min(1).max(128),
  c: z.string().max(Math.ceil((MAX_N * MAX_N * 4) / 3) * 4 + 4),
});

export type MatmulQuery = z.infer<typeof querySchema>;
export type MatmulResponse = z.infer<typeof responseSchema>;
