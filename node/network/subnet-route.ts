import type { z } from "zod";
import { jsonRoute, type Route } from "./route.ts";

/** The parts of a subnet definition the transport needs (structural, so network/ stays independent of subnets/). */
export interface SubnetWireSpec<Q, R> {
  name: string;
  version: number;
  querySchema: z.ZodType<Q>;
  responseSchema: z.ZodType<R>;
}

/** The query route of a subnet: `<name>/query/v<version>`, JSON payloads checked by its schemas. */
export function subnetRoute<Q, R>(spec: SubnetWireSpec<Q, R>): Route<Q, R> {
  return jsonRoute(`${spec.name}/query/v${spec.version}`, spec.querySchema, spec.responseSchema);
}

/** The multiaddr to dial for an axon the chain published (a hint only: identity comes from the handshake). */
export function axonMultiaddr(axon: { ip: string; ipType: 4 | 6; port: number }): string {
  return `/${axon.ipType === 6 ? "ip6" : "ip4"}/${axon.ip}/tcp/${axon.port}`;
}
