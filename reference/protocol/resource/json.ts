// JSON values as they arrive in and leave SCIM messages. Resources are plain JSON objects; the
// protocol core never attaches classes or prototypes to them.
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A SCIM resource or message body: a JSON object (RFC 7643 §3). */
export type ScimResource = JsonObject;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
