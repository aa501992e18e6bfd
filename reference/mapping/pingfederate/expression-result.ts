// A JSONata result as plain JSON. JSONata returns sequences (arrays tagged `sequence`), may return
// functions, and yields undefined for "nothing"; a mapping stores and returns JSON only (datastore.ts
// `EntryValue`, RFC 7643 §2.3 types), so the result is rebuilt from scratch: arrays lose their tags and
// undefined members, objects are rebuilt with own data properties only (a "__proto__" key stays data).
import type { JsonValue } from "../../protocol/resource/json.js";
import { ExpressionError } from "./expression-error.js";

export function toJsonValue(value: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new ExpressionError("M0004", "the expression produced a non-finite number");
    return value;
  }
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const item of value) {
      const json = toJsonValue(item);
      if (json !== undefined) out.push(json);
    }
    return out;
  }
  if (typeof value === "function") {
    throw new ExpressionError("M0005", "the expression produced a function, not a value");
  }
  if (typeof value === "object") {
    const entries: [string, JsonValue][] = [];
    for (const key of Object.keys(value)) {
      const json = toJsonValue((value as Record<string, unknown>)[key]);
      if (json !== undefined) entries.push([key, json]);
    }
    return Object.fromEntries(entries);
  }
  throw new ExpressionError("M0006", `the expression produced a ${typeof value}`);
}
