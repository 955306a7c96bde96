import type { z } from "zod";
import { InvalidInputError } from "../../sim/errors.ts";
import { PeerRequestError, WireErrorCode } from "./errors.ts";

/**
 * A typed route of the query protocol: a name (`<subnet>/<call>/v<n>`, part of what the client
 * sends, so versions are explicit) and how request and response payloads are encoded and checked.
 * Both ends validate: the server before calling its handler, the client before returning.
 */
export interface Route<Req, Res> {
  name: string;
  encodeRequest(req: Req): Uint8Array;
  decodeRequest(bytes: Uint8Array): Req;
  encodeResponse(res: Res): Uint8Array;
  decodeResponse(bytes: Uint8Array): Res;
}

const ROUTE_NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*\/v[0-9]+$/;

function checkName(name: string): void {
  if (!ROUTE_NAME.test(name) || name.length > 255) {
    throw new InvalidInputError(
      "route.name",
      `"${name}" is not a route name`,
      "lowercase path ending in /v<n>, ≤ 255 bytes",
    );
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

function parseJson<T>(schema: z.ZodType<T>, bytes: Uint8Array, side: "request" | "response"): T {
  let value: unknown;
  try {
    value = JSON.parse(dec.decode(bytes));
  } catch {
    throw new PeerRequestError(WireErrorCode.invalidRequest, `${side} is not valid JSON`);
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new PeerRequestError(
      WireErrorCode.invalidRequest,
      `${side} does not match the route schema at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
    );
  }
  return r.data;
}

/** A route whose payloads are JSON checked by zod schemas. */
export function jsonRoute<Req, Res>(
  name: string,
  request: z.ZodType<Req>,
  response: z.ZodType<Res>,
): Route<Req, Res> {
  checkName(name);
  return {
    name,
    encodeRequest: (req) => enc.encode(JSON.stringify(request.parse(req))),
    decodeRequest: (b) => parseJson(request, b, "request"),
    encodeResponse: (res) => enc.encode(JSON.stringify(response.parse(res))),
    decodeResponse: (b) => parseJson(response, b, "response"),
  };
}

/** A route that carries raw bytes both ways (tensors, files, benchmarks). */
export function bytesRoute(name: string): Route<Uint8Array, Uint8Array> {
  checkName(name);
  const id = (b: Uint8Array): Uint8Array => b;
  return { name, encodeRequest: id, decodeRequest: id, encodeResponse: id, decodeResponse: id };
}
