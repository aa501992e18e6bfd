// Starts the Koa app on a port (0 for an ephemeral one, as tests and `npm run conformance` use it) and
// stops it gracefully: close() stops accepting connections, lets in-flight requests finish, then resolves.
// With `tls` it listens with HTTPS (RFC 7644 §7.2: SCIM MUST run over TLS, at least 1.2). It then asks every
// client for a certificate but never requires one (`requestCert`, `rejectUnauthorized: false`): clients with
// bearer tokens or Basic (Entra ID, Okta) connect without one, and a certificate that is sent is judged per
// connection (certificate-trust.ts), against `ca` for anchored trust or as a pinned certificate.
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { type AppDeps, createApp, defaultBasePath } from "./app.js";
import { answerClientErrors } from "./client-errors.js";
import { httpLimits } from "./http-limits.js";
import { silentLogger } from "./http-logger.js";

export interface TlsOptions {
  /** PEM server certificate chain. */
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  /** PEM CA certificates that anchor client certificates (PingFederate's trusted CAs); optional. */
  readonly ca?: string | Buffer | undefined;
}

export interface StartOptions extends AppDeps {
  readonly port?: number;
  readonly host?: string;
  readonly tls?: TlsOptions | undefined;
}

export interface RunningServer {
  /** The SCIM base URL, e.g. "http://127.0.0.1:41234/scim/v2". */
  readonly url: string;
  /** Scheme, host and port, e.g. "https://127.0.0.1:41234" (the admin API lives under /admin/v1). */
  readonly origin: string;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const app = createApp(options);
  const tls = options.tls;
  const limits = httpLimits(options.limits);
  // Slow clients are cut off (408) after these; see http-limits.ts.
  const timing = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
  };
  const server: Server =
    tls === undefined
      ? createHttpServer(timing, app.callback())
      : createHttpsServer(
          {
            ...timing,
            cert: tls.cert,
            key: tls.key,
            ...(tls.ca === undefined ? {} : { ca: tls.ca }),
            requestCert: true,
            rejectUnauthorized: false,
            minVersion: "TLSv1.2",
          },
          app.callback(),
        );
  // Keep-alive sockets would hold close() open until they time out; idle ones are closed on shutdown.
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  // A client that stops reading its answer (or sending anything) loses the socket.
  server.setTimeout(limits.idleSocketTimeoutMs);
  answerClientErrors(server, options.logger ?? silentLogger);
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
  const origin = `${tls === undefined ? "http" : "https"}://${shownHost}:${port}`;
  return {
    url: `${origin}${options.basePath ?? defaultBasePath}`,
    origin,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
