// Type-checks and normalises the `value` of a PATCH operation for the attribute it targets, with the very
// normaliser POST and PUT use (schema/normalise-resource.ts): names in the schema's spelling (RFC 7643
// §2.1), types (§2.3), null/[]/{} as unassigned (§2.5), readOnly sub-attributes dropped (RFC 7644 §3.3),
// unknown ones handled as the validation options say. A PATCH and a PUT of one value thus agree.

import { isJsonObject, type JsonObject, type JsonValue } from "../resource/json.js";
import { normaliseResource } from "../schema/normalise-resource.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import type { AttributeDefinition } from "../schema/schema-definition.js";
import { defaultValidationOptions } from "../schema/validate-resource.js";
import { getIgnoringCase } from "./attribute-slot.js";
import type { PatchContext } from "./patch-context.js";
import { operationError, type PatchOperation } from "./patch-request.js";

/**
 * A multi-valued complex attribute whose values reference other resources (`$ref` beside `value`), like
 * Group `members`: a value is identified by its `value` (the id) alone, because `$ref`, `display` and
 * `type` describe the resource that id names (RFC 7643 §4.2). Only `value` and `type` are kept; the
 * server derives the rest when it reads the resource back.
 */
export function isReferenceList(def: AttributeDefinition): boolean {
  const subs = def.subAttributes ?? [];
  return (
    def.multiValued &&
    def.type === "complex" &&
    subs.some((s) => s.name === "$ref") &&
    subs.some((s) => s.name === "value")
  );
}

/** Runs the resource normaliser over a one-attribute fragment and returns the attribute's normalised value. */
function normaliseFragment(
  ctx: PatchContext,
  op: PatchOperation,
  attr: ResolvedAttribute,
  value: JsonValue,
): JsonValue | undefined {
  const inner: JsonObject = { [attr.attribute.name]: value };
  const body: JsonObject = attr.extension ? { [attr.schema]: inner } : inner;
  const { resource, issues } = normaliseResource(ctx.registry, ctx.resourceType, body, {
    options: { ...defaultValidationOptions, ...ctx.validation },
    reportIgnored: false,
    requireSchemas: false,
  });
  const first = issues[0];
  if (first !== undefined) {
    const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    throw operationError(op, first.code, detail);
  }
  const holder = attr.extension ? resource[attr.schema] : resource;
  return isJsonObject(holder) ? holder[attr.attribute.name] : undefined;
}

/** The whole attribute: an array for a multi-valued one (a lone value counts as a list of one). */
export function coerceWhole(
  ctx: PatchContext,
  op: PatchOperation,
  attr: ResolvedAttribute,
  value: JsonValue,
): JsonValue | undefined {
  const def = attr.attribute;
  // RFC 7644 §3.5.2.1 "a new value is added": one value for a multi-valued attribute is a list of one.
  const input = def.multiValued && value !== null && !Array.isArray(value) ? [value] : value;
  const out = normaliseFragment(ctx, op, attr, input);
  return isReferenceList(def) && Array.isArray(out) ? out.map((v) => referenceValue(op, def, v)) : out;
}

/** One value of a multi-valued complex attribute (`emails[type eq "work"]` + an object). */
export function coerceElement(
  ctx: PatchContext,
  op: PatchOperation,
  attr: ResolvedAttribute,
  value: JsonValue,
): JsonObject | undefined {
  if (value !== null && !isJsonObject(value)) {
    throw operationError(
      op,
      "invalidValue",
      `expects one value of ${attr.path}: a JSON object (RFC 7643 §2.3.8)`,
    );
  }
  if (value === null) return undefined;
  const out = normaliseFragment(ctx, op, attr, [value]);
  const item = Array.isArray(out) ? out[0] : undefined;
  if (!isJsonObject(item)) return undefined;
  return isReferenceList(attr.attribute) ? referenceValue(op, attr.attribute, item) : item;
}

/** A sub-attribute's value (`name.givenName`, `emails[type eq "work"].value`). */
export function coerceSub(
  ctx: PatchContext,
  op: PatchOperation,
  attr: ResolvedAttribute,
  sub: AttributeDefinition,
  value: JsonValue,
): JsonValue | undefined {
  if (value === null) return undefined;
  const holder: JsonObject = { [sub.name]: value };
  const out = normaliseFragment(ctx, op, attr, attr.attribute.multiValued ? [holder] : holder);
  const item = Array.isArray(out) ? out[0] : out;
  return isJsonObject(item) ? item[sub.name] : undefined;
}

/**
 * A member-like value: `value` must be a non-empty id, and `type`, when given, one of the canonical
 * values (Group `members.type`: "User" or "Group", RFC 7643 §4.2), spelled canonically.
 */
function referenceValue(op: PatchOperation, def: AttributeDefinition, item: JsonValue): JsonObject {
  const where = def.name;
  if (!isJsonObject(item)) throw operationError(op, "invalidValue", `a value of ${where} must be an object`);
  const id = getIgnoringCase(item, "value");
  if (typeof id !== "string" || id.trim() === "") {
    throw operationError(
      op,
      "invalidValue",
      `each value of ${where} needs a non-empty "value" (the id it references, RFC 7643 §4.2)`,
    );
  }
  const type = getIgnoringCase(item, "type");
  if (type === undefined || type === null) return { value: id };
  const allowed = def.subAttributes?.find((s) => s.name === "type")?.canonicalValues;
  if (allowed === undefined && typeof type === "string") return { value: id, type };
  const canonical =
    typeof type === "string" ? allowed?.find((c) => c.toLowerCase() === type.toLowerCase()) : undefined;
  if (canonical === undefined) {
    const list = (allowed ?? []).map((c) => `"${c}"`).join(", ");
    throw operationError(op, "invalidValue", `${where}.type must be one of ${list} (RFC 7643 §4.2)`);
  }
  return { value: id, type: canonical };
}
