// TEST-ONLY: fast-check arbitraries of client bodies for a resource type, generated from its schemas.
// `validBody` holds only values the schema accepts, dressed in the noise clients send and validation must
// absorb: random key case (RFC 7643 §2.1), null and [] for absent values (§2.5), readOnly values with any
// content (RFC 7644 §3.3), unknown attributes, URNs missing from `schemas` or spelled in another case.
import fc from "fast-check";
import type { JsonObject, JsonValue } from "../resource/json.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "./schema-definition.js";
import type { SchemaRegistry } from "./schema-registry.js";

const anyJson: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>;

/** The key as written by a careless client: unchanged, upper case or lower case. */
const spelled = (key: string) => fc.constantFrom(key, key.toUpperCase(), key.toLowerCase());

function simpleValue(def: AttributeDefinition): fc.Arbitrary<JsonValue> {
  if (def.canonicalValues !== undefined && def.name === "type")
    return fc.constantFrom(...def.canonicalValues);
  switch (def.type) {
    case "string":
      return def.required ? fc.string({ minLength: 1, maxLength: 6 }) : fc.string({ maxLength: 6 });
    case "boolean":
      return fc.boolean();
    case "decimal":
      return fc.double({ noNaN: true, min: -1e9, max: 1e9 });
    case "integer":
      return fc.integer();
    case "dateTime":
      return fc
        .date({
          min: new Date("1900-01-01T00:00:00Z"),
          max: new Date("2199-12-31T23:59:59Z"),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    case "binary":
      return fc.uint8Array({ maxLength: 9 }).map((bytes) => Buffer.from(bytes).toString("base64"));
    case "reference":
      return fc.oneof(fc.webUrl(), fc.constantFrom("../Users/1", "urn:example:a"));
    case "complex":
      throw new Error("complex is not simple");
  }
}

function singleValue(def: AttributeDefinition): fc.Arbitrary<JsonValue> {
  if (def.type !== "complex") return simpleValue(def);
  return objectOf(def.subAttributes ?? []);
}

/** A value for the attribute, valid for its type; multi-valued ones get at most one `primary: true`. */
function attributeValue(def: AttributeDefinition): fc.Arbitrary<JsonValue> {
  if (!def.multiValued) return singleValue(def);
  return fc.array(singleValue(def), { minLength: def.required ? 1 : 0, maxLength: 3 }).map((items) => {
    let seen = false;
    return items.map((item) => {
      if (typeof item !== "object" || item === null || Array.isArray(item)) return item;
      const key = Object.keys(item).find((k) => k.toLowerCase() === "primary");
      if (key === undefined || item[key] !== true) return item;
      if (!seen) {
        seen = true;
        return item;
      }
      return { ...item, [key]: false };
    });
  });
}

/** An entry for one attribute: a valid value, an unassigned one, or nothing; readOnly ones get any junk. */
function entry(def: AttributeDefinition): fc.Arbitrary<[string, JsonValue] | undefined> {
  const value: fc.Arbitrary<JsonValue | undefined> =
    def.mutability === "readOnly"
      ? fc.option(anyJson, { nil: undefined })
      : def.required
        ? attributeValue(def)
        : fc.oneof(
            attributeValue(def),
            fc.constant(null),
            fc.constant<JsonValue>([]),
            fc.constant(undefined),
          );
  return fc.tuple(spelled(def.name), value).map(([k, v]) => (v === undefined ? undefined : [k, v]));
}

function objectOf(defs: readonly AttributeDefinition[]): fc.Arbitrary<JsonObject> {
  return fc
    .tuple(fc.tuple(...defs.map(entry)), fc.option(anyJson, { nil: undefined }))
    .map(([entries, junk]) => {
      const out: JsonObject = {};
      for (const e of entries) if (e !== undefined) out[e[0]] = e[1];
      if (junk !== undefined) out["x-unknown"] = junk;
      return out;
    });
}

/** A body that validation must accept for `rt` (with `existing` undefined, i.e. for create). */
export function validBody(registry: SchemaRegistry, rt: ResourceTypeDefinition): fc.Arbitrary<JsonObject> {
  const extensions = rt.schemaExtensions.map((e) =>
    fc.record({
      container: e.required
        ? objectOf(registry.schema(e.schema)?.attributes ?? [])
        : fc.option(objectOf(registry.schema(e.schema)?.attributes ?? []), { nil: undefined }),
      listed: fc.boolean(),
      key: spelled(e.schema),
    }),
  );
  return fc
    .tuple(objectOf(registry.baseAttributes(rt)), fc.tuple(...extensions), spelled(rt.schema))
    .map(([base, exts, baseUrn]) => {
      const schemas: JsonValue[] = [baseUrn];
      const body: JsonObject = { ...base };
      exts.forEach((ext, i) => {
        const urn = rt.schemaExtensions[i]?.schema ?? "";
        if (ext.listed) schemas.push(urn);
        if (ext.container !== undefined) body[ext.key] = ext.container;
      });
      return { schemas, ...body };
    });
}
