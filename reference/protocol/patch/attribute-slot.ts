// Where an attribute's value lives in a SCIM resource: at the top level for the base schema and the
// common attributes, under the extension's URN key for an extension attribute (RFC 7643 §3.3). Names
// are matched case-insensitively (RFC 7643 §2.1) and written in the schema's spelling, so a stored
// `UserName` and a patched `userName` never coexist.
import { isJsonObject, type JsonObject, type JsonValue } from "../resource/json.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";

const lower = (s: string) => s.toLowerCase();

/** The key of `name` in `object`, whatever its case; undefined when absent. */
export function keyOf(object: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const wanted = lower(name);
  return Object.keys(object).find((k) => lower(k) === wanted);
}

export function getIgnoringCase(object: JsonObject, name: string): JsonValue | undefined {
  const key = keyOf(object, name);
  return key === undefined ? undefined : object[key];
}

/** Sets `object[name]` in canonical spelling, dropping other spellings; `undefined` deletes. */
export function setIgnoringCase(object: JsonObject, name: string, value: JsonValue | undefined): void {
  const wanted = lower(name);
  for (const k of Object.keys(object)) if (lower(k) === wanted) delete object[k];
  if (value !== undefined) object[name] = value;
}

/** null, [], {} and absent are one state: unassigned (RFC 7643 §2.5). */
export function isUnassigned(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

function container(resource: JsonObject, attr: ResolvedAttribute, create: boolean): JsonObject | undefined {
  if (!attr.extension) return resource;
  const held = getIgnoringCase(resource, attr.schema);
  if (isJsonObject(held)) return held;
  if (!create) return undefined;
  const made: JsonObject = {};
  setIgnoringCase(resource, attr.schema, made);
  return made;
}

export function readAttribute(resource: JsonObject, attr: ResolvedAttribute): JsonValue | undefined {
  const holder = container(resource, attr, false);
  const value = holder === undefined ? undefined : getIgnoringCase(holder, attr.attribute.name);
  return isUnassigned(value) ? undefined : value;
}

/** Writes a top-level attribute; an unassigned value removes it, and an emptied extension container goes too. */
export function writeAttribute(
  resource: JsonObject,
  attr: ResolvedAttribute,
  value: JsonValue | undefined,
): void {
  const unassigned = isUnassigned(value);
  const holder = container(resource, attr, !unassigned);
  if (holder === undefined) return;
  setIgnoringCase(holder, attr.attribute.name, unassigned ? undefined : value);
  if (attr.extension && Object.keys(holder).length === 0) setIgnoringCase(resource, attr.schema, undefined);
}
