// Whole resource bodies for a discovered resource type, for POST (create) and PUT (replace): only
// writable attributes (RFC 7643 §7: never readOnly, immutable only on create), every required attribute
// (RFC 7643 §2.2 "required"), extensions under their URN with the URN listed in "schemas" (RFC 7643
// §3, §3.3), and values that are unique per run where the schema asks for uniqueness (RFC 7643 §2.2
// "uniqueness": server and global). The only input is the target's schema, so unseen extensions work.
//
// Unique values are filled in when a case runs, not when it is generated (finalizeDraft): shrinking and
// replaying re-run a case, and each run must get values the server has not seen.
import fc from "fast-check";
import type { JsonObject } from "../json/json.js";
import { cloneJson, getCi, isObject, keyCi } from "../json/json.js";
import type { ResourceTypeModel } from "../schema-model/resource-type-model.js";
import type { AttributeDef, SchemaDef } from "../schema-model/schema-model.js";
import type { ValueOptions, WriteMode } from "./complex-arbitraries.js";
import { attributeArbitrary, writable } from "./complex-arbitraries.js";
import type { ReferencePool } from "./reference-pool.js";
import { emptyPool } from "./reference-pool.js";

export interface ResourceArbitraryOptions {
  readonly mode: WriteMode;
  readonly pool?: ReferencePool;
  /** Longest generated free text, in graphemes. Default 32. */
  readonly maxStringLength?: number;
  /** Most values in a multi-valued attribute. Default 3. */
  readonly maxValues?: number;
  /** Attributes never to generate (by path key, case-insensitive). */
  readonly exclude?: readonly string[];
  /**
   * Attribute paths that get a unique, run-tagged value although the schema does not ask for
   * uniqueness, e.g. Group displayName when a check scopes its queries by it.
   */
  readonly tagged?: readonly string[];
  /** Generate every writable attribute rather than a random subset (for fidelity sweeps). */
  readonly allAttributes?: boolean;
}

/** Where a unique value goes in the body, and what it is about ("userName"). */
export interface UniqueSlot {
  readonly pointer: readonly (string | number)[];
  readonly label: string;
}

export interface ResourceDraft {
  readonly body: JsonObject;
  readonly unique: readonly UniqueSlot[];
}

function schemaRecord(
  schema: SchemaDef,
  options: ResourceArbitraryOptions,
  values: ValueOptions,
): fc.Arbitrary<JsonObject> {
  const exclude = new Set((options.exclude ?? []).map((p) => p.toLowerCase()));
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const attr of schema.attributes) {
    if (!writable(attr, options.mode) || exclude.has(attr.path.toLowerCase())) continue;
    const arb = attributeArbitrary(attr, values);
    if (arb === undefined) continue;
    shape[attr.name] = arb;
    if (attr.required || options.allAttributes) required.push(attr.name);
  }
  return fc.record(shape, { requiredKeys: required, noNullPrototype: true }) as fc.Arbitrary<JsonObject>;
}

function needsSlot(attr: AttributeDef, tagged: ReadonlySet<string>): boolean {
  if (attr.type !== "string") return false;
  return attr.uniqueness !== "none" || tagged.has(attr.path.toLowerCase());
}

/** The unique slots of a generated body: string attributes whose schema asks for uniqueness, or tagged. */
export function uniqueSlots(
  type: ResourceTypeModel,
  body: JsonObject,
  tagged: readonly string[] = [],
): UniqueSlot[] {
  const tags = new Set(tagged.map((p) => p.toLowerCase()));
  const slots: UniqueSlot[] = [];
  for (const { attribute, schema, extension } of type.topLevel()) {
    const containerKey = extension ? keyCi(body, schema.id) : undefined;
    const container = extension ? (containerKey === undefined ? undefined : body[containerKey]) : body;
    if (!isObject(container)) continue;
    const key = keyCi(container, attribute.name);
    if (key === undefined) continue;
    const base = [...(containerKey === undefined ? [] : [containerKey]), key];
    const value = container[key];
    if (!attribute.multiValued && needsSlot(attribute, tags) && typeof value === "string") {
      slots.push({ pointer: base, label: attribute.name });
    }
    for (const sub of attribute.subAttributes) {
      if (!needsSlot(sub, tags)) continue;
      const elements = attribute.multiValued && Array.isArray(value) ? value : [value];
      elements.forEach((element, i) => {
        const subKey = isObject(element) ? keyCi(element, sub.name) : undefined;
        if (subKey === undefined || typeof (element as JsonObject)[subKey] !== "string") return;
        slots.push({ pointer: [...base, ...(attribute.multiValued ? [i] : []), subKey], label: sub.name });
      });
    }
  }
  return slots;
}

export function resourceArbitrary(
  type: ResourceTypeModel,
  options: ResourceArbitraryOptions,
): fc.Arbitrary<ResourceDraft> {
  const values: ValueOptions = {
    mode: options.mode,
    pool: options.pool ?? emptyPool,
    maxValues: options.maxValues ?? 3,
    maxStringLength: options.maxStringLength ?? 32,
    baseSchema: type.base.id,
  };
  const base = schemaRecord(type.base, options, values);
  const extensions = type.extensions.map((ext) => {
    const record = schemaRecord(ext.schema, options, values).filter(
      (r) => !ext.required || Object.keys(r).length > 0,
    );
    // RFC 7643 §3.3: a required extension is always present; an optional one sometimes.
    return ext.required || options.allAttributes ? record : fc.option(record, { nil: undefined });
  });
  return fc.tuple(base, fc.tuple(...extensions)).map(([core, exts]) => {
    const body: JsonObject = { schemas: [type.base.id] };
    Object.assign(body, core);
    exts.forEach((ext, i) => {
      const urn = type.extensions[i]?.schema.id;
      if (urn === undefined || ext === undefined || Object.keys(ext).length === 0) return;
      body[urn] = ext;
      (body.schemas as string[]).push(urn);
    });
    return { body, unique: uniqueSlots(type, body, options.tagged) };
  });
}

/**
 * The body to send: every unique slot becomes `unique(label)` followed by the generated text, so the
 * value carries the run's prefix (it never collides with anything on the server) and still exercises
 * Unicode.
 */
export function finalizeDraft(draft: ResourceDraft, unique: (label: string) => string): JsonObject {
  const body = cloneJson(draft.body);
  for (const slot of draft.unique) {
    let at: unknown = body;
    for (const step of slot.pointer.slice(0, -1)) at = (at as Record<string | number, unknown>)[step];
    const last = slot.pointer.at(-1);
    if (last === undefined || typeof at !== "object" || at === null) continue;
    const holder = at as Record<string | number, unknown>;
    const generated = holder[last];
    holder[last] =
      `${unique(slot.label)}${typeof generated === "string" && generated.length > 0 ? `-${generated}` : ""}`;
  }
  return body;
}

/** The value at a unique slot of a finalized body (e.g. to scope queries by it). */
export function slotValue(body: JsonObject, slot: UniqueSlot): unknown {
  let at: unknown = body;
  for (const step of slot.pointer)
    at = typeof step === "number" ? (Array.isArray(at) ? at[step] : undefined) : getCi(at, step);
  return at;
}
