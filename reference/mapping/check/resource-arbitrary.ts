// fast-check arbitraries of valid SCIM resources for a generation shape (generation-shape.ts), built from
// the schema so that every attribute type is exercised: Unicode and edge-length strings, booleans,
// integers, decimals, dateTimes in several offsets (compared as instants, RFC 7644 §3.4.2.2), base64
// binary (RFC 7643 §2.3.6), URI references, canonical `type` values, multi-valued and complex values, and
// at most one `primary: true` per attribute (RFC 7643 §2.4). Resources are in canonical spelling, as the
// write mapping receives them after validation. The harness builds its own generators; none are shared.
import fc from "fast-check";
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import type { AttributeDefinition } from "../../protocol/schema/schema-definition.js";
import type { AttributeShape, ElementGroupShape, GenerationShape } from "./generation-shape.js";

const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 200, maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(" ", "Ünïcödé ß", "Σίσυφος", "𝔘𝔫𝔦", "a\nb", '"quoted" $ \\', "x y z"),
  },
);

const offset = fc.oneof(
  fc.constant("Z"),
  fc.constant("+00:00"),
  fc
    .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 13 }), fc.constantFrom(0, 30, 45))
    .map(([sign, h, m]) => `${sign}${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
);

const dateTime = fc
  .tuple(
    fc.date({
      min: new Date("1900-01-02T00:00:00Z"),
      max: new Date("2199-12-30T00:00:00Z"),
      noInvalidDate: true,
    }),
    fc.constantFrom("", ".5", ".123", ".000001"),
    offset,
  )
  .map(([d, fraction, zone]) => `${d.toISOString().slice(0, 19)}${fraction}${zone}`);

const reference = fc.oneof(
  fc.webUrl(),
  fc.constantFrom("../Users/2819c223", "urn:example:user:1", "https://example.com/photos/ä.jpg"),
);

function simple(def: AttributeDefinition): fc.Arbitrary<JsonValue> {
  if (def.canonicalValues !== undefined && def.canonicalValues.length > 0) {
    // Canonical values are suggestions (RFC 7643 §7 "canonicalValues"); clients send others too.
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...def.canonicalValues) },
      { weight: 1, arbitrary: text },
    );
  }
  switch (def.type) {
    case "string":
      return text;
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER));
    case "decimal":
      return fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
        fc.constantFrom(0.1, 1.5, -2.25),
      );
    case "dateTime":
      return dateTime;
    case "binary":
      return fc.uint8Array({ minLength: 1, maxLength: 24 }).map((b) => Buffer.from(b).toString("base64"));
    case "reference":
      return reference;
    case "complex":
      throw new Error(`${def.name} is complex`);
  }
}

/** An object with at least one of `names` (sub-attributes of `def`), each a valid value. */
function objectOf(
  def: AttributeDefinition,
  names: readonly string[],
  fixed: JsonObject = {},
): fc.Arbitrary<JsonObject> {
  const subs = (def.subAttributes ?? []).filter((s) => names.includes(s.name));
  const record: Record<string, fc.Arbitrary<JsonValue>> = {};
  for (const sub of subs) record[sub.name] = simple(sub);
  if (subs.length === 0) return fc.constant({ ...fixed });
  return fc
    .record(record, { requiredKeys: [] })
    .filter((o) => Object.keys(o).length > 0)
    .map((o) => ({ ...(o as JsonObject), ...fixed }));
}

function writableSubs(def: AttributeDefinition): string[] {
  return (def.subAttributes ?? []).filter((s) => s.mutability !== "readOnly").map((s) => s.name);
}

/** RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." */
function onePrimary(elements: JsonObject[]): JsonObject[] {
  let seen = false;
  return elements.map((e) => {
    if (e.primary !== true) return e;
    if (!seen) {
      seen = true;
      return e;
    }
    return { ...e, primary: false };
  });
}

function typeSpelling(type: string): fc.Arbitrary<string> {
  // Element types are compared without case (caseExact false in RFC 7643 §4.1.2), so clients vary it.
  return fc.constantFrom(type, type.toUpperCase(), type.charAt(0).toUpperCase() + type.slice(1));
}

function groupElements(def: AttributeDefinition, group: ElementGroupShape): fc.Arbitrary<JsonObject[]> {
  if (group.type === undefined) return fc.array(objectOf(def, group.subs), { maxLength: 2 });
  const type = group.type;
  return fc.array(
    typeSpelling(type).chain((spelled) => objectOf(def, group.subs, { type: spelled })),
    { maxLength: 2 },
  );
}

function attributeValue(shape: AttributeShape): fc.Arbitrary<JsonValue> {
  const def = shape.def;
  // Absence is decided by the caller; an empty list would only be absence again (RFC 7643 §2.5).
  const min = 1;
  if (def.type !== "complex") {
    return def.multiValued ? fc.array(simple(def), { minLength: min, maxLength: 3 }) : simple(def);
  }
  if (!def.multiValued) return objectOf(def, shape.whole ? writableSubs(def) : shape.subs);
  if (shape.whole) {
    return fc.array(objectOf(def, writableSubs(def)), { minLength: min, maxLength: 3 }).map(onePrimary);
  }
  return fc.tuple(...shape.groups.map((g) => groupElements(def, g))).map((lists) => onePrimary(lists.flat()));
}

/** A resource of the shape's resource type; optional attributes are present or absent at random. */
export function resourceArbitrary(shape: GenerationShape): fc.Arbitrary<JsonObject> {
  const entries = shape.attributes.map((a) =>
    a.def.required
      ? attributeValue(a).map((v) => [a, v] as const)
      : fc.option(
          attributeValue(a).map((v) => [a, v] as const),
          { nil: undefined },
        ),
  );
  const rt = shape.resourceType;
  return fc.tuple(...entries).map((pairs) => {
    const resource: JsonObject = { schemas: [rt.schema] };
    for (const pair of pairs) {
      if (pair === undefined) continue;
      const [a, value] = pair;
      if (Array.isArray(value) && value.length === 0) continue;
      if (!a.extension) {
        resource[a.def.name] = value;
        continue;
      }
      const container = (resource[a.urn] ?? {}) as JsonObject;
      container[a.def.name] = value;
      resource[a.urn] = container;
      const schemas = resource.schemas as string[];
      if (!schemas.includes(a.urn)) schemas.push(a.urn);
    }
    return resource;
  });
}
