// Normalisation of a client body into the canonical writable form of a resource (RFC 7643 §2, §3):
// names matched case-insensitively and rewritten to the schema's spelling (§2.1), values type-checked
// (§2.3), null / [] / {} removed (§2.5), readOnly values dropped (RFC 7644 §3.3), extension attributes
// kept under their canonical URN key (§3.3), keys in schema order, no (type, value) repeated in a
// multi-valued attribute (§2.4, duplicate-values.ts). Every problem becomes an Issue; nothing throws. The
// rules that look at the whole resource (required, primary, immutable) run after this, in
// resource-rules.ts and immutable.ts.
import type { Issue } from "../errors/issues.js";
import { issue } from "../errors/issues.js";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { isJsonObject } from "../resource/json.js";
import { attributeNamed } from "./attribute-lookup.js";
import { collapseDuplicates } from "./duplicate-values.js";
import { type Containers, containersFor } from "./schema-containers.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "./schema-definition.js";
import type { SchemaRegistry } from "./schema-registry.js";
import { describeJson, simpleValueProblem } from "./simple-value.js";
import type { IgnoredValue, ValidationOptions } from "./validation-types.js";

export interface NormaliseSettings {
  readonly options: ValidationOptions;
  /** Record dropped readOnly and unknown values in `ignored` (off for stored resources and PATCH results). */
  readonly reportIgnored: boolean;
  /** Demand `schemas` with the base URN (client bodies); stored resources are trusted to be right. */
  readonly requireSchemas: boolean;
}

export interface Normalised {
  readonly resource: JsonObject;
  readonly issues: Issue[];
  readonly ignored: IgnoredValue[];
}

/** null, [] and absent are one state (RFC 7643 §2.5). */
export function isUnassigned(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

const lower = (s: string) => s.toLowerCase();

interface Walk {
  readonly settings: NormaliseSettings;
  readonly issues: Issue[];
  readonly ignored: IgnoredValue[];
}

export function normaliseResource(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  body: unknown,
  settings: NormaliseSettings,
): Normalised {
  const walk: Walk = { settings, issues: [], ignored: [] };
  if (!isJsonObject(body)) {
    walk.issues.push(
      issue("invalidSyntax", "", `a resource must be a JSON object, got ${describeJson(body)}`),
    );
    return { resource: {}, issues: walk.issues, ignored: walk.ignored };
  }

  // The resource type's URNs come lower-cased from schema-containers.ts: this runs for every resource of a
  // /Bulk import, and an extension a body does not use must cost it nothing.
  const known = containersFor(registry, rt);
  const schemasEntries: [string, JsonValue][] = [];
  const containers = new Map<string, [string, JsonValue][]>();
  // Kept as entries, not copied into an object: a body key "__proto__" must stay an unknown attribute.
  const rest: [string, JsonValue][] = [];
  for (const [key, value] of Object.entries(body)) {
    const lowerKey = lower(key);
    const container = known.byLowerUrn.get(lowerKey);
    if (lowerKey === "schemas") schemasEntries.push([key, value]);
    else if (container?.extension === true) {
      const same = containers.get(container.urn);
      if (same === undefined) containers.set(container.urn, [[key, value]]);
      else same.push([key, value]);
    } else rest.push([key, value]);
  }

  checkSchemas(registry, rt, known, schemasEntries, walk);

  const resource: JsonObject = { schemas: [rt.schema] };
  Object.assign(
    resource,
    normaliseObject(registry.baseAttributes(rt), rest, (n) => n, walk),
  );
  const schemas = [rt.schema];
  for (const { urn, defs } of known.extensions) {
    const entries = containers.get(urn);
    if (entries === undefined) continue;
    const value = single(entries, urn, walk);
    if (isUnassigned(value)) continue;
    if (!isJsonObject(value)) {
      walk.issues.push(
        issue(
          "invalidValue",
          urn,
          `expects an object holding the extension's attributes (RFC 7643 §3.3), got ${describeJson(value)}`,
        ),
      );
      continue;
    }
    const normalised = normaliseObject(defs, Object.entries(value), (n) => `${urn}:${n}`, walk);
    if (Object.keys(normalised).length === 0) continue;
    resource[urn] = normalised;
    schemas.push(urn);
  }
  resource.schemas = schemas;
  return { resource, issues: walk.issues, ignored: walk.ignored };
}

/**
 * RFC 7643 §3: `schemas` is REQUIRED, lists the base schema, and "MUST only contain values defined as
 * schema and schemaExtensions for the resource's defined resourceType". URNs compare case-insensitively
 * (RFC 7643 §2.1 treats them as attribute-name prefixes). The normalised `schemas` is rebuilt from what the
 * body really holds, so a duplicated URN is harmless, an extension listed without a container is dropped,
 * and a container whose URN is missing from `schemas` is accepted with the URN added: RFC 7643 §3 has
 * `schemas` list the URIs "supported by that representation", which includes an extension it holds, and
 * no RFC text asks for a rejection. PATCH does the same when it sets a URN-qualified extension attribute
 * (implied by RFC 7644 §3.5.2; conformance-checklist PA-20), so POST, PUT and PATCH agree.
 */
function checkSchemas(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  known: Containers,
  entries: readonly [string, JsonValue][],
  walk: Walk,
): void {
  const value = single(entries, "schemas", walk);
  if (!walk.settings.requireSchemas && value === undefined) return;
  if (isUnassigned(value)) {
    walk.issues.push(
      issue(
        "invalidValue",
        "schemas",
        `is required and must list the base schema "${rt.schema}" (RFC 7643 §3)`,
      ),
    );
    return;
  }
  if (!Array.isArray(value)) {
    walk.issues.push(
      issue(
        "invalidValue",
        "schemas",
        `expects an array of schema URNs (RFC 7643 §3), got ${describeJson(value)}`,
      ),
    );
    return;
  }
  let hasBase = false;
  value.forEach((urn, i) => {
    if (typeof urn !== "string") {
      walk.issues.push(
        issue("invalidValue", `schemas[${i}]`, `expects a schema URN string, got ${describeJson(urn)}`),
      );
      return;
    }
    const own = known.byLowerUrn.get(lower(urn));
    if (own === undefined) {
      const allowed = registry.schemaUrnsOf(rt).join(", ");
      walk.issues.push(
        issue(
          "invalidValue",
          `schemas[${i}]`,
          `"${urn}" is not a schema of resource type ${rt.name}, which allows ${allowed} (RFC 7643 §3)`,
        ),
      );
    } else if (!own.extension) {
      hasBase = true;
    }
  });
  if (!hasBase) {
    walk.issues.push(
      issue("invalidValue", "schemas", `must contain the base schema "${rt.schema}" (RFC 7643 §3)`),
    );
  }
}

/** The one assigned value among keys that differ only in case; two assigned values are an issue. */
function single(entries: readonly [string, JsonValue][], path: string, walk: Walk): JsonValue | undefined {
  if (entries.length === 1) return entries[0]?.[1]; // the usual case: one spelling, nothing to compare
  const assigned = entries.filter(([, v]) => !isUnassigned(v));
  if (assigned.length > 1) {
    const keys = assigned.map(([k]) => `"${k}"`).join(" and ");
    walk.issues.push(
      issue(
        "invalidValue",
        path,
        `is given more than once (${keys}); names are case-insensitive (RFC 7643 §2.1)`,
      ),
    );
  }
  return assigned[0]?.[1] ?? entries[0]?.[1];
}

/** Normalises one JSON object against a list of attribute definitions (a schema, or a complex type). */
function normaliseObject(
  defs: readonly AttributeDefinition[],
  input: readonly [string, JsonValue][],
  pathOf: (name: string) => string,
  walk: Walk,
): JsonObject {
  const found = new Map<AttributeDefinition, [string, JsonValue][]>();
  for (const [key, value] of input) {
    const def = attributeNamed(defs, key);
    if (def === undefined) {
      unknown(pathOf(key), value, walk);
      continue;
    }
    const same = found.get(def);
    if (same === undefined) found.set(def, [[key, value]]);
    else same.push([key, value]);
  }
  const out: JsonObject = {};
  for (const def of defs) {
    const entries = found.get(def);
    if (entries === undefined) continue;
    const path = pathOf(def.name);
    const value = single(entries, path, walk);
    if (value === undefined || isUnassigned(value)) continue;
    const normalised = normaliseAttribute(def, value, path, walk);
    if (normalised !== undefined) out[def.name] = normalised;
  }
  return out;
}

function unknown(path: string, value: JsonValue, walk: Walk): void {
  if (isUnassigned(value)) return;
  if (walk.settings.options.unknownAttributes === "reject") {
    walk.issues.push(
      issue("invalidValue", path, "is not an attribute of this resource type's schemas (RFC 7644 §3.12)"),
    );
  } else if (walk.settings.reportIgnored) {
    walk.ignored.push({ path, reason: "unknownAttribute" });
  }
}

function normaliseAttribute(
  def: AttributeDefinition,
  value: JsonValue,
  path: string,
  walk: Walk,
): JsonValue | undefined {
  if (def.mutability === "readOnly") {
    // RFC 7644 §3.3 and §3.5.1: readOnly values in a request body "SHALL be ignored", whatever they hold.
    if (walk.settings.reportIgnored) walk.ignored.push({ path, reason: "readOnly" });
    return undefined;
  }
  if (!def.multiValued) {
    if (Array.isArray(value)) {
      walk.issues.push(
        issue("invalidValue", path, "is single-valued: expects one value, not an array (RFC 7643 §2.3)"),
      );
      return undefined;
    }
    return normaliseSingle(def, value, path, walk);
  }
  if (!Array.isArray(value)) {
    walk.issues.push(
      issue(
        "invalidValue",
        path,
        `is multi-valued: expects a JSON array (RFC 7643 §2.4), got ${describe(def, value)}`,
      ),
    );
    return undefined;
  }
  const items: JsonValue[] = [];
  value.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (item === null || Array.isArray(item)) {
      walk.issues.push(
        issue(
          "invalidValue",
          itemPath,
          `${describeJson(item)} is not a value of a multi-valued attribute (RFC 7643 §2.4)`,
        ),
      );
      return;
    }
    const normalised = normaliseSingle(def, item, itemPath, walk);
    if (normalised !== undefined) items.push(normalised);
  });
  return items.length === 0 ? undefined : collapseDuplicates(def, items);
}

function normaliseSingle(
  def: AttributeDefinition,
  value: JsonValue,
  path: string,
  walk: Walk,
): JsonValue | undefined {
  if (def.type === "complex") {
    if (!isJsonObject(value)) {
      walk.issues.push(
        issue(
          "invalidValue",
          path,
          `is complex: expects a JSON object (RFC 7643 §2.3.8), got ${describe(def, value)}`,
        ),
      );
      return undefined;
    }
    // A complex value with nothing assigned is itself unassigned (RFC 7643 §2.5).
    const out = normaliseObject(def.subAttributes ?? [], Object.entries(value), (n) => `${path}.${n}`, walk);
    return Object.keys(out).length === 0 ? undefined : out;
  }
  const problem = simpleValueProblem(def.type, value);
  if (problem === undefined) return value;
  walk.issues.push(issue("invalidValue", path, `expects ${problem}, got ${describe(def, value)}`));
  return undefined;
}

/** Never echo a writeOnly value (a password) in an error message. */
function describe(def: AttributeDefinition, value: JsonValue): string {
  return def.mutability === "writeOnly" ? "a value of another type" : describeJson(value);
}
