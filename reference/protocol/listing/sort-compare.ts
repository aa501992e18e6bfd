// Sorting list results (RFC 7644 §3.4.2.3) with the filter engine's comparison semantics:
// - "sortOrder MUST sort according to the attribute type": keys from compare-values.ts, so case-insensitive
//   attributes sort without case ("case-insensitive Unicode alphabetic sort order, with no specific locale
//   implied": the locale-free fold, then code point order), caseExact ones by code point, dateTimes as
//   instants, numbers numerically, false before true;
// - "If the specified attribute is multi-valued, resources MUST be sorted by the value of the primary
//   attribute (see Section 2.4 of [RFC7643]), if any, or else the first value in the list, if any";
//   a multi-valued complex attribute named without a sub-attribute sorts by its `value`, as it filters
//   (RFC 7644 §3.4.2.2 Figure 2);
// - "if there is no data for the specified 'sortBy' value, they are sorted via the 'sortOrder' parameter,
//   i.e., they are ordered last if ascending and first if descending": resources without a value behave as
//   if their value were greater than every value;
// - ties (equal keys, or no data on both sides) are broken by `id` in code point order, whatever the
//   sortOrder: our decision, so that the order is total and stable across pages and datastores.
import { badRequest } from "../errors/scim-error.js";
import { type ComparisonKey, compareKeys, comparisonKey } from "../filter/compare-values.js";
import { complexElements, getIgnoringCase, topValueReader } from "../filter/resource-values.js";
import { schemasAttribute } from "../filter/schemas-attribute.js";
import type { AttrPath } from "../path/attr-path.js";
import { printAttrPath } from "../path/print-attr-path.js";
import type { JsonObject } from "../resource/json.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "../schema/schema-definition.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";

export type ResourceComparator = (a: JsonObject, b: JsonObject) => number;

function sortLeaf(attr: ResolvedAttribute): {
  sub: AttributeDefinition | undefined;
  leaf: AttributeDefinition;
} {
  if (attr.subAttribute !== undefined) return { sub: attr.subAttribute, leaf: attr.subAttribute };
  if (attr.attribute.type !== "complex") return { sub: undefined, leaf: attr.attribute };
  const value = attr.attribute.multiValued
    ? attr.attribute.subAttributes?.find((s) => s.name.toLowerCase() === "value")
    : undefined;
  if (value === undefined) {
    throw badRequest(
      "invalidValue",
      `sortBy '${attr.path}' is a complex attribute; name one of its sub-attributes (RFC 7644 §3.4.2.3)`,
    );
  }
  return { sub: value, leaf: value };
}

/**
 * A function from a resource to the key it sorts by, or undefined when it has no data for `attr`.
 * Exported so that a datastore sorting in SQL can store exactly this key.
 */
export function sortKeyReader(attr: ResolvedAttribute): (resource: JsonObject) => ComparisonKey | undefined {
  const top = topValueReader(attr);
  const { sub, leaf } = sortLeaf(attr);
  const subName = sub?.name;
  const lowerSub = subName?.toLowerCase();
  if (!attr.attribute.multiValued) {
    return (resource) => {
      const value = top(resource);
      if (subName === undefined) return comparisonKey(value ?? undefined, leaf);
      const [element] = complexElements(value);
      return element === undefined
        ? undefined
        : comparisonKey(getIgnoringCase(element, subName, lowerSub), leaf);
    };
  }
  if (subName === undefined) {
    return (resource) => {
      const values = top(resource);
      for (const v of Array.isArray(values) ? values : [values]) {
        const key = comparisonKey(v ?? undefined, leaf);
        if (key !== undefined) return key;
      }
      return undefined;
    };
  }
  return (resource) => {
    let first: ComparisonKey | undefined;
    for (const element of complexElements(top(resource))) {
      const key = comparisonKey(getIgnoringCase(element, subName, lowerSub), leaf);
      if (key === undefined) continue;
      if (getIgnoringCase(element, "primary") === true) return key;
      first ??= key;
    }
    return first;
  };
}

function idOf(resource: JsonObject): string {
  const id = getIgnoringCase(resource, "id");
  return typeof id === "string" ? id : "";
}

/** The comparator for `sortBy=attr` in the given order; keys are computed once per resource. */
export function compareForSort(attr: ResolvedAttribute, descending: boolean): ResourceComparator {
  const read = sortKeyReader(attr);
  const keys = new WeakMap<JsonObject, ComparisonKey | null>();
  const keyOf = (resource: JsonObject): ComparisonKey | null => {
    let key = keys.get(resource);
    if (key === undefined) {
      key = read(resource) ?? null;
      keys.set(resource, key);
    }
    return key;
  };
  const direction = descending ? -1 : 1;
  return (a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    let order = 0;
    if (ka === null || kb === null) {
      // No data sorts as the greatest value: last when ascending, first when descending.
      order = ka === kb ? 0 : (ka === null ? 1 : -1) * direction;
    } else {
      order = compareKeys(ka, kb) * direction;
    }
    return order !== 0 ? order : compareKeys(idOf(a), idOf(b));
  };
}

/**
 * Resolves a parsed `sortBy` for a resource type. Unknown attributes, whole schemas, never-returned
 * attributes and complex attributes without a `value` are 400 invalidValue (RFC 7644 §3.4.2.3 defines no
 * error; sorting by a hidden attribute would disclose its order, as filtering on it would).
 */
export function resolveSortBy(
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
  path: AttrPath,
): ResolvedAttribute {
  const where = printAttrPath(path);
  const found = registry.resolve(resourceType, path);
  if (found === undefined) {
    const isSchemas = path.name.toLowerCase() === "schemas" && path.subAttr === undefined;
    if (
      isSchemas &&
      (path.schema === undefined || path.schema.toLowerCase() === resourceType.schema.toLowerCase())
    ) {
      return schemasAttribute(resourceType);
    }
    throw badRequest(
      "invalidValue",
      `sortBy names unknown attribute '${where}' for resource type ${resourceType.name}`,
    );
  }
  if (found.kind === "schema")
    throw badRequest("invalidValue", `sortBy '${where}' names a schema, not an attribute`);
  for (const def of [found.attribute, found.subAttribute]) {
    if (def !== undefined && (def.returned === "never" || def.mutability === "writeOnly")) {
      throw badRequest(
        "invalidValue",
        `sortBy '${where}' is never returned, so results cannot be sorted by it`,
      );
    }
  }
  sortLeaf(found);
  return found;
}
