// bulkId references (RFC 7644 §3.7.2): the literal "bulkId:" followed by the bulkId of a POST in the same
// request, anywhere in an operation's data (members[].value, the enterprise manager.value, PATCH values) or
// in its path (`/Groups/bulkId:qwerty`). The service provider replaces each with the id of the resource
// that POST created.
import type { JsonValue } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";

const prefix = "bulkId:";

export function referencedBulkId(value: string): string | undefined {
  return value.startsWith(prefix) && value.length > prefix.length ? value.slice(prefix.length) : undefined;
}

/** Every bulkId a value refers to, in order of appearance, without duplicates. */
export function referencesIn(value: JsonValue | undefined, into: string[] = []): string[] {
  if (typeof value === "string") {
    const id = referencedBulkId(value);
    if (id !== undefined && !into.includes(id)) into.push(id);
  } else if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, into);
  } else if (isJsonObject(value)) {
    for (const item of Object.values(value)) referencesIn(item, into);
  }
  return into;
}

/** The bulkIds a path refers to: `/Groups/bulkId:x` → ["x"]. */
export function pathReferences(path: string | undefined): string[] {
  if (path === undefined) return [];
  return path
    .split("/")
    .map(referencedBulkId)
    .filter((id): id is string => id !== undefined);
}

/** A copy with every resolvable reference replaced by its resource id. */
export function substitute(value: JsonValue, ids: ReadonlyMap<string, string>): JsonValue {
  if (typeof value === "string") {
    const id = referencedBulkId(value);
    return id === undefined ? value : (ids.get(id) ?? value);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (isJsonObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  return value;
}

export function substitutePath(path: string, ids: ReadonlyMap<string, string>): string {
  return path
    .split("/")
    .map((segment) => {
      const id = referencedBulkId(segment);
      return id === undefined ? segment : (ids.get(id) ?? segment);
    })
    .join("/");
}

/**
 * A copy without the parts that still refer to an unresolved bulkId, for the first pass over a circular
 * reference (RFC 7644 §3.7.1): an array element that holds one is dropped (a member), otherwise the
 * object key that holds it (`manager.value`). The second pass writes the full data once ids exist.
 */
export function withoutUnresolved(value: JsonValue, ids: ReadonlyMap<string, string>): JsonValue | undefined {
  const unresolved = (v: JsonValue) => referencesIn(v).some((id) => !ids.has(id));
  if (typeof value === "string") return unresolved(value) ? undefined : value;
  if (Array.isArray(value)) {
    return value.filter((v) => !unresolved(v));
  }
  if (isJsonObject(value)) {
    const out: Record<string, JsonValue> = {};
    for (const [key, inner] of Object.entries(value)) {
      const kept = withoutUnresolved(inner, ids);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return value;
}
