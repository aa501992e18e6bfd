// Starts the Koa app on a port (0 for an ephemeral one, as tests and `npm run conformance` use it) and
// stops it gracefully: close() stops accepting connections, lets in-flight requests finish, then resolves.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppDeps, createApp, defaultBasePath } from "./app.js";

export interface StartOptions extends AppDeps {
  readonly port?: number;
  readonly host?: string;
}

export interface RunningServer {
  /** The SCIM base URL, e.g. "http://127.0.0.1:41234/scim/v2". */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const app = createApp(options);
  const server = createServer(app.callback());
  // Keep-alive sockets would hold close() open until they time out; idle ones are closed on shutdown.
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // A server on every interface is reached through loopback; the URL is for clients, not for listen().
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const shownHost = reachable.includes(":") ? `[${reachable}]` : reachable;
  return {
    url: `http://${shownHost}:${port}${options.basePath ?? defaultBasePath}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
