// The recording client's contract, as checks see it. Checks talk to the target only through a
// ScimClient: every call is recorded as an Exchange (the evidence a verdict carries), secrets are
// redacted before anything is stored, and every response body is validated against the spec's schema
// for its operation and status. Hostile targets cannot crash a check: timeouts, oversized bodies and
// malformed JSON come back as data (`failure`, `truncated`, schema findings), never as a hang.
import type { Exchange, SchemaFinding } from "./exchange.js";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/**
 * Credentials for one request. `default` uses the run's configured credentials; the others let auth
 * checks send no or deliberately wrong credentials (RFC 7644 §2, §3.12 401 handling).
 */
export type AuthOverride =
  | "default"
  | "none"
  | { readonly bearer: string }
  | { readonly basic: { readonly user: string; readonly password: string } }
  /** A verbatim `Authorization` header value, e.g. "Bearer" with no token. */
  | { readonly authorization: string };

export type QueryValue = string | number | boolean | undefined;

export interface ScimRequest {
  readonly method: HttpMethod;
  /**
   * Relative to the base URL ("/Users", "/Users/2819c223", "/Schemas/urn:…:User"; path segments are
   * sent as given, so encode ids yourself with `encodeURIComponent` when they may hold "/"), or an
   * absolute URL on the target's origin (e.g. a `meta.location`). Another origin is refused.
   */
  readonly path: string;
  /** Query parameters, URL-encoded by the client; `undefined` values are dropped. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Extra headers. `Content-Type` defaults to application/scim+json when a body is sent. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body, serialised by the client. */
  readonly body?: unknown;
  /**
   * Raw mode: the body sent verbatim (invalid JSON, other content types, huge payloads). Set
   * `Content-Type` in `headers` yourself; without one none is sent. Mutually exclusive with `body`.
   */
  readonly rawBody?: string | Uint8Array;
  readonly auth?: AuthOverride;
  /**
   * Follow 3xx responses whose `Location` is on the same origin (up to 5 hops), each hop recorded as
   * its own exchange. Off by default so checks see redirects (e.g. /Me → 308, RFC 7644 §3.11). A hop
   * to another origin is never taken: no request is sent and the response stays the 3xx.
   */
  readonly followRedirects?: boolean;
  /** Overrides the run's `--timeout` for this request (milliseconds). */
  readonly timeoutMs?: number;
  /**
   * The spec operation to validate the response against (an OpenAPI operationId such as
   * "getServiceProviderConfig"), or "none" to skip validation. By default the client infers it from
   * the method and the path.
   */
  readonly operation?: string;
  /**
   * Lets a request modify or delete a resource this run did not create (see `MutationGuard`). Only
   * for requests that must fail (e.g. PUT to an id that cannot exist). Never set it otherwise.
   */
  readonly allowForeignTarget?: boolean;
}

export interface ScimResponse {
  readonly status: number;
  /** Response headers with lower-cased names; repeated headers are joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** A header by case-insensitive name. */
  header(name: string): string | undefined;
  /** The parsed JSON body, or undefined when the body was empty, not JSON, malformed or truncated. */
  readonly body: unknown;
  /** The body as text (capped at the run's response size limit). */
  readonly text: string;
  /** How the body parsed: `none` (empty), `json`, `malformed` (looked like JSON, did not parse), `other`. */
  readonly bodyKind: "none" | "json" | "malformed" | "other";
  /** True when the body exceeded the size cap and was cut off. */
  readonly truncated: boolean;
  /** Mismatches with the spec's schema for this operation and status, plus a malformed-JSON finding. */
  readonly schemaFindings: readonly SchemaFinding[];
  /** The spec operation the body was validated against, when one matched. */
  readonly operation: string | undefined;
  /** The absolute URL this response came from (after same-origin redirects, when followed). */
  readonly url: string;
  readonly exchange: Exchange;
}

/**
 * Thrown when no response arrived (timeout, connection refused, TLS failure, refused request). The
 * exchange is already recorded; the engine turns an uncaught one into an `error` verdict with it as
 * evidence. Checks that test such behaviour catch it.
 */
export class ExchangeFailure extends Error {
  readonly exchange: Exchange;
  readonly reason: "timeout" | "network" | "refused" | "aborted";

  constructor(reason: ExchangeFailure["reason"], message: string, exchange: Exchange) {
    super(message);
    this.name = "ExchangeFailure";
    this.reason = reason;
    this.exchange = exchange;
  }
}

export interface ScimClient {
  readonly baseUrl: string;
  /** Sends one request and records it. Throws ExchangeFailure when no response arrived. */
  send(request: ScimRequest): Promise<ScimResponse>;
  /** Every exchange this client recorded, in order. */
  readonly exchanges: readonly Exchange[];
}
