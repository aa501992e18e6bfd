// The first pass over a PATCH request: does applying it need the group's member list? (issue "Groups at
// scale": adding or removing one member must cost O(changed members), independent of group size.)
// Member operations that name the ids they add or remove do not; only filters that select members by
// something else (`members[display eq "x"]`, `members[type eq "User"]`, `value sw "a"`), a replace with a
// filter (it must fail with noTarget when nothing matches, RFC 7644 §3.5.2.3) or a sub-attribute path on
// members do. planPatch never throws: a request it cannot classify is classified by applyPatch's errors.

import { ScimError } from "../errors/scim-error.js";
import { isJsonObject } from "../resource/json.js";
import { isMembersAttribute } from "./apply-operation.js";
import { keyOf } from "./attribute-slot.js";
import { memberIdsOf } from "./membership.js";
import type { PatchContext } from "./patch-context.js";
import type { PatchOperation, PatchRequest } from "./patch-request.js";
import { resolvePatchTarget } from "./patch-target.js";

export interface PatchPlan {
  /** The request contains a member operation that only the full member list can answer. */
  readonly needsMembers: boolean;
  /** The request changes (or may change) Group members at all. */
  readonly touchesMembers: boolean;
}

type Need = "none" | "delta" | "list";

function needOf(ctx: PatchContext, op: PatchOperation): Need {
  if (op.path === undefined) {
    const hasMembers = ctx.registry.resolve(ctx.resourceType, {
      kind: "attrPath",
      schema: undefined,
      name: "members",
      subAttr: undefined,
    });
    const isMembers = hasMembers?.kind === "attribute" && isMembersAttribute(hasMembers);
    return isMembers && isJsonObject(op.value) && keyOf(op.value, "members") !== undefined ? "delta" : "none";
  }
  let target: ReturnType<typeof resolvePatchTarget>;
  try {
    target = resolvePatchTarget(ctx, { ...op, path: op.path });
  } catch (error) {
    if (error instanceof ScimError) return "none";
    throw error;
  }
  if (target.kind !== "attribute" || !isMembersAttribute(target.attr)) return "none";
  if (target.sub === undefined && target.filter === undefined) return "delta";
  if (
    op.op === "remove" &&
    target.sub === undefined &&
    target.filter !== undefined &&
    memberIdsOf(target.filter) !== undefined
  ) {
    return "delta";
  }
  return "list";
}

export function planPatch(ctx: PatchContext, request: PatchRequest): PatchPlan {
  const needs = request.operations.map((op) => needOf(ctx, op));
  return Object.freeze({
    needsMembers: needs.includes("list"),
    touchesMembers: needs.some((n) => n !== "none"),
  });
}
