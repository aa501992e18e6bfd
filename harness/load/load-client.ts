// The wire of a load run: the harness's node:http transport (keep-alive, TLS with certificate checks,
// mutual TLS) with the run's credentials and headers, and none of the recording client's evidence
// keeping, which would cost more than the request it records. Bodies are parsed only when an operation
// needs them (a create's id, a filter's totalResults).
import type { Credentials } from "../client/client-config.js";
import { defaultMaxResponseBytes } from "../client/client-config.js";
import { harnessVersion } from "../client/client-factory.js";
import { TransportError } from "../client/http-transport.js";
import { NodeHttpTransport, type TlsOptions } from "../client/node-http-transport.js";

export interface LoadRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Relative to the base URL, e.g. "/Users/123" or "/Users?filter=…". */
  readonly path: string;
  readonly body?: object;
}

export interface LoadResponse {
  readonly status: number;
  readonly ms: number;
  /** The body as JSON, parsed on first use; undefined when it is not JSON. */
  json(): unknown;
}

export type LoadOutcome =
  | ({ readonly kind: "response" } & LoadResponse)
  | { readonly kind: "failure"; readonly ms: number; readonly reason: string };

export interface LoadClientOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly headers: Readonly<Record<string, string>>;
  readonly tls: TlsOptions | undefined;
  readonly timeoutMs: number;
  /** Pooled sockets: one per connection of the run. */
  readonly connections: number;
}

function authorization(credentials: Credentials): Record<string, string> {
  switch (credentials.kind) {
    case "none":
      return {};
    case "bearer":
      return { authorization: `Bearer ${credentials.token}` };
    case "basic":
      return {
        authorization: `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString("base64")}`,
      };
  }
}

export class LoadClient {
  readonly #base: string;
  readonly #transport: NodeHttpTransport;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;

  constructor(options: LoadClientOptions) {
    this.#base = options.baseUrl;
    this.#transport = new NodeHttpTransport({
      maxSockets: options.connections,
      ...(options.tls === undefined ? {} : { tls: options.tls }),
    });
    this.#timeoutMs = options.timeoutMs;
    this.#headers = Object.freeze({
      accept: "application/scim+json, application/json",
      "user-agent": `scim-conformance-load/${harnessVersion}`,
      ...Object.fromEntries(Object.entries(options.headers).map(([k, v]) => [k.toLowerCase(), v])),
      ...authorization(options.credentials),
    });
  }

  async send(request: LoadRequest, signal?: AbortSignal): Promise<LoadOutcome> {
    const started = performance.now();
    const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
    try {
      const wire = await this.#transport.send(
        {
          method: request.method,
          url: new URL(`${this.#base}${request.path}`),
          headers:
            body === undefined
              ? this.#headers
              : { ...this.#headers, "content-type": "application/scim+json" },
          ...(body === undefined ? {} : { body }),
        },
        {
          timeoutMs: this.#timeoutMs,
          maxBytes: defaultMaxResponseBytes,
          ...(signal === undefined ? {} : { signal }),
        },
      );
      const ms = performance.now() - started;
      let parsed: { value: unknown } | undefined;
      return {
        kind: "response",
        status: wire.status,
        ms,
        json: () => {
          if (parsed === undefined) {
            try {
              parsed = { value: JSON.parse(Buffer.from(wire.body).toString("utf8")) };
            } catch {
              parsed = { value: undefined };
            }
          }
          return parsed.value;
        },
      };
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      return {
        kind: "failure",
        ms: performance.now() - started,
        reason: `${error.reason}: ${error.message}`,
      };
    }
  }

  close(): void {
    this.#transport.close();
  }
}
