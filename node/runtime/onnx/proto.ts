/**
 * The few protobuf encoding rules needed to write an ONNX ModelProto by hand (no protobuf library,
 * no generated code): varints and length-delimited fields.
 * Wire format: https://protobuf.dev/programming-guides/encoding/
 */
const VARINT = 0;
const LEN = 2;

function varint(value: number | bigint): number[] {
  // int64 fields encode negative values as their 64-bit two's complement (10 bytes).
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function tag(field: number, wire: number): number[] {
  return varint((field << 3) | wire);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function intField(field: number, value: number | bigint): Uint8Array {
  return Uint8Array.from([...tag(field, VARINT), ...varint(value)]);
}

export function bytesField(field: number, bytes: Uint8Array): Uint8Array {
  return concat([Uint8Array.from([...tag(field, LEN), ...varint(bytes.length)]), bytes]);
}

export function stringField(field: number, text: string): Uint8Array {
  return bytesField(field, new TextEncoder().encode(text));
}

export function messageField(field: number, parts: Uint8Array[]): Uint8Array {
  return bytesField(field, concat(parts));
}
