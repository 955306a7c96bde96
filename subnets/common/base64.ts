/** Int32 arrays on the wire: little-endian bytes, base64 (compact and exact, unlike JSON numbers). */
export function int32ToBase64(values: Int32Array): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeInt32LE(values[i], i * 4);
  return bytes.toString("base64");
}

/** The inverse of int32ToBase64, or undefined when the text is not a whole number of int32s. */
export function base64ToInt32(text: string): Int32Array | undefined {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 4 !== 0) return undefined;
  const out = new Int32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt32LE(i * 4);
  return out;
}
