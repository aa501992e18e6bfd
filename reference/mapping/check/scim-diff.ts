// SCIM-aware comparison of what a client sent with what the mapping returns, attribute by attribute, for
// the mapping check. Equality is the schema's (same-value.ts): attribute names without case (RFC 7643
// §2.1), caseExact-aware strings, dateTimes as instants, absent = null = [] (§2.5), multi-valued values in
// any order (§2.4). A difference is "lost" (sent, not returned), "invented" (returned, never sent) or
// "altered"; multi-valued complex attributes are compared sub-attribute by sub-attribute so the report
// can say `emails.type` rather than just `emails`. A value equal only because the attribute is not
// caseExact is "recased": RFC 7643 §7 lets a server "alter case for a submitted value" of such an
// attribute, but the client then reads back a value it did not send, so the check still reports it.
// Attributes with canonical values are the exception: `"Work"` read back as the schema's `"work"` is
// canonicalisation (PingFederate's flattened `emails.work.value` fixes the type's spelling), not loss.
import { getIgnoringCase } from "../../protocol/filter/resource-values.js";
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import { sameValue } from "../../protocol/schema/same-value.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";

export type DiffKind = "lost" | "altered" | "invented" | "recased";

export interface Difference {
  readonly path: string;
  readonly kind: DiffKind;
}

const engineOwned = new Set(["id", "meta", "schemas", "password", "members", "groups"]);

function absent(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function classify(path: string, a: JsonValue | undefined, b: JsonValue | undefined): Difference {
  return { path, kind: absent(b) ? "lost" : absent(a) ? "invented" : "altered" };
}

/** The values of one sub-attribute across all elements, as one multi-valued value. */
function column(value: JsonValue | undefined, sub: string): JsonValue[] {
  const out: JsonValue[] = [];
  const elements = Array.isArray(value) ? value : value === undefined ? [] : [value];
  for (const e of elements) {
    const v = isJsonObject(e) ? getIgnoringCase(e, sub) : undefined;
    if (!absent(v)) out.push(v as JsonValue);
  }
  return out;
}

/** The same definition with every string compared exactly, canonical-valued ones aside. */
function caseExactly(def: AttributeDefinition): AttributeDefinition {
  const exact = def.caseExact || def.canonicalValues === undefined || def.canonicalValues.length === 0;
  return {
    ...def,
    caseExact: exact,
    ...(def.subAttributes === undefined ? {} : { subAttributes: def.subAttributes.map(caseExactly) }),
  };
}

function compareAttribute(
  def: AttributeDefinition,
  path: string,
  a: JsonValue | undefined,
  b: JsonValue | undefined,
): Difference[] {
  if (sameValue(def, a, b)) return sameValue(caseExactly(def), a, b) ? [] : [{ path, kind: "recased" }];
  if (def.type !== "complex" || absent(a) || absent(b)) return [classify(path, a, b)];
  const found: Difference[] = [];
  for (const sub of def.subAttributes ?? []) {
    if (sub.mutability === "readOnly") continue;
    const subPath = `${path}.${sub.name}`;
    if (def.multiValued) {
      const ca = column(a, sub.name);
      const cb = column(b, sub.name);
      if (!sameValue({ ...sub, multiValued: true }, ca, cb)) found.push(classify(subPath, ca, cb));
    } else {
      const va = isJsonObject(a) ? getIgnoringCase(a, sub.name) : undefined;
      const vb = isJsonObject(b) ? getIgnoringCase(b, sub.name) : undefined;
      if (!sameValue(sub, va, vb)) found.push(classify(subPath, va, vb));
    }
  }
  // Same values per sub-attribute, yet not the same elements: values moved between elements.
  if (found.length === 0) found.push({ path, kind: "altered" });
  return found;
}

function knownKeys(defs: readonly AttributeDefinition[]): Set<string> {
  return new Set(defs.map((d) => d.name.toLowerCase()));
}

/** Every difference between the resource a client sent and the attributes the mapping returned. */
export function diffResources(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  sent: JsonObject,
  returned: JsonObject,
): Difference[] {
  const found: Difference[] = [];
  const extensions = rt.schemaExtensions.map((e) => e.schema);
  const baseDefs = registry.baseAttributes(rt);
  for (const def of baseDefs) {
    if (engineOwned.has(def.name) || def.mutability === "readOnly") continue;
    found.push(
      ...compareAttribute(
        def,
        def.name,
        getIgnoringCase(sent, def.name),
        getIgnoringCase(returned, def.name),
      ),
    );
  }
  for (const urn of extensions) {
    const defs = registry.schema(urn)?.attributes ?? [];
    const a = getIgnoringCase(sent, urn);
    const b = getIgnoringCase(returned, urn);
    const ca = isJsonObject(a) ? a : {};
    const cb = isJsonObject(b) ? b : {};
    for (const def of defs) {
      if (def.mutability === "readOnly") continue;
      found.push(
        ...compareAttribute(
          def,
          `${urn}:${def.name}`,
          getIgnoringCase(ca, def.name),
          getIgnoringCase(cb, def.name),
        ),
      );
    }
    const known = knownKeys(defs);
    for (const key of Object.keys(cb))
      if (!known.has(key.toLowerCase())) found.push({ path: `${urn}:${key}`, kind: "invented" });
  }
  const known = knownKeys(baseDefs);
  const urns = new Set(extensions.map((u) => u.toLowerCase()));
  for (const key of Object.keys(returned)) {
    const lower = key.toLowerCase();
    if (!known.has(lower) && !urns.has(lower) && !engineOwned.has(lower))
      found.push({ path: key, kind: "invented" });
  }
  return found;
}
