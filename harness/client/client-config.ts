// How a run reaches its target: base URL, credentials, limits. Shared by every client of a run; each
// check gets its own RecordingClient (its own exchange list) over the same transport and ledger.
import type { HttpTransport } from "./http-transport.js";
import type { Redactor } from "./redact.js";
import type { ResourceLedger } from "./resource-ledger.js";
import type { SpecValidator } from "./spec-validator.js";

/** The run's credentials (`--bearer`, `--basic`); mutual TLS lives in the transport. */
export type Credentials =
  | { readonly kind: "none" }
  | { readonly kind: "bearer"; readonly token: string }
  | { readonly kind: "basic"; readonly user: string; readonly password: string };

export interface ClientConfig {
  /** The SCIM base URL, without a trailing slash (RFC 7644 §1.3 "base URI"). */
  readonly baseUrl: string;
  readonly credentials: Credentials;
  /** `--header` values, sent with every request that uses the default credentials. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly transport: HttpTransport;
  readonly validator: SpecValidator;
  readonly ledger: ResourceLedger;
  readonly redactor: Redactor;
  readonly userAgent: string;
  /** Aborts in-flight requests (Ctrl-C). */
  readonly signal?: AbortSignal;
}

export const defaultTimeoutMs = 15_000;
/** 4 MiB: far above any sane SCIM page, far below what would hurt the harness. */
export const defaultMaxResponseBytes = 4 * 1024 * 1024;

export function normaliseBaseUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`the base URL must be http or https, got ${url.protocol}`);
  }
  url.hash = "";
  return url.href.replace(/\/+$/, "");
}

/** The secrets a redactor must blank for these credentials and headers. */
export function secretsOf(credentials: Credentials, headers: Readonly<Record<string, string>>): string[] {
  // Custom header values are blanked by name in headers; in bodies only when long enough to be a key
  // (a 12+ character value echoed back), so that "X-Tenant: acme" does not blank every "acme".
  const secrets = Object.values(headers).filter((v) => v.length >= 12);
  if (credentials.kind === "bearer") secrets.push(credentials.token);
  if (credentials.kind === "basic") {
    secrets.push(
      credentials.password,
      Buffer.from(`${credentials.user}:${credentials.password}`).toString("base64"),
    );
  }
  return secrets;
}
