import type { AddressInfo } from "node:net";
// @ts-expect-error ws ships no types (it is installed as a dependency of @polkadot/rpc-provider)
import { WebSocket, WebSocketServer } from "ws";

interface Socket {
  readyState: number;
  send(data: unknown): void;
  close(): void;
  terminate(): void;
  on(event: string, fn: (...args: unknown[]) => void): void;
}

/**
 * A loopback WebSocket proxy in front of a node, for fault tests: `cutAfter(method)` makes the
 * next client message whose JSON-RPC method matches go through to the node, and then drops the
 * client connection before the answer comes back (a connection lost mid-operation). New
 * connections are accepted normally, so a client can reconnect.
 */
interface Server {
  close(cb: () => void): void;
  clients: Set<Socket>;
}

export class CuttableProxy {
  readonly url: string;
  #server: Server;
  #armed: string | undefined;
  cuts = 0;

  private constructor(url: string, server: Server) {
    this.url = url;
    this.#server = server;
  }

  static async start(upstream: string): Promise<CuttableProxy> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => server.on("listening", resolve));
    const proxy = new CuttableProxy(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, server);
    server.on("connection", (client: Socket) => proxy.#pipe(client, upstream));
    return proxy;
  }

  cutAfter(method: string): void {
    this.#armed = method;
  }

  #pipe(client: Socket, upstream: string): void {
    const node: Socket = new WebSocket(upstream);
    const backlog: unknown[] = [];
    node.on("open", () => {
      for (const m of backlog.splice(0)) node.send(m);
    });
    node.on("message", (data: unknown) => {
      if (client.readyState === 1) client.send(String(data));
    });
    client.on("message", (data: unknown) => {
      const text = String(data);
      if (node.readyState === 1) node.send(text);
      else backlog.push(text);
      if (this.#armed !== undefined && text.includes(`"${this.#armed}"`)) {
        this.#armed = undefined;
        this.cuts++;
        client.terminate();
      }
    });
    client.on("close", () => node.close());
    node.on("close", () => client.close());
    node.on("error", () => client.terminate());
  }

  close(): Promise<void> {
    for (const c of this.#server.clients) c.terminate();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
