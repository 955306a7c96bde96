import { isIPv4, isIPv6 } from "node:net";
import { InvalidInputError } from "../../sim/errors.ts";

/**
 * Axon addresses as serve_axon takes them (spec/chain.md §3.2): IPv4 as the 32-bit big-endian
 * integer, IPv6 as the 128-bit integer, both in a u128, with ip_type 4 or 6.
 */
export function encodeIp(ip: string): { ip: bigint; ipType: 4 | 6 } {
  if (isIPv4(ip)) {
    const value = ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
    return { ip: value, ipType: 4 };
  }
  if (isIPv6(ip)) return { ip: ipv6ToBigint(ip), ipType: 6 };
  throw new InvalidInputError(
    "ip",
    `${JSON.stringify(ip)} is not an IPv4 or IPv6 address`,
    "a.b.c.d or an IPv6 address",
  );
}

export function decodeIp(value: bigint, ipType: number): string {
  if (ipType === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join(".");
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(":");
}

function ipv6ToBigint(ip: string): bigint {
  let text = ip;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4?.[1] !== undefined) {
    const n = encodeIp(v4[1]).ip;
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const h = head === "" ? [] : head.split(":");
  const t = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
}

/** The checks serve_axon makes (subnets/serving.rs), so both adapters reject the same input. */
export function axonAddressError(ip: bigint, ipType: number, port: number): string | undefined {
  if (ipType !== 4 && ipType !== 6) return "InvalidIpType";
  if (ip === 0n) return "InvalidIpAddress";
  if (ipType === 4 && (ip >= 0xffffffffn || ip === 0x7f000001n)) return "InvalidIpAddress";
  if (ipType === 6 && (ip === 1n || ip === (1n << 128n) - 1n)) return "InvalidIpAddress";
  if (port === 0) return "InvalidPort";
  return undefined;
}
