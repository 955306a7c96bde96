/**
 * Floats → stored u16 weights: normalise by the row max and round (as the bittensor client does
 * before `set_weights`), drop zeros, then the chain's own max-upscale (a no-op after the first).
 */
export function floatWeightsToU16(row: readonly number[], offset: number): Array<[number, number]> {
  const max = Math.max(0, ...row);
  if (!(max > 0)) return [];
  const out: Array<[number, number]> = [];
  row.forEach((w, j) => {
    const v = Math.round((Math.max(0, w) / max) * 65535);
    if (v > 0) out.push([offset + j, v]);
  });
  return out;
}
