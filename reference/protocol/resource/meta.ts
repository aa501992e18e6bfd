// The `meta` common attribute of a resource (RFC 7643 §3.1): resourceType, created, lastModified,
// location and version, all set by the server. `version` is the weak entity-tag the ETag header carries
// ("This value must be the same as the entity-tag (ETag) HTTP response header", RFC 7643 §3.1), so a
// client can copy either into If-Match (RFC 7644 §3.14).
import { etagOf } from "./etag.js";
import type { JsonObject } from "./json.js";

export interface MetaInput {
  /** The resource type's name, e.g. "User" (RFC 7643 §3.1 resourceType). */
  readonly resourceType: string;
  readonly created: Date | string;
  readonly lastModified: Date | string;
  /** The datastore's version of the resource; the weak tag is built from it. */
  readonly version: string;
  /** The absolute URI of the resource, the same as the `Location` header (RFC 7644 §3.1). */
  readonly location: string;
}

const dateTime = (value: Date | string) => (typeof value === "string" ? value : value.toISOString());

/** `meta` in the order RFC 7643 §3.1 lists its sub-attributes. */
export function buildMeta(input: MetaInput): JsonObject {
  return {
    resourceType: input.resourceType,
    created: dateTime(input.created),
    lastModified: dateTime(input.lastModified),
    location: input.location,
    version: etagOf(input.version),
  };
}
