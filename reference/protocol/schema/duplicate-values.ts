// Collapse of repeated values in a multi-valued attribute (RFC 7643 §2.4: "the service provider SHOULD
// NOT return the same (type, value) combination more than once per attribute, as this can cause confusion
// in the client"; catalogue rfc7643.schema.no-duplicate-type-value). The normaliser applies it to every
// multi-valued attribute of a POST or PUT body and of a PATCH result, so what is stored, and therefore
// returned, never repeats one.
//
// What counts as the same value, compared as a filter `eq` would (filter/compare-values.ts keys: a
// caseExact=false string case-insensitively, references and binary exactly):
//   - simple values: the value itself;
//   - complex values with a `value` sub-attribute: the (type, value) pair, an absent `type` being a type
//     of its own. Values that reference a resource (`$ref` beside `value`, as Group `members`) by `value`
//     alone: it is the resource's id, and `type`, `display` and `$ref` only describe that resource
//     (RFC 7643 §4.2), which is a member once;
//   - complex values without `value` (`addresses`): every sub-attribute but `primary`.
// A value that has no comparison key (no `value`, or one of the wrong type) is never collapsed.
//
// What survives: the first value keeps its place and its sub-attributes; a sub-attribute only a later
// duplicate has fills the gap (nothing the client sent about that value is lost unless it contradicts
// the first); `primary` is true when any duplicate said so, so a collapse never loses the primary value
// nor makes two of them (RFC 7643 §2.4: "primary" true "MUST appear no more than once").
import { type ComparisonKey, comparisonKey } from "../filter/compare-values.js";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { isJsonObject } from "../resource/json.js";
import type { AttributeDefinition } from "./schema-definition.js";

const sub = (def: AttributeDefinition, name: string) => def.subAttributes?.find((s) => s.name === name);

/** The key of one simple value, or of each value of a multi-valued sub-attribute (an unordered set). */
function keyOf(def: AttributeDefinition, value: JsonValue | undefined): ComparisonKey[] | null | undefined {
  if (value === undefined) return null;
  const values = Array.isArray(value) ? value : [value];
  const keys: ComparisonKey[] = [];
  for (const v of values) {
    const key = comparisonKey(v, def);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return def.multiValued ? keys.sort() : keys;
}

/** The sub-attributes that identify a value of the complex attribute `def`. */
function identifyingSubs(def: AttributeDefinition): readonly AttributeDefinition[] {
  const value = sub(def, "value");
  if (value === undefined) return (def.subAttributes ?? []).filter((s) => s.name !== "primary");
  if (sub(def, "$ref") !== undefined) return [value];
  const type = sub(def, "type");
  return type === undefined ? [value] : [type, value];
}

/** A string equal for two values exactly when they are duplicates; undefined: never a duplicate. */
function identity(def: AttributeDefinition, identifying: readonly AttributeDefinition[], item: JsonValue) {
  if (def.type !== "complex") {
    const key = keyOf(def, item);
    return key === undefined || key === null ? undefined : JSON.stringify(key);
  }
  if (!isJsonObject(item)) return undefined;
  // A value without a `value` has no (type, value) pair to repeat.
  if (identifying.some((s) => s.name === "value") && item.value === undefined) return undefined;
  const keys: (ComparisonKey[] | null)[] = [];
  for (const s of identifying) {
    const key = keyOf(s, item[s.name]);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return JSON.stringify(keys);
}

/** `kept` with the gaps filled from `duplicate` and `primary` true if either is. */
function absorb(kept: JsonObject, duplicate: JsonObject): JsonObject {
  const out: JsonObject = { ...kept };
  for (const [name, value] of Object.entries(duplicate)) if (out[name] === undefined) out[name] = value;
  if (kept.primary === true || duplicate.primary === true) out.primary = true;
  return out;
}

/**
 * The values of the multi-valued attribute `def` (already normalised: canonical names, checked types)
 * with duplicates collapsed as described above, as a new array in the order of first appearance.
 */
export function collapseDuplicates(def: AttributeDefinition, items: readonly JsonValue[]): JsonValue[] {
  if (items.length < 2) return [...items];
  const identifying = def.type === "complex" ? identifyingSubs(def) : [];
  const out: JsonValue[] = [];
  const at = new Map<string, number>();
  for (const item of items) {
    const id = identity(def, identifying, item);
    const first = id === undefined ? undefined : at.get(id);
    if (first === undefined) {
      if (id !== undefined) at.set(id, out.length);
      out.push(item);
      continue;
    }
    const kept = out[first];
    if (isJsonObject(kept) && isJsonObject(item)) out[first] = absorb(kept, item);
  }
  return out;
}
