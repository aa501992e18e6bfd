// Reading values out of a resource by resolved path. Extension attributes live under their schema URN
// key (RFC 7643 §3.3), the base schema's at the top level; keys match case-insensitively (RFC 7643
// §2.1). A sub-attribute of a multi-valued attribute yields the values of every element (RFC 7644
// §3.4.2.2 "emails.type" ranges over all emails).
import type { JsonObject } from "../json/json.js";
import { getCi, isObject } from "../json/json.js";
import type { ResolvedPath } from "./schema-model.js";

/** The object holding the path's top-level attribute: the resource, or its extension object. */
export function containerOf(resource: JsonObject, resolved: ResolvedPath): JsonObject | undefined {
  if (!resolved.extension) return resource;
  const ext = getCi(resource, resolved.schema.id);
  return isObject(ext) ? ext : undefined;
}

/** The top-level attribute's raw value (undefined when absent). */
export function attributeValue(resource: JsonObject, resolved: ResolvedPath): unknown {
  return getCi(containerOf(resource, resolved), resolved.attribute.name);
}

/**
 * Every value the path denotes, flattened: [] when unassigned, one entry for a single value, one per
 * element of a multi-valued attribute (or per element's sub-attribute). Nulls are dropped (RFC 7643 §2.5).
 */
export function valuesAt(resource: JsonObject, resolved: ResolvedPath): unknown[] {
  const top = attributeValue(resource, resolved);
  const elements = Array.isArray(top) ? top : top === undefined || top === null ? [] : [top];
  const sub = resolved.sub;
  const values = sub === undefined ? elements : elements.map((e) => getCi(e, sub.name));
  return values.filter((v) => v !== undefined && v !== null);
}
