// Key order of a resource in a response: `schemas`, `id`, `externalId`, `meta` first, then everything
// else in the order it already has. JSON objects are unordered (RFC 8259 §4), so this is only for people
// reading responses and logs, as in the RFC 7643 §8 examples; it costs one pass over the keys.
import type { JsonObject } from "./json.js";

const leading = ["schemas", "id", "externalId", "meta"] as const;

export function orderForOutput(resource: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of leading) {
    const value = resource[key];
    if (value !== undefined) out[key] = value;
  }
  for (const [key, value] of Object.entries(resource)) {
    if (!(leading as readonly string[]).includes(key)) out[key] = value;
  }
  return out;
}
