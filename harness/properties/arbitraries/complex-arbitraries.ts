// Arbitraries for complex and multi-valued attributes (RFC 7643 §2.3.8, §2.4): complex values with at
// least one writable sub-attribute, unordered multi-valued lists without duplicate values
// (rfc7643.schema.no-duplicate-type-value), "primary" true on at most one value (RFC 7643 §2.4), and
// references to resources this run created (members, manager) drawn from the pool. Values never share
// a (type, value) pair (values/value-identity.ts).
import fc from "fast-check";
import type { JsonObject } from "../json/json.js";
import type { AttributeDef } from "../schema-model/schema-model.js";
import { findAttribute } from "../schema-model/schema-model.js";
import { generatedValueKey } from "../values/value-identity.js";
import type { ReferencePool } from "./reference-pool.js";
import type { ScalarOptions } from "./scalar-arbitraries.js";
import { scalarArbitrary } from "./scalar-arbitraries.js";
import { textArbitrary } from "./text-arbitrary.js";

export type WriteMode = "create" | "replace";

export interface ValueOptions extends ScalarOptions {
  readonly mode: WriteMode;
  readonly pool: ReferencePool;
  readonly maxValues: number;
}

const nonResourceTypes = new Set(["external", "uri"]);

/** The resource type names a complex attribute's "$ref" points at (members: User, Group), if any. */
export function resourceReferenceTypes(attr: AttributeDef): string[] {
  const ref = findAttribute(attr.subAttributes, "$ref");
  return ref === undefined ? [] : ref.referenceTypes.filter((t) => !nonResourceTypes.has(t.toLowerCase()));
}

/**
 * Whether the harness may send a value for `attr` (RFC 7643 §7 mutability): never readOnly; immutable
 * only on create, except a sub-attribute of a multi-valued attribute, which belongs to a new value.
 */
export function writable(attr: AttributeDef, mode: WriteMode, parent?: AttributeDef): boolean {
  if (attr.mutability === "readOnly") return false;
  if (attr.mutability === "immutable") return mode === "create" || parent?.multiValued === true;
  return true;
}

/** Passwords and other writeOnly secrets: long and mixed, so that a password policy accepts them. */
const secretArbitrary = textArbitrary({
  minLength: 12,
  maxLength: 20,
  unit: fc.constantFrom(..."abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"),
}).map((s) => `Aa1!${s}`);

function leafArbitrary(attr: AttributeDef, options: ValueOptions): fc.Arbitrary<unknown> {
  if (attr.mutability === "writeOnly" && attr.type === "string") return secretArbitrary;
  return scalarArbitrary(attr, options);
}

/** RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." */
function withOnePrimary(attr: AttributeDef, values: JsonObject[], pick: number | null): JsonObject[] {
  const primary = findAttribute(attr.subAttributes, "primary");
  if (primary === undefined || primary.type !== "boolean" || !writable(primary, "create", attr))
    return values;
  return values.map((v, i) => {
    const copy = { ...v };
    if (pick !== null && i === pick % values.length) copy[primary.name] = true;
    else if (copy[primary.name] === true) copy[primary.name] = false;
    return copy;
  });
}

/** A reference value: {value: id, type?} drawn from the pool; undefined when the pool has nothing. */
function referenceValue(attr: AttributeDef, options: ValueOptions): fc.Arbitrary<JsonObject> | undefined {
  const valueSub = findAttribute(attr.subAttributes, "value");
  if (valueSub === undefined || !writable(valueSub, options.mode, attr)) return undefined;
  const typeSub = findAttribute(attr.subAttributes, "type");
  const candidates = resourceReferenceTypes(attr).flatMap((t) =>
    options.pool.idsOf(t).map((id) => ({ t, id })),
  );
  if (candidates.length === 0) return undefined;
  return fc.constantFrom(...candidates).map(({ t, id }) => {
    const out: JsonObject = { [valueSub.name]: id };
    // "type" says which kind of resource the value names when the schema offers it (RFC 7643 §4.2).
    const canonical = typeSub?.canonicalValues.find((c) => c.toLowerCase() === t.toLowerCase());
    if (typeSub !== undefined && canonical !== undefined && writable(typeSub, options.mode, attr)) {
      out[typeSub.name] = canonical;
    }
    return out;
  });
}

function complexValue(attr: AttributeDef, options: ValueOptions): fc.Arbitrary<JsonObject> | undefined {
  if (resourceReferenceTypes(attr).length > 0) return referenceValue(attr, options);
  const subs = attr.subAttributes.filter((s) => writable(s, options.mode, attr) && s.type !== "complex");
  if (subs.length === 0) return undefined;
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const s of subs) shape[s.name] = leafArbitrary(s, options);
  const required = subs.filter((s) => s.required).map((s) => s.name);
  // A complex value carries data (RFC 7643 §2.5 treats an empty one as unassigned): one sub-attribute
  // is always present, "value" when there is one.
  const anchor = required[0] ?? (findAttribute(subs, "value") ?? subs[0])?.name;
  const requiredKeys = [...new Set([...required, ...(anchor ? [anchor] : [])])];
  return fc.record(shape, { requiredKeys, noNullPrototype: true }) as fc.Arbitrary<JsonObject>;
}

/** An arbitrary for a whole attribute value (single or multi-valued), or undefined when none can be made. */
export function attributeArbitrary(
  attr: AttributeDef,
  options: ValueOptions,
): fc.Arbitrary<unknown> | undefined {
  const one = attr.type === "complex" ? complexValue(attr, options) : leafArbitrary(attr, options);
  if (one === undefined) return undefined;
  if (!attr.multiValued) return one;
  const list = fc.uniqueArray(one, {
    minLength: 1,
    maxLength: options.maxValues,
    selector: (v) => generatedValueKey(attr, v),
  });
  if (attr.type !== "complex") return list;
  return fc
    .tuple(list as fc.Arbitrary<JsonObject[]>, fc.option(fc.nat(), { nil: null }))
    .map(([values, pick]) => withOnePrimary(attr, values, pick));
}
