import { createServer } from "node:http";
import type { Registry } from "prom-client";

/** Serves `registry` at http://host:port/metrics (Prometheus text format). Returns a closer. */
export async function serveMetrics(
  registry: Registry,
  port: number,
  host = "127.0.0.1",
): Promise<() => Promise<void>> {
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return () => new Promise((resolve) => server.close(() => resolve()));
}
