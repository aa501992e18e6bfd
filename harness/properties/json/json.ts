// JSON as received from an untrusted target, and the small set of operations every property module
// needs. Attribute names and schema URNs are case-insensitive (RFC 7643 §2.1), so every lookup here
// matches keys case-insensitively; unassigned values follow RFC 7643 §2.5 (null and [] are unassigned).

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The key of `object` equal to `name` ignoring case; an exact match wins. */
export function keyCi(object: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

/** `object[name]` with a case-insensitive key match; undefined for a non-object. */
export function getCi(object: unknown, name: string): unknown {
  if (!isObject(object)) return undefined;
  const key = keyCi(object, name);
  return key === undefined ? undefined : object[key];
}

/**
 * RFC 7643 §2.5: "Unassigned attributes, the null value, or empty array (in the case of a
 * multi-valued attribute) SHALL be considered to be equivalent in state." A complex value whose every
 * sub-attribute is unassigned carries no data either.
 */
export function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.every(isUnassigned);
  if (isObject(value)) return Object.values(value).every(isUnassigned);
  return false;
}

/** A deep copy of JSON data (structuredClone keeps `__proto__` as an own key, unlike spreads). */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** Compact one-line JSON for messages, cut at `max` characters. */
export function show(value: unknown, max = 200): string {
  const text = value === undefined ? "(absent)" : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
