// The PATCH engine (RFC 7644 §3.5.2). Operations are applied in request order to a private deep copy of
// the resource; the result is validated as a whole resource (validate-resource.ts, mode "patch-result")
// and only then returned. Any failure throws a ScimError and the caller's resource is untouched:
// "A PATCH request, regardless of the number of operations, SHALL be treated as atomic. If a single
// operation encounters an error condition, the original SCIM resource MUST be restored" (§3.5.2).
//
// How a server runs a PATCH (reference/provisioning/resources/patch-resource.ts does exactly this):
//   request = preparePatchRequest(connection layers, body, ctx)      (compat/; strict with no layer)
//   plan    = planPatch(ctx, request)                                 (needsMembers?)
//   current = the resource in SCIM form, with `members` only if plan.needsMembers
//   result  = applyPatch(ctx, current, request, { members: plan.needsMembers ? "loaded" : "deferred" })
//   write nothing when !result.changed && !result.membership; else write result.resource (minus
//   engine-owned fields), result.membership as the datastore's MembershipChange, and hash a password
//   found in result.writeOnly (null clears it).
import { errorFromIssues } from "../errors/issues.js";
import type { JsonObject, JsonValue, ScimResource } from "../resource/json.js";
import { normaliseResource } from "../schema/normalise-resource.js";
import { defaultValidationOptions, validateResource } from "../schema/validate-resource.js";
import { applyOperation, type Draft } from "./apply-operation.js";
import { getIgnoringCase, setIgnoringCase } from "./attribute-slot.js";
import { jsonEqual } from "./json-equal.js";
import { diffMembers, MembershipComposer, type MembershipDelta } from "./membership.js";
import type { PatchContext } from "./patch-context.js";
import type { PatchRequest } from "./patch-request.js";
import { planPatch } from "./plan-patch.js";

export interface PatchOptions {
  /**
   * "loaded": `current` holds the complete `members` list and member operations apply to it.
   * "deferred": `current` holds no members (never loaded); member operations become `membership`.
   * Use "deferred" exactly when planPatch(...).needsMembers is false.
   */
  readonly members: "loaded" | "deferred";
}

export interface WriteOnlyChange {
  /** Canonical path, e.g. "password". */
  readonly path: string;
  /** The new value, or null when the request removed it. */
  readonly value: JsonValue | null;
}

export interface PatchResult {
  /**
   * The normalised writable state after the request (validation-types.ts): canonical names, no readOnly
   * values (`id`, `meta`, `groups`), `schemas` rebuilt, writeOnly values that the request set included,
   * `members` only in "loaded" mode.
   */
  readonly resource: ScimResource;
  /**
   * Whether the attributes (Group members aside) or a writeOnly value changed. False means the server
   * may skip the write and keep `meta.lastModified` and the version: RFC 7644 §3.5.2.1 "If the target
   * location already contains the value specified, no changes SHOULD be made to the resource ... this
   * operation SHALL NOT change the modify timestamp of the resource."
   */
  readonly changed: boolean;
  /** The member change to write, or undefined when the request changes no member. */
  readonly membership: MembershipDelta | undefined;
  readonly writeOnly: readonly WriteOnlyChange[];
}

function withoutMembers(resource: JsonObject): JsonObject {
  const copy = { ...resource };
  setIgnoringCase(copy, "members", undefined);
  return copy;
}

export function applyPatch(
  ctx: PatchContext,
  current: ScimResource,
  request: PatchRequest,
  options: PatchOptions,
): PatchResult {
  const deferred = options.members === "deferred";
  if (deferred && planPatch(ctx, request).needsMembers) {
    throw new Error('applyPatch: this request needs the member list; load it and use members: "loaded"');
  }
  const draft: Draft = {
    resource: structuredClone(current),
    original: current,
    members: deferred ? new MembershipComposer() : undefined,
    writeOnly: new Map(),
  };
  for (const op of request.operations) applyOperation(ctx, draft, op);

  const { registry, resourceType: rt } = ctx;
  // Group members carry no immutable value the validator compares (immutable.ts), and comparing for
  // `changed` leaves them aside, so neither pass walks a member list that may hold 100 000 entries.
  const existing = withoutMembers(current);
  const validated = validateResource(
    registry,
    rt,
    draft.resource,
    { mode: "patch-result", existing },
    ctx.validation,
  );
  if (!validated.ok) throw errorFromIssues(validated.issues);

  // The stored resource is compared in the same normalised form, so spelling and key order never count
  // as a change.
  const before = normaliseResource(registry, rt, existing, {
    options: { ...defaultValidationOptions, ...ctx.validation, unknownAttributes: "ignore" },
    reportIgnored: false,
    requireSchemas: false,
  }).resource;
  const writeOnly = [...draft.writeOnly].map(([path, value]) => Object.freeze({ path, value }));
  const changed = writeOnly.length > 0 || !jsonEqual(before, withoutMembers(validated.resource));
  const membership = deferred
    ? draft.members?.delta()
    : diffMembers(getIgnoringCase(current, "members"), getIgnoringCase(validated.resource, "members"));
  return Object.freeze({
    resource: validated.resource,
    changed,
    membership,
    writeOnly: Object.freeze(writeOnly),
  });
}
