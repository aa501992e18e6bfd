// Lenient readers for discovery documents: attribute names and schema URNs are case-insensitive
// (RFC 7643 §2.1), so a check must never fail a target for spelling `Resources` as `resources`.

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** A property by case-insensitive name. */
export function attr(object: Json | undefined, name: string): unknown {
  if (object === undefined) return undefined;
  if (Object.hasOwn(object, name)) return object[name];
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

export function hasUrn(schemas: unknown, urn: string): boolean {
  return (
    Array.isArray(schemas) &&
    schemas.some((s) => typeof s === "string" && s.toLowerCase() === urn.toLowerCase())
  );
}

export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export const listResponseUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
