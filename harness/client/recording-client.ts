// The recording client: ScimClient over an HttpTransport. It builds each request (credentials, the SCIM
// media type), refuses what the harness must never do (write to foreign data, leave the target's
// origin), records the exchange with secrets redacted, validates the body against the spec, and keeps
// the run's resource ledger current. Redirects: never followed unless the request asks, and then only
// on the same origin (same scheme, host and port) — the credentials never leave the origin they were
// given for (issue "Harness", hostile targets).
import type { AuthOverride, ScimClient, ScimRequest, ScimResponse } from "./client.js";
import { ExchangeFailure } from "./client.js";
import type { ClientConfig } from "./client-config.js";
import type { Exchange, RecordedResponse, SchemaFinding } from "./exchange.js";
import type { WireResponse } from "./http-transport.js";
import { TransportError } from "./http-transport.js";
import { guardMutation, registerCreations } from "./mutation-guard.js";
import type { Redactor } from "./redact.js";
import { relativePath } from "./urls.js";

const maxRedirects = 5;
/** Evidence is kept whole up to this size; a larger body is stored as a text excerpt. */
const evidenceBytes = 256 * 1024;

interface Built {
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | undefined;
  readonly redactor: Redactor;
}

function authorizationFor(auth: AuthOverride | undefined, config: ClientConfig): string | undefined {
  if (auth === undefined || auth === "default") {
    const c = config.credentials;
    if (c.kind === "bearer") return `Bearer ${c.token}`;
    if (c.kind === "basic") return `Basic ${Buffer.from(`${c.user}:${c.password}`).toString("base64")}`;
    return undefined;
  }
  if (auth === "none") return undefined;
  if ("bearer" in auth) return `Bearer ${auth.bearer}`;
  if ("basic" in auth)
    return `Basic ${Buffer.from(`${auth.basic.user}:${auth.basic.password}`).toString("base64")}`;
  return auth.authorization;
}

function overrideSecrets(auth: AuthOverride | undefined): string[] {
  if (auth === undefined || typeof auth === "string") return [];
  if ("bearer" in auth) return [auth.bearer];
  if ("basic" in auth) return [auth.basic.password];
  return [auth.authorization.replace(/^\S+\s+/, "")];
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  }
  headers[name] = value;
}

function queryString(query: ScimRequest["query"]): string {
  // encodeURIComponent, not URLSearchParams: "+" for a space is form encoding, which a SCIM server
  // need not apply to filters (RFC 3986 §3.4).
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

function parseBody(
  bytes: Uint8Array,
  contentType: string,
  truncated: boolean,
): Pick<ScimResponse, "text" | "body" | "bodyKind"> & { readonly parseError?: string } {
  const text = Buffer.from(bytes).toString("utf8");
  if (text.trim().length === 0) return { text, body: undefined, bodyKind: "none" };
  const looksJson = /json/i.test(contentType) || /^\s*[[{]/.test(text);
  if (!looksJson) return { text, body: undefined, bodyKind: "other" };
  if (truncated)
    return {
      text,
      body: undefined,
      bodyKind: "malformed",
      parseError: "the body was cut off at the size cap",
    };
  try {
    return { text, body: JSON.parse(text) as unknown, bodyKind: "json" };
  } catch (error) {
    return { text, body: undefined, bodyKind: "malformed", parseError: (error as Error).message };
  }
}

export class RecordingClient implements ScimClient {
  readonly baseUrl: string;
  /** The check id recorded as the creator of what this client creates. */
  readonly owner: string;
  readonly #config: ClientConfig;
  readonly #exchanges: Exchange[] = [];
  readonly #origin: string;

  constructor(config: ClientConfig, owner: string) {
    this.#config = config;
    this.baseUrl = config.baseUrl;
    this.owner = owner;
    this.#origin = new URL(config.baseUrl).origin;
  }

  get exchanges(): readonly Exchange[] {
    return this.#exchanges;
  }

  async send(request: ScimRequest): Promise<ScimResponse> {
    let current = request;
    let response = await this.#sendOnce(current);
    for (let hop = 0; request.followRedirects === true && hop < maxRedirects; hop += 1) {
      const location = response.header("location");
      if (response.status < 300 || response.status > 399 || location === undefined) break;
      const target = new URL(location, response.url);
      if (target.origin !== this.#origin) {
        this.#record(
          { method: current.method, url: this.#config.redactor.text(target.href), headers: {} },
          undefined,
          `refused to follow a ${response.status} redirect to another origin (${target.origin}); no request was sent`,
          0,
          [],
        );
        break;
      }
      const keepsMethod = response.status === 307 || response.status === 308;
      current = keepsMethod
        ? { ...current, path: target.href }
        : { ...current, method: "GET", path: target.href, body: undefined, rawBody: undefined };
      response = await this.#sendOnce(current);
    }
    return response;
  }

  #build(request: ScimRequest): Built {
    const config = this.#config;
    const url = /^https?:\/\//i.test(request.path)
      ? new URL(request.path)
      : new URL(`${config.baseUrl}${request.path.startsWith("/") ? "" : "/"}${request.path}`);
    if (request.query !== undefined) url.search = queryString(request.query);
    const headers: Record<string, string> = {
      Accept: "application/scim+json, application/json",
      "User-Agent": config.userAgent,
    };
    const usesDefault = request.auth === undefined || request.auth === "default";
    // Custom headers may carry an API key, so a request with other credentials drops them all.
    if (usesDefault)
      for (const [name, value] of Object.entries(config.headers)) setHeader(headers, name, value);
    const authorization = authorizationFor(request.auth, config);
    if (authorization !== undefined) setHeader(headers, "Authorization", authorization);
    let body: Uint8Array | undefined;
    if (request.rawBody !== undefined) {
      body =
        typeof request.rawBody === "string" ? new TextEncoder().encode(request.rawBody) : request.rawBody;
    } else if (request.body !== undefined) {
      body = new TextEncoder().encode(JSON.stringify(request.body));
      setHeader(headers, "Content-Type", "application/scim+json");
    }
    for (const [name, value] of Object.entries(request.headers ?? {})) setHeader(headers, name, value);
    return { url, headers, body, redactor: config.redactor.with(overrideSecrets(request.auth)) };
  }

  async #sendOnce(request: ScimRequest): Promise<ScimResponse> {
    const config = this.#config;
    const built = this.#build(request);
    const { url, redactor } = built;
    const relative = relativePath(config.baseUrl, url);
    const recordedRequest = {
      method: request.method,
      url: redactor.text(url.href),
      headers: redactor.headers(built.headers),
      ...(request.rawBody !== undefined
        ? { body: redactor.text(typeof request.rawBody === "string" ? request.rawBody : "(binary body)") }
        : request.body !== undefined
          ? { body: redactor.body(request.body) }
          : {}),
    };
    const refusal =
      url.origin !== new URL(config.baseUrl).origin
        ? `refused: ${url.origin} is not the target's origin`
        : request.allowForeignTarget === true
          ? undefined
          : guardMutation(request, relative, config.ledger);
    if (refusal !== undefined) {
      const exchange = this.#record(recordedRequest, undefined, refusal, 0, []);
      throw new ExchangeFailure("refused", refusal, exchange);
    }
    const started = performance.now();
    let wire: WireResponse;
    try {
      wire = await config.transport.send(
        { method: request.method, url, headers: built.headers, ...(built.body ? { body: built.body } : {}) },
        {
          timeoutMs: request.timeoutMs ?? config.timeoutMs,
          maxBytes: config.maxResponseBytes,
          ...(config.signal ? { signal: config.signal } : {}),
        },
      );
    } catch (error) {
      const reason = error instanceof TransportError ? error.reason : "network";
      const message = error instanceof Error ? error.message : String(error);
      const exchange = this.#record(recordedRequest, undefined, message, performance.now() - started, []);
      throw new ExchangeFailure(reason, `${request.method} ${redactor.text(url.href)}: ${message}`, exchange);
    }
    const durationMs = performance.now() - started;
    const contentType = wire.headers["content-type"] ?? "";
    const parsed =
      request.method === "HEAD"
        ? { text: "", body: undefined, bodyKind: "none" as const }
        : parseBody(wire.body, contentType, wire.truncated);
    const validation = config.validator.validateResponse(
      {
        method: request.method,
        relativePath: relative,
        ...(request.operation ? { operationId: request.operation } : {}),
      },
      wire.status,
      parsed.body,
    );
    const findings: SchemaFinding[] = [...(parsed.bodyKind === "json" ? validation.findings : [])];
    if (parsed.bodyKind === "malformed") {
      findings.push({
        pointer: "",
        message: `the body is not valid JSON: ${"parseError" in parsed ? parsed.parseError : ""}`,
        schemaPath: "#",
      });
    } else if (
      parsed.bodyKind === "other" &&
      validation.operation?.responses.get(wire.status)?.kind === "schema"
    ) {
      findings.push({
        pointer: "",
        message: `expected a JSON body, got ${contentType || "no Content-Type"}`,
        schemaPath: "#",
      });
    }
    const recordedResponse = this.#recordResponse(wire, parsed, redactor);
    const exchange = this.#record(recordedRequest, recordedResponse, undefined, durationMs, findings);
    const headers = wire.headers;
    const response: ScimResponse = Object.freeze({
      status: wire.status,
      headers,
      header: (name: string) => headers[name.toLowerCase()],
      body: parsed.body,
      text: parsed.text,
      bodyKind: parsed.bodyKind,
      truncated: wire.truncated,
      schemaFindings: findings,
      operation: validation.operation?.operationId,
      url: url.href,
      exchange,
    });
    registerCreations(request, relative, response, config.ledger, this.owner, config.baseUrl);
    return response;
  }

  #recordResponse(
    wire: WireResponse,
    parsed: Pick<ScimResponse, "text" | "body" | "bodyKind">,
    redactor: Redactor,
  ): RecordedResponse {
    const base = { status: wire.status, headers: redactor.headers(wire.headers) };
    const truncated = wire.truncated ? { truncated: true } : {};
    if (parsed.bodyKind === "none") return { ...base, ...truncated };
    if (parsed.bodyKind === "json" && parsed.text.length <= evidenceBytes) {
      return { ...base, body: redactor.body(parsed.body), ...truncated };
    }
    const text = redactor.text(parsed.text);
    return text.length <= evidenceBytes
      ? { ...base, text, ...truncated }
      : { ...base, text: text.slice(0, evidenceBytes), elided: text.length - evidenceBytes, ...truncated };
  }

  #record(
    request: Exchange["request"],
    response: RecordedResponse | undefined,
    failure: string | undefined,
    durationMs: number,
    schemaFindings: readonly SchemaFinding[],
  ): Exchange {
    const exchange: Exchange = {
      seq: this.#exchanges.length + 1,
      request,
      ...(response ? { response } : {}),
      ...(failure ? { failure } : {}),
      durationMs: Math.round(durationMs * 10) / 10,
      schemaFindings,
    };
    this.#exchanges.push(exchange);
    return exchange;
  }
}
