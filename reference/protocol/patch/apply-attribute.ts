// One PATCH operation on one attribute of a resource held in full (RFC 7644 §3.5.2.1 add, §3.5.2.2
// remove, §3.5.2.3 replace). The function computes the attribute's new value from its old one, checks
// what the RFC forbids about that transition (required, immutable), and writes it back. It works on the
// draft copy the engine owns, so a later failure leaves the caller's resource untouched.
import { isJsonObject, type JsonObject, type JsonValue } from "../resource/json.js";
import { sameValue } from "../schema/same-value.js";
import type { AttributeDefinition } from "../schema/schema-definition.js";
import {
  getIgnoringCase,
  isUnassigned,
  readAttribute,
  setIgnoringCase,
  writeAttribute,
} from "./attribute-slot.js";
import { coerceElement, coerceSub, coerceWhole, isReferenceList } from "./coerce-value.js";
import type { PatchContext } from "./patch-context.js";
import { operationError, type PatchOperation } from "./patch-request.js";
import type { AttributeTarget } from "./patch-target.js";
import { assertOnePrimary, demoteOthers, hasPrimary, isPrimary } from "./primary.js";
import { equalityTerms, matchesValue } from "./value-filter.js";

/** Whether two values of a multi-valued attribute are "the value specified" of RFC 7644 §3.5.2.1. */
function sameItem(def: AttributeDefinition, a: JsonValue, b: JsonValue): boolean {
  if (isReferenceList(def)) {
    // Members are identified by id alone: `display` and `$ref` describe the id (coerce-value.ts).
    return isJsonObject(a) && isJsonObject(b) && getIgnoringCase(a, "value") === getIgnoringCase(b, "value");
  }
  return sameValue({ ...def, multiValued: false }, a, b);
}

/** Sub-attributes the client set to null explicitly: RFC 7643 §2.5 makes that "unassign it". */
function nulledSubs(def: AttributeDefinition, value: JsonValue | undefined): AttributeDefinition[] {
  if (!isJsonObject(value)) return [];
  return (def.subAttributes ?? []).filter((s) => {
    const v = getIgnoringCase(value, s.name);
    return v === null || (Array.isArray(v) && v.length === 0);
  });
}

/** Sub-attribute merge of a complex value: RFC 7644 §3.5.2.3 "Sub-attributes that are not specified in
 *  the value parameter are left unchanged"; add on a complex attribute sets the sub-attributes given. */
function merge(
  before: JsonValue | undefined,
  given: JsonObject | undefined,
  nulled: readonly AttributeDefinition[],
): JsonObject | undefined {
  const out: JsonObject = isJsonObject(before) ? { ...before } : {};
  for (const sub of nulled) setIgnoringCase(out, sub.name, undefined);
  for (const [k, v] of Object.entries(given ?? {})) setIgnoringCase(out, k, v);
  return isUnassigned(out) ? undefined : out;
}

/** A reference (`value` + `$ref`) whose `value` changed keeps no `$ref` the client did not send. */
function dropStaleRef(
  def: AttributeDefinition,
  before: JsonValue | undefined,
  given: JsonValue | undefined,
  merged: JsonObject | undefined,
): JsonObject | undefined {
  const isReference = (def.subAttributes ?? []).some((s) => s.name === "$ref");
  if (!isReference || merged === undefined || !isJsonObject(before) || !isJsonObject(given)) return merged;
  const changedValue =
    getIgnoringCase(given, "value") !== undefined &&
    getIgnoringCase(before, "value") !== getIgnoringCase(merged, "value");
  if (!changedValue || getIgnoringCase(given, "$ref") !== undefined) return merged;
  const out = { ...merged };
  setIgnoringCase(out, "$ref", undefined);
  return out;
}

function list(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function assertImmutableSubs(
  op: PatchOperation,
  def: AttributeDefinition,
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): void {
  if (!isJsonObject(before)) return;
  for (const sub of def.subAttributes ?? []) {
    if (sub.mutability !== "immutable") continue;
    const old = getIgnoringCase(before, sub.name);
    if (isUnassigned(old)) continue;
    const now = isJsonObject(after) ? getIgnoringCase(after, sub.name) : undefined;
    if (!sameValue(sub, old, now)) {
      throw operationError(
        op,
        "mutability",
        `${def.name}.${sub.name} is immutable and already has a value (RFC 7643 §2.2, RFC 7644 §3.5.2)`,
      );
    }
  }
}

/** The new value of a whole attribute (no filter, no sub-attribute). */
function wholeValue(
  ctx: PatchContext,
  op: PatchOperation,
  target: AttributeTarget,
  before: JsonValue | undefined,
): JsonValue | undefined {
  const def = target.attr.attribute;
  if (op.op === "remove") return undefined;
  const value = op.value ?? null;
  if (def.multiValued) {
    const given = list(coerceWhole(ctx, op, target.attr, value));
    assertOnePrimary(op, def, given);
    // §3.5.2.3: "the attribute and all values are replaced".
    if (op.op === "replace") return given;
    // §3.5.2.1: "a new value is added"; a value already there changes nothing.
    let result = list(before);
    for (const item of given) {
      const present = result.find((e) => sameItem(def, e, item));
      const kept = present ?? item;
      if (present === undefined) result = [...result, item];
      if (hasPrimary(def) && isPrimary(item)) result = demoteOthers(result, kept);
    }
    return result;
  }
  if (value === null) return undefined;
  const given = coerceWhole(ctx, op, target.attr, value);
  if (def.type !== "complex") return given;
  // §3.5.2.1 / §3.5.2.3: a complex target takes the sub-attributes given, the others stay; except a
  // `$ref` that described the old `value` (manager): it would point at the previous manager.
  const merged = merge(before, isJsonObject(given) ? given : undefined, nulledSubs(def, value));
  return dropStaleRef(def, before, given, merged);
}

/** The new value of a single-valued complex attribute when one sub-attribute is the target. */
function subValue(
  ctx: PatchContext,
  op: PatchOperation,
  target: AttributeTarget & { readonly sub: AttributeDefinition },
  before: JsonValue | undefined,
): JsonValue | undefined {
  const out: JsonObject = isJsonObject(before) ? { ...before } : {};
  const v = op.op === "remove" ? undefined : coerceSub(ctx, op, target.attr, target.sub, op.value ?? null);
  setIgnoringCase(out, target.sub.name, isUnassigned(v) ? undefined : v);
  return isUnassigned(out) ? undefined : out;
}

/** The value an Entra-style upsert creates: the filter's `eq` terms, then what the operation sets. */
function createdValue(
  ctx: PatchContext,
  op: PatchOperation,
  target: AttributeTarget,
): JsonObject | undefined {
  const terms = target.filter === undefined ? undefined : equalityTerms(target.filter);
  if (terms === undefined) return undefined;
  const seed: JsonObject = {};
  for (const [attr, literal] of terms) seed[attr.leaf.name] = literal;
  const base = coerceElement(ctx, op, target.attr, seed) ?? {};
  if (target.sub !== undefined) {
    const v = coerceSub(ctx, op, target.attr, target.sub, op.value ?? null);
    return merge(base, isUnassigned(v) || v === undefined ? {} : { [target.sub.name]: v }, []);
  }
  const given = coerceElement(ctx, op, target.attr, op.value ?? null);
  return merge(base, given, nulledSubs(target.attr.attribute, op.value));
}

/** The new value of a multi-valued attribute when a value filter selects what to change. */
function filteredValue(
  ctx: PatchContext,
  op: PatchOperation,
  target: AttributeTarget & { readonly filter: NonNullable<AttributeTarget["filter"]> },
  before: JsonValue | undefined,
): JsonValue | undefined {
  const def = target.attr.attribute;
  const items = list(before);
  const hits = new Set(items.filter((item) => matchesValue(target.filter, item)));
  const sub = target.sub;
  if (op.op === "remove") {
    // §3.5.2.2: "the values matched by the filter are removed"; when none match, nothing is removed
    // (unlike replace, §3.5.2.2 names no noTarget error, and removal is idempotent that way).
    if (sub === undefined) return items.filter((item) => !hits.has(item));
    return items.flatMap((item) => {
      if (!hits.has(item) || !isJsonObject(item)) return [item];
      const out = { ...item };
      setIgnoringCase(out, sub.name, undefined);
      return isUnassigned(out) ? [] : [out];
    });
  }
  if (hits.size === 0) {
    const created =
      op.op === "add" && op.leniency?.createOnNoMatch ? createdValue(ctx, op, target) : undefined;
    if (created === undefined) {
      // §3.5.2.3: "If the target location is a multi-valued attribute for which a value selection filter
      // ("valuePath") has been supplied and no record match was made, the service provider SHALL indicate
      // failure by returning HTTP status code 400 and a "scimType" error code of "noTarget"." §3.12 gives
      // the same code to any path whose filter "yields no match", which covers add.
      throw operationError(
        op,
        "noTarget",
        `the value filter matched no value of ${target.attr.path} (RFC 7644 §3.5.2.3, §3.12)`,
      );
    }
    const result = [...items, created];
    return isPrimary(created) ? demoteOthers(result, created) : result;
  }
  const made: JsonValue[] = [];
  const next = items.flatMap((item): JsonValue[] => {
    if (!hits.has(item)) return [item];
    let out: JsonObject | undefined;
    if (sub !== undefined) {
      out = isJsonObject(item) ? { ...item } : {};
      const v = coerceSub(ctx, op, target.attr, sub, op.value ?? null);
      setIgnoringCase(out, sub.name, isUnassigned(v) ? undefined : v);
    } else {
      const given = coerceElement(ctx, op, target.attr, op.value ?? null);
      // §3.5.2.3: "all matching record values SHALL be replaced"; add merges sub-attributes into them.
      out =
        op.op === "replace"
          ? carryImmutable(def, item, given)
          : merge(item, given, nulledSubs(def, op.value));
    }
    assertImmutableSubs(op, def, item, out);
    if (out === undefined || isUnassigned(out)) return [];
    made.push(out);
    return [out];
  });
  assertOnePrimary(op, def, made);
  const primary = made.find(isPrimary);
  return primary === undefined ? next : demoteOthers(next, primary);
}

/** A replacing value keeps the immutable sub-attributes it does not mention (they cannot be unset). */
function carryImmutable(
  def: AttributeDefinition,
  old: JsonValue,
  given: JsonObject | undefined,
): JsonObject | undefined {
  if (!isJsonObject(old)) return given;
  const out: JsonObject = { ...(given ?? {}) };
  for (const sub of def.subAttributes ?? []) {
    if (sub.mutability !== "immutable") continue;
    const kept = getIgnoringCase(old, sub.name);
    if (!isUnassigned(kept) && getIgnoringCase(out, sub.name) === undefined && kept !== undefined)
      out[sub.name] = kept;
  }
  return isUnassigned(out) ? undefined : out;
}

/**
 * Applies `op` to the attribute `target` names in `resource` (mutated: it is the engine's draft).
 * readOnly targets are refused by the caller; this enforces required and immutable.
 */
export function applyToAttribute(
  ctx: PatchContext,
  resource: JsonObject,
  op: PatchOperation,
  target: AttributeTarget,
): void {
  const def = target.attr.attribute;
  const before = readAttribute(resource, target.attr);
  let after: JsonValue | undefined;
  if (target.filter !== undefined)
    after = filteredValue(ctx, op, { ...target, filter: target.filter }, before);
  else if (target.sub !== undefined) after = subValue(ctx, op, { ...target, sub: target.sub }, before);
  else after = wholeValue(ctx, op, target, before);

  // §3.5.2.2: "If an attribute is removed or becomes unassigned and is defined as a required attribute
  // ..., the server SHALL return ... a 'scimType' error code of 'mutability'." Any operation can do it.
  if (def.required && !isUnassigned(before) && isUnassigned(after)) {
    throw operationError(
      op,
      "mutability",
      `${target.attr.path} is required and cannot be removed (RFC 7644 §3.5.2.2)`,
    );
  }
  if (!def.multiValued && def.type === "complex") {
    for (const sub of def.subAttributes ?? []) {
      const old = isJsonObject(before) ? getIgnoringCase(before, sub.name) : undefined;
      const now = isJsonObject(after) ? getIgnoringCase(after, sub.name) : undefined;
      if (sub.required && !isUnassigned(old) && isUnassigned(now)) {
        throw operationError(
          op,
          "mutability",
          `${target.attr.path}.${sub.name} is required and cannot be removed (RFC 7644 §3.5.2.2)`,
        );
      }
    }
    assertImmutableSubs(op, def, before, after);
  }
  // §3.5.2: "a client MUST NOT modify an attribute that has mutability ... 'immutable'. However, a
  // client MAY 'add' a value to an 'immutable' attribute if the attribute had no previous value."
  if (def.mutability === "immutable" && !isUnassigned(before) && !sameValue(def, before, after)) {
    throw operationError(
      op,
      "mutability",
      `${target.attr.path} is immutable and already has a value (RFC 7644 §3.5.2)`,
    );
  }
  writeAttribute(resource, target.attr, after);
}
