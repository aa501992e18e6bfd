// Dispatches one PATCH operation (RFC 7644 §3.5.2) to what it targets: the resource itself (no path:
// the value is a map of attributes, §3.5.2.1 and §3.5.2.3), a whole schema extension, or one attribute.
// Mutability is checked here, before any value is looked at: readOnly targets are refused (RFC 7643
// §2.2, RFC 7644 §3.5.2), writeOnly values are recorded for the caller, and Group members are diverted to
// the membership delta when the engine runs without the member list.

import { isAttrName } from "../path/attr-path-syntax.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../resource/json.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import { sameValue } from "../schema/same-value.js";
import { applyToAttribute } from "./apply-attribute.js";
import { getIgnoringCase, readAttribute } from "./attribute-slot.js";
import { coerceWhole, isReferenceList } from "./coerce-value.js";
import { type MembershipComposer, memberIdsOf, memberInputsOf } from "./membership.js";
import type { PatchContext } from "./patch-context.js";
import { operationError, type PatchOperation } from "./patch-request.js";
import { type AttributeTarget, resolvePatchTarget, wholeAttribute } from "./patch-target.js";

const lower = (s: string) => s.toLowerCase();

/** The engine's working state for one request. */
export interface Draft {
  /** A deep copy of the resource; operations change it in place, in order. */
  readonly resource: JsonObject;
  /** The resource as it was before the request, for the Okta "unchanged readOnly" leniency. */
  readonly original: JsonObject;
  /** Set when members are not loaded: member operations fold into a delta instead. */
  readonly members: MembershipComposer | undefined;
  /** writeOnly values set (or cleared, null) by the request, by canonical path, e.g. "password". */
  readonly writeOnly: Map<string, JsonValue | null>;
}

/** Group `members` (RFC 7643 §4.2): the attribute whose operations can run without its values. */
export function isMembersAttribute(attr: ResolvedAttribute): boolean {
  return !attr.extension && lower(attr.attribute.name) === "members" && isReferenceList(attr.attribute);
}

export function applyOperation(ctx: PatchContext, draft: Draft, op: PatchOperation): void {
  if (op.path === undefined) {
    applyAttributeMap(ctx, draft, op, op.value, undefined);
    return;
  }
  const target = resolvePatchTarget(ctx, { ...op, path: op.path });
  if (target.kind === "extension") {
    if (op.op === "remove") removeExtension(ctx, draft, op, target.schema);
    else applyAttributeMap(ctx, draft, op, op.value, target.schema);
    return;
  }
  applyTarget(ctx, draft, op, target);
}

function applyTarget(ctx: PatchContext, draft: Draft, op: PatchOperation, target: AttributeTarget): void {
  const { attr, sub } = target;
  if (attr.attribute.mutability === "readOnly" || sub?.mutability === "readOnly") {
    const name = sub === undefined ? attr.path : `${attr.path}.${sub.name}`;
    throw operationError(op, "mutability", `${name} is readOnly (RFC 7643 §2.2, RFC 7644 §3.5.2)`);
  }
  if (draft.members !== undefined && isMembersAttribute(attr)) {
    applyMembers(ctx, draft.members, op, target);
    return;
  }
  if (attr.attribute.mutability === "writeOnly" && target.filter === undefined && sub === undefined) {
    // The current value is never returned (RFC 7643 §2.2 writeOnly), so the caller learns of the new one here.
    const value = op.op === "remove" || op.value === null ? null : (op.value ?? null);
    draft.writeOnly.set(attr.path, value === null ? null : (coerceWhole(ctx, op, attr, value) ?? null));
  }
  applyToAttribute(ctx, draft.resource, op, target);
}

/**
 * Member operations without the member list (planPatch decided they can): add, replace and remove of
 * `members` and removal by `value eq` filters become a MembershipDelta.
 */
function applyMembers(
  ctx: PatchContext,
  members: MembershipComposer,
  op: PatchOperation,
  target: AttributeTarget,
): void {
  if (target.sub === undefined && target.filter === undefined) {
    if (op.op === "remove") members.replace([]);
    else {
      const given = memberInputsOf(coerceWhole(ctx, op, target.attr, op.value ?? null));
      if (op.op === "replace") members.replace(given);
      else members.add(given);
    }
    return;
  }
  const ids =
    target.filter === undefined || target.sub !== undefined ? undefined : memberIdsOf(target.filter);
  if (op.op !== "remove" || ids === undefined) {
    throw new Error(
      `PATCH engine: ${op.op} ${op.path ?? ""} needs the member list; planPatch should have said so`,
    );
  }
  members.remove(ids);
}

/**
 * A map of attributes (no-path add/replace, RFC 7644 §3.5.2.1 "The 'value' parameter contains a set of
 * attributes to be added to the resource", §3.5.2.3), or the value of a whole extension when `schema` is
 * set. Each key is applied as if it were the path of its own operation.
 */
function applyAttributeMap(
  ctx: PatchContext,
  draft: Draft,
  op: PatchOperation,
  value: JsonValue | undefined,
  schema: string | undefined,
): void {
  if (value === null && schema !== undefined) {
    // An extension set to null is unassigned as a whole (RFC 7643 §2.5).
    if (op.op === "replace") removeExtension(ctx, draft, op, schema);
    return;
  }
  if (!isJsonObject(value)) {
    throw operationError(
      op,
      "invalidValue",
      "the value must be an object of attributes (RFC 7644 §3.5.2.1, §3.5.2.3)",
    );
  }
  const { registry, resourceType: rt } = ctx;
  for (const [key, entry] of Object.entries(value)) {
    if (schema === undefined && lower(key) === "schemas") {
      applySchemasKey(draft, op, entry);
      continue;
    }
    const extension =
      schema === undefined ? rt.schemaExtensions.find((e) => lower(e.schema) === lower(key)) : undefined;
    if (extension !== undefined) {
      applyAttributeMap(ctx, draft, { ...op, value: entry }, entry, extension.schema);
      continue;
    }
    if (!isAttrName(key)) {
      throw operationError(
        op,
        "invalidPath",
        `"${key}" in the value is not an attribute name; name sub-attributes and extension attributes inside their objects (RFC 7643 §2.1, §3.3)`,
      );
    }
    const resolved = registry.resolve(rt, { kind: "attrPath", schema, name: key, subAttr: undefined });
    if (resolved?.kind !== "attribute") {
      if ((ctx.validation?.unknownAttributes ?? "ignore") === "reject") {
        throw operationError(
          op,
          "invalidValue",
          `"${key}" is not an attribute of resource type ${rt.name} (RFC 7644 §3.12)`,
        );
      }
      continue; // RFC 7644 §3.3 lets the server ignore what its schemas do not define, as POST and PUT do.
    }
    if (resolved.attribute.mutability === "readOnly" && unchangedReadOnly(draft, op, resolved, entry))
      continue;
    applyTarget(ctx, draft, { ...op, value: entry }, wholeAttribute(resolved));
  }
}

/** Okta sends a group's unchanged `id` inside a no-path replace; its layer lets equal readOnly values pass. */
function unchangedReadOnly(
  draft: Draft,
  op: PatchOperation,
  attr: ResolvedAttribute,
  value: JsonValue,
): boolean {
  return (
    op.leniency?.ignoreUnchangedReadOnly === true &&
    sameValue(attr.attribute, readAttribute(draft.original, attr), value)
  );
}

/**
 * `schemas` is derived from the attributes present (RFC 7643 §3; validate-resource.ts rebuilds it), so a
 * client cannot set it. Okta repeats it unchanged in no-path replaces; its layer lets that pass.
 */
function applySchemasKey(draft: Draft, op: PatchOperation, value: JsonValue): void {
  const current = getIgnoringCase(draft.original, "schemas");
  const asSet = (v: JsonValue | undefined) =>
    new Set((Array.isArray(v) ? v : []).map((s) => (typeof s === "string" ? lower(s) : JSON.stringify(s))));
  const a = asSet(current);
  const b = asSet(value);
  const same = a.size === b.size && [...a].every((s) => b.has(s));
  if (op.leniency?.ignoreUnchangedReadOnly && same) return;
  throw operationError(
    op,
    "mutability",
    "schemas is set by the server from the attributes present (RFC 7643 §3)",
  );
}

/** remove of a whole extension: each of its attributes is removed, so required ones still refuse. */
function removeExtension(ctx: PatchContext, draft: Draft, op: PatchOperation, schema: string): void {
  const ext = ctx.resourceType.schemaExtensions.find((e) => lower(e.schema) === lower(schema));
  if (ext?.required) {
    throw operationError(
      op,
      "mutability",
      `resource type ${ctx.resourceType.name} requires the extension ${schema} (RFC 7643 §6)`,
    );
  }
  for (const def of ctx.registry.schema(schema)?.attributes ?? []) {
    if (def.mutability === "readOnly") continue;
    const attr = ctx.registry.resolve(ctx.resourceType, {
      kind: "attrPath",
      schema,
      name: def.name,
      subAttr: undefined,
    });
    if (attr?.kind === "attribute" && readAttribute(draft.resource, attr) !== undefined) {
      applyTarget(ctx, draft, { ...op, op: "remove", value: undefined }, wholeAttribute(attr));
    }
  }
}
