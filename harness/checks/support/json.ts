// Reading SCIM JSON defensively. Attribute names are case-insensitive (RFC 7643 §2.1), so every
// lookup here falls back to a case-insensitive key match; a check that used `body.userName` would
// false-fail on a server that answers `UserName`.

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The key of `object` equal to `name` ignoring case (an exact match wins). */
export function keyCi(object: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

/** `object[name]`, matching the key case-insensitively. */
export function getCi(object: unknown, name: string): unknown {
  const o = asObject(object);
  if (o === undefined) return undefined;
  const key = keyCi(o, name);
  return key === undefined ? undefined : o[key];
}

const urnPath = /^(urn:[^ ]+):([A-Za-z][\w$-]*(?:\.[A-Za-z][\w$-]*)?)$/i;

/**
 * An attribute by path: "userName", "name.givenName", a core-URN-qualified name
 * ("urn:ietf:params:scim:schemas:core:2.0:User:userName") or an extension attribute
 * ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", RFC 7644 §3.10). For
 * a multi-valued attribute and a sub-attribute ("emails.value") the values are collected in an array.
 */
export function attr(resource: unknown, path: string): unknown {
  const match = urnPath.exec(path);
  if (match !== null) {
    const [, schemaUrn = "", rest = ""] = match;
    const container = getCi(resource, schemaUrn);
    // A core schema's attributes sit at the top level; an extension's under its URN (RFC 7643 §3.3).
    return attr(container === undefined ? resource : container, rest);
  }
  const [head = "", ...tail] = path.split(".");
  const value = getCi(resource, head);
  if (tail.length === 0) return value;
  if (Array.isArray(value)) {
    const values = value.map((v) => attr(v, tail.join("."))).filter((v) => v !== undefined);
    return values.length > 0 ? values : undefined;
  }
  return attr(value, tail.join("."));
}

/** True when a value counts as assigned (RFC 7643 §2.5: null and [] are unassigned). */
export function assigned(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.values(value as JsonObject).some(assigned);
  return true;
}

/** A compact single-line JSON rendering for `actual` texts. */
export function show(value: unknown, max = 200): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Lower-cases every key, recursively, so two representations compare despite key case. */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  const o = asObject(value);
  if (o === undefined) return value;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
}

/** Case-insensitive string equality; non-strings compare with ===. */
export function sameCi(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
}
