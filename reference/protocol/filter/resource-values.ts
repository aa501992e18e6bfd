// Reading a resolved attribute's values out of a SCIM resource as the server returns it: core attributes
// at the top level, extension attributes under their schema URN key (RFC 7643 §3.3). Attribute names and
// URN keys are looked up without case (RFC 7643 §2.1: "Attribute names are case insensitive"), so a
// resource stored with `UserName` still answers `userName eq …`. Shared by the matcher and the sorter.
import { isJsonObject, type JsonObject, type JsonValue } from "../resource/json.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";

/**
 * `obj[name]` with a case-insensitive name; own properties only (never `constructor` and friends).
 * Allocation-free until a key of the same length turns up: a write mapping asks a User for about forty
 * attributes it mostly lacks, and a keys array and a lower-cased name per miss were most of what a
 * /Bulk import allocated in the mapping (issue #8).
 */
export function getIgnoringCase(obj: JsonObject, name: string, lowerName?: string): JsonValue | undefined {
  if (Object.hasOwn(obj, name)) return obj[name];
  let lower = lowerName;
  for (const key in obj) {
    if (key.length !== name.length || !Object.hasOwn(obj, key)) continue;
    lower ??= name.toLowerCase();
    if (key.toLowerCase() === lower) return obj[key];
  }
  return undefined;
}

/** RFC 7644 §3.4.2.2 `pr`: "a non-empty value, or … a non-empty node for complex attributes". */
export function isPresentValue(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.some(isPresentValue);
  if (isJsonObject(value)) return Object.values(value).some(isPresentValue);
  return true;
}

/** A function from a resource to the top-level value of `attr` (before any sub-attribute). */
export function topValueReader(attr: ResolvedAttribute): (resource: JsonObject) => JsonValue | undefined {
  const name = attr.attribute.name;
  const lowerName = name.toLowerCase();
  if (!attr.extension) return (resource) => getIgnoringCase(resource, name, lowerName);
  const urn = attr.schema;
  const lowerUrn = urn.toLowerCase();
  return (resource) => {
    const container = getIgnoringCase(resource, urn, lowerUrn);
    return isJsonObject(container) ? getIgnoringCase(container, name, lowerName) : undefined;
  };
}

/** The objects of a complex attribute's value: the elements of a multi-valued one, or the single object. */
export function complexElements(value: JsonValue | undefined): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isJsonObject);
  return isJsonObject(value) ? [value] : [];
}

function pushFlat(out: JsonValue[], value: JsonValue | undefined): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null) out.push(v);
  } else {
    out.push(value);
  }
}

/**
 * A function from a resource to every value `attr` addresses, flattened: `emails.value` gives one value per
 * email, `schemas` one per URN, `userName` at most one. Nulls are dropped (RFC 7643 §2.5: null is unassigned).
 */
export function valuesReader(attr: ResolvedAttribute): (resource: JsonObject) => JsonValue[] {
  const top = topValueReader(attr);
  const sub = attr.subAttribute;
  if (sub === undefined) {
    return (resource) => {
      const out: JsonValue[] = [];
      pushFlat(out, top(resource));
      return out;
    };
  }
  const subName = sub.name;
  const lowerSub = subName.toLowerCase();
  return (resource) => {
    const out: JsonValue[] = [];
    for (const element of complexElements(top(resource)))
      pushFlat(out, getIgnoringCase(element, subName, lowerSub));
    return out;
  };
}

/** Inside a value filter: a function from one element of the outer attribute to the sub-attribute's values. */
export function elementValuesReader(attr: ResolvedAttribute): (element: JsonObject) => JsonValue[] {
  const name = (attr.subAttribute ?? attr.attribute).name;
  const lowerName = name.toLowerCase();
  return (element) => {
    const out: JsonValue[] = [];
    pushFlat(out, getIgnoringCase(element, name, lowerName));
    return out;
  };
}
