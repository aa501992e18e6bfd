// What one client may cost the server at the HTTP level, with defaults an operator can change
// (ReferenceServerConfig.http, or SCIM_MAX_CONCURRENT_REQUESTS for the per-connection bound):
// - time: a client that sends its headers or body slowly (slowloris) is cut off with 408 after
//   `headersTimeoutMs` / `requestTimeoutMs`, checked every `timeoutCheckIntervalMs` (node's default check
//   runs every 30 s, which would let a slow client overstay by as much); idle keep-alive connections close
//   after `keepAliveTimeoutMs`, a socket with no traffic at all after `idleSocketTimeoutMs`, and one
//   connection carries at most `maxRequestsPerSocket` requests;
// - concurrency: at most `maxConcurrentPerConnection` requests of one IdP connection are in progress at
//   once; more get 503 with Retry-After (RFC 7231 §6.6.4, §7.1.3), so one client cannot take every worker
//   and database slot from the others. 0 turns the bound off.
export interface HttpLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly idleSocketTimeoutMs: number;
  readonly maxRequestsPerSocket: number;
  readonly timeoutCheckIntervalMs: number;
  readonly maxConcurrentPerConnection: number;
  /** What a 503 tells the client to wait, in seconds. */
  readonly retryAfterSeconds: number;
}

export const defaultHttpLimits: HttpLimits = Object.freeze({
  headersTimeoutMs: 10_000,
  // A 4 MiB Bulk body (maxPayloadSize) still arrives at 70 KB/s.
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  idleSocketTimeoutMs: 120_000,
  maxRequestsPerSocket: 1_000,
  timeoutCheckIntervalMs: 1_000,
  // Entra ID and Okta send a handful of requests at once; 128 leaves room for bulk loaders and benchmarks.
  maxConcurrentPerConnection: 128,
  retryAfterSeconds: 1,
});

export function httpLimits(overrides: Partial<HttpLimits> = {}): HttpLimits {
  return { ...defaultHttpLimits, ...overrides };
}
