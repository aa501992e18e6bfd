// Throughput of one server for one kind of request, measured by autocannon from this process while the
// server runs in its own. Two figures per run: wall-clock requests per second, and requests per second of
// the server's own CPU time ("per core"). On this shared 2-core machine the generator, the server and other
// people's jobs take turns on the same cores, so wall-clock throughput says as much about the neighbours
// as about the server; CPU time per request is the server's alone, and is what a dedicated core would
// turn into throughput. Ratios are computed on the per-core figure; the wall-clock one is reported too.
import autocannon from "autocannon";
import type { ChildServer } from "../process/child-server.js";

export interface RequestSpec {
  readonly method?: "GET" | "POST" | "PUT" | "PATCH";
  /** The i-th request's path, e.g. `/scim/v2/Users/${ids[i % ids.length]}`. */
  readonly path: (i: number) => string;
  readonly body?: (i: number) => string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sees every response body (a create's id for cleanup). */
  readonly onResponse?: (status: number, body: string) => void;
}

export interface ThroughputSample {
  readonly requests: number;
  readonly errors: number;
  readonly wallMs: number;
  readonly serverCpuMs: number;
  readonly wallRps: number;
  /** Requests per second of server CPU time. */
  readonly perCoreRps: number;
  /** Responses by status, e.g. { "200": 9000, "503": 12 }, and connection errors and timeouts. */
  readonly statuses: Readonly<Record<string, number>>;
}

export interface LoadShape {
  readonly durationMs: number;
  readonly connections: number;
}

/** Requests per connection before autocannon opens a new one. */
export const reconnectEvery = 500;

export async function measureThroughput(
  server: ChildServer,
  spec: RequestSpec,
  shape: LoadShape,
): Promise<ThroughputSample> {
  let n = 0;
  const before = server.sample();
  const started = performance.now();
  const result = await autocannon({
    url: server.origin,
    connections: shape.connections,
    // The reference server closes a connection after 1,000 requests (maxRequestsPerSocket, as a slowloris
    // guard); autocannon would keep sending on it and count the 503s. Reconnecting sooner is what a client
    // honouring `Connection: close` does, and it costs every server measured the same handshakes.
    reconnectRate: reconnectEvery,
    duration: shape.durationMs / 1000,
    headers: { ...spec.headers },
    requests: [
      {
        method: spec.method ?? "GET",
        setupRequest: (request) => {
          const i = n++;
          return {
            ...request,
            path: spec.path(i),
            ...(spec.body === undefined ? {} : { body: spec.body(i) }),
          };
        },
        ...(spec.onResponse === undefined
          ? {}
          : { onResponse: (status: number, body: string) => spec.onResponse?.(status, body) }),
      },
    ],
  });
  const wallMs = performance.now() - started;
  const after = server.sample();
  const requests = result.requests.total;
  const serverCpuMs = before !== undefined && after !== undefined ? after.cpuMs - before.cpuMs : Number.NaN;
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0;
  if (result.errors > 0) statuses["connection errors"] = result.errors;
  if (result.timeouts > 0) statuses.timeouts = result.timeouts;
  return {
    statuses,
    requests,
    errors: result.non2xx + result.errors + result.timeouts,
    wallMs,
    serverCpuMs,
    wallRps: (requests / wallMs) * 1000,
    perCoreRps:
      Number.isFinite(serverCpuMs) && serverCpuMs > 0 ? (requests / serverCpuMs) * 1000 : Number.NaN,
  };
}
