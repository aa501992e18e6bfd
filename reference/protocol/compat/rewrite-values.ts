// Schema-aware value rewrites of the Entra layer (compat-layer.ts): a value is rewritten only where the
// schema says what it should have been, so "True" becomes true for `active` but stays "True" for
// `title`. Values that fit the schema, and values of attributes the schemas do not define, pass
// through untouched for the strict validation to judge.
// Copy on write: a value no rewrite touches is returned as it came (the same object), so a body that
// needs no quirk, which is nearly every body, costs lookups and no copies. Nothing here mutates its input.
import { isJsonObject, type JsonObject, type JsonValue } from "../resource/json.js";
import { attributeNamed } from "../schema/attribute-lookup.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "../schema/schema-definition.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";

export interface ValueRewrites {
  /** entra.string-booleans */
  readonly stringBooleans: boolean;
  /** entra.bare-complex-value */
  readonly bareComplexValue: boolean;
  /** entra.wrapped-simple-value */
  readonly wrappedSimpleValue: boolean;
  /** entra.empty-string-clears (PATCH only) */
  readonly emptyStringClears: boolean;
}

const lower = (s: string) => s.toLowerCase();

function onlyValueKey(v: JsonValue): JsonValue | undefined {
  if (!isJsonObject(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] !== undefined && lower(keys[0]) === "value" ? v[keys[0]] : undefined;
}

/** One (non-array) value of `def`. */
export function rewriteSingle(def: AttributeDefinition, value: JsonValue, rw: ValueRewrites): JsonValue {
  if (def.type === "complex") {
    const hasValueSub = (def.subAttributes ?? []).some((s) => s.name === "value");
    if (
      rw.bareComplexValue &&
      !def.multiValued &&
      hasValueSub &&
      (typeof value === "string" || typeof value === "number")
    ) {
      return { value };
    }
    return isJsonObject(value) ? rewriteObject(def.subAttributes ?? [], value, rw) : value;
  }
  let v = value;
  if (rw.wrappedSimpleValue && !def.multiValued) {
    const inner = onlyValueKey(Array.isArray(v) && v.length === 1 && v[0] !== undefined ? v[0] : v);
    if (inner !== undefined) v = inner;
  }
  if (rw.stringBooleans && def.type === "boolean" && typeof v === "string") {
    if (lower(v) === "true") return true;
    if (lower(v) === "false") return false;
  }
  if (rw.emptyStringClears && v === "" && !def.required && !def.multiValued && def.type === "string")
    return null;
  return v;
}

/** The whole value of `def`: each element when it is multi-valued. */
export function rewriteWhole(def: AttributeDefinition, value: JsonValue, rw: ValueRewrites): JsonValue {
  if (def.multiValued && Array.isArray(value)) {
    let out: JsonValue[] | undefined;
    value.forEach((v, i) => {
      const rewritten = rewriteSingle(def, v, rw);
      if (rewritten !== v) out ??= value.slice();
      if (out !== undefined) out[i] = rewritten;
    });
    return out ?? value;
  }
  return rewriteSingle(def, value, rw);
}

/** `object` with `changes` applied, in the original key order; `object` itself when there are none. */
function withChanges(object: JsonObject, changes: Map<string, JsonValue> | undefined): JsonObject {
  if (changes === undefined) return object;
  const out: JsonObject = {};
  for (const key of Object.keys(object))
    out[key] = (changes.has(key) ? changes.get(key) : object[key]) as JsonValue;
  return out;
}

/** An object whose keys are names among `defs` (a complex value, an extension container, a resource). */
export function rewriteObject(
  defs: readonly AttributeDefinition[],
  object: JsonObject,
  rw: ValueRewrites,
): JsonObject {
  let changes: Map<string, JsonValue> | undefined;
  for (const [key, value] of Object.entries(object)) {
    const def = attributeNamed(defs, key);
    const rewritten = def === undefined ? value : rewriteWhole(def, value, rw);
    if (rewritten !== value) {
      changes ??= new Map();
      changes.set(key, rewritten);
    }
  }
  return withChanges(object, changes);
}

/** A resource body or a no-path PATCH value: base attributes at the top, extensions under their URN. */
export function rewriteResourceMap(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  object: JsonObject,
  rw: ValueRewrites,
): JsonObject {
  let changes: Map<string, JsonValue> | undefined;
  const lowerUrns = rt.schemaExtensions.map((e) => lower(e.schema));
  for (const [key, value] of Object.entries(object)) {
    const ext = rt.schemaExtensions[lowerUrns.indexOf(lower(key))];
    const defs = ext === undefined ? undefined : registry.schema(ext.schema)?.attributes;
    let rewritten: JsonValue;
    if (defs !== undefined && isJsonObject(value)) rewritten = rewriteObject(defs, value, rw);
    else {
      // Resolved like a path, so an extension attribute named without its URN is rewritten as well.
      const resolved = registry.resolve(rt, {
        kind: "attrPath",
        schema: undefined,
        name: key,
        subAttr: undefined,
      });
      rewritten = resolved?.kind === "attribute" ? rewriteWhole(resolved.attribute, value, rw) : value;
    }
    if (rewritten !== value) {
      changes ??= new Map();
      changes.set(key, rewritten);
    }
  }
  return withChanges(object, changes);
}
