// What one operation runs against. The HTTP binding builds one per request; Bulk builds one per
// operation with `store` set to the savepoint it runs in, so the same pipeline code serves both.
import type { Connection } from "../connections/connection.js";
import type { Datastore } from "../datastore/datastore.js";
import type { MappingContext } from "../mapping/mapping.js";

/** The log calls the pipeline makes (pino satisfies it). */
export interface ProvisioningLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface OperationContext {
  readonly connection: Connection;
  /** The connection's datastore, or the transaction (savepoint) a Bulk operation runs in. */
  readonly store: Datastore;
  /** Absolute SCIM base URL, the prefix of every `meta.location` (RFC 7643 §3.1). */
  readonly baseUrl: string;
  readonly mapping: MappingContext;
  readonly log: ProvisioningLog;
}

/** Conditional request headers (RFC 7232 §3.1, §3.2; RFC 7644 §3.14), as sent. */
export interface Preconditions {
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
}

/** attributes/excludedAttributes as sent (comma-separated lists, RFC 7644 §3.9). */
export interface ProjectionQuery {
  readonly attributes?: string | undefined;
  readonly excludedAttributes?: string | undefined;
}

/** How much of a result the caller needs. */
export interface ResultOptions {
  /**
   * false: only id, location and version (Bulk answers nothing else, RFC 7644 §3.7.3), so the pipeline
   * skips building and projecting the representation, and the derived `groups` with it.
   */
  readonly body?: boolean;
}

/** A single resource in a response: the projected body and the headers it implies. */
export interface ResourceResult {
  readonly kind: "resource";
  readonly resource: Record<string, unknown>;
  readonly id: string;
  /** `meta.location`, also the `Location` header (RFC 7644 §3.1). */
  readonly location: string;
  /** `meta.version`, also the `ETag` header (RFC 7644 §3.14). */
  readonly etag: string;
}

/** GET with a matching If-None-Match: 304 without a body (RFC 7232 §4.1). */
export interface NotModifiedResult {
  readonly kind: "notModified";
  readonly location: string;
  readonly etag: string;
}
