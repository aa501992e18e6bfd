// The model's view of one resource state while a PATCH is applied: reading and writing attributes by
// resolved path on a private copy, with keys matched case-insensitively (RFC 7643 §2.1) and written in
// the schema's own case, extension attributes under their URN (RFC 7643 §3.3).
import type { JsonObject } from "../../json/json.js";
import { getCi, isObject, isUnassigned, keyCi } from "../../json/json.js";
import type { AttributeDef, ResolvedPath } from "../../schema-model/schema-model.js";
import { findAttribute } from "../../schema-model/schema-model.js";
import { scalarEquals } from "../../values/scalar.js";

/** The model cannot say what the RFC requires here; the generator never produces such operations. */
export class PatchModelGap extends Error {
  override name = "PatchModelGap";
}

/** One way a request may end for one branch of the model. */
export type Branch =
  | { readonly kind: "state"; readonly resource: JsonObject }
  | { readonly kind: "refused"; readonly scimTypes: readonly string[]; readonly reason: string };

export const refuse = (scimTypes: readonly string[], reason: string): Branch => ({
  kind: "refused",
  scimTypes,
  reason,
});
export const state = (resource: JsonObject): Branch => ({ kind: "state", resource });

function setKey(object: JsonObject, name: string, value: unknown): void {
  for (const k of Object.keys(object)) if (k.toLowerCase() === name.toLowerCase()) delete object[k];
  if (!isUnassigned(value)) object[name] = value;
}

/** The container of a path's top-level attribute; `create` makes a missing extension object. */
function container(resource: JsonObject, resolved: ResolvedPath, create: boolean): JsonObject | undefined {
  if (!resolved.extension) return resource;
  const key = keyCi(resource, resolved.schema.id);
  const found = key === undefined ? undefined : resource[key];
  if (isObject(found)) return found;
  if (!create) return undefined;
  const made: JsonObject = {};
  setKey(resource, resolved.schema.id, made);
  resource[resolved.schema.id] = made;
  return made;
}

export function readAttr(resource: JsonObject, resolved: ResolvedPath): unknown {
  return getCi(container(resource, resolved, false), resolved.attribute.name);
}

/** Writes (or, for an unassigned value, removes) the top-level attribute; drops an emptied extension. */
export function writeAttr(resource: JsonObject, resolved: ResolvedPath, value: unknown): void {
  const c = container(resource, resolved, !isUnassigned(value));
  if (c === undefined) return;
  setKey(c, resolved.attribute.name, value);
  if (resolved.extension && Object.keys(c).length === 0) setKey(resource, resolved.schema.id, undefined);
}

/** A copy of a complex value with `sub` set (or removed when unassigned). */
export function withSub(value: unknown, sub: AttributeDef, subValue: unknown): JsonObject {
  const copy: JsonObject = isObject(value) ? { ...value } : {};
  setKey(copy, sub.name, subValue);
  return copy;
}

/** RFC 7643 §2.4: primary false and absent both mean "not primary". */
function normalisedSub(sub: AttributeDef, v: unknown): unknown {
  return sub.type === "boolean" && sub.name.toLowerCase() === "primary" && v === false ? undefined : v;
}

/** A complex value with `primary: false` left out (RFC 7643 §2.4: the same as no primary). */
export function withoutFalsePrimary(attr: AttributeDef, value: unknown): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => {
      const sub = findAttribute(attr.subAttributes, k);
      return sub === undefined || normalisedSub(sub, v) !== undefined;
    }),
  );
}

/**
 * Whether `existing` already holds `candidate` (RFC 7644 §3.5.2.1 "If the target location already
 * contains the value specified"): every sub-attribute the candidate gives is equal in the existing
 * value; sub-attributes only the server added (display, $ref) do not make it different.
 */
export function holdsValue(attr: AttributeDef, existing: unknown, candidate: unknown): boolean {
  if (attr.type !== "complex") return scalarEquals(attr, existing, candidate) !== false;
  if (!isObject(existing) || !isObject(candidate)) return false;
  return Object.entries(candidate).every(([k, v]) => {
    const sub = findAttribute(attr.subAttributes, k);
    if (sub === undefined) return false;
    const a = normalisedSub(sub, v);
    const b = normalisedSub(sub, getCi(existing, sub.name));
    if (isUnassigned(a)) return isUnassigned(b);
    return !isUnassigned(b) && scalarEquals(sub, a, b) !== false;
  });
}

/**
 * RFC 7644 §3.5.2: "a PATCH operation that sets a value's 'primary' sub-attribute to true SHALL cause
 * the server to automatically set 'primary' to false for any other values in the array."
 */
export function enforcePrimary(attr: AttributeDef, values: readonly unknown[], keep: number): unknown[] {
  const primary = findAttribute(attr.subAttributes, "primary");
  if (primary === undefined || primary.type !== "boolean") return [...values];
  return values.map((v, i) =>
    i !== keep && isObject(v) && getCi(v, primary.name) === true ? withSub(v, primary, false) : v,
  );
}

/** Index of the last value with primary true, or -1. */
export function lastPrimary(attr: AttributeDef, values: readonly unknown[]): number {
  const primary = findAttribute(attr.subAttributes, "primary");
  if (primary === undefined) return -1;
  for (let i = values.length - 1; i >= 0; i -= 1) if (getCi(values[i], primary.name) === true) return i;
  return -1;
}

export function asValues(value: unknown): unknown[] {
  if (isUnassigned(value)) return [];
  return Array.isArray(value) ? value.filter((v) => !isUnassigned(v)) : [value];
}

/** A canonical JSON text for de-duplicating model branches (object keys sorted, case-folded). */
export function canonicalText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(",")}]`;
  if (isObject(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => !isUnassigned(v))
      .map(([k, v]) => [k.toLowerCase(), canonicalText(v)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
