// The harness's PATCH model (RFC 7644 §3.5.2): operations applied in order, each to the result of the
// previous one, all or nothing ("If a single operation encounters an error condition, the original
// SCIM resource MUST be restored"). Where RFC 7644 allows more than one outcome the model keeps every
// allowed one (a branch), so the property "the target's result is one the model allows, or the target
// refused the whole request and changed nothing" is exact without being stricter than the RFC.
import type { JsonObject } from "../../json/json.js";
import { cloneJson } from "../../json/json.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import { applyAssign } from "./apply-assign-op.js";
import { applyRemove } from "./apply-remove.js";
import { collapsedVariants, partialDuplicates, refuseNewDuplicates } from "./duplicate-values.js";
import type { PatchOperation } from "./patch-ast.js";
import type { Branch } from "./patch-state.js";
import { canonicalText, state } from "./patch-state.js";

export interface PatchRefusal {
  /** True when every allowed outcome is a refusal: the target must answer 4xx and change nothing. */
  readonly required: boolean;
  /** The scimTypes RFC 7644 §3.12 Table 9 names for the refusal. */
  readonly scimTypes: readonly string[];
  readonly reasons: readonly string[];
  /** The first operation (0-based) a refusal comes from. */
  readonly operation: number;
}

export interface PatchOutcome {
  /** The states the resource may be in after the target applies the request; empty when it must refuse. */
  readonly states: readonly JsonObject[];
  /** Present when refusing the request is required or allowed. */
  readonly refusal?: PatchRefusal;
}

export interface ApplyOptions {
  /** Most outcome branches kept; beyond it the oldest alternatives are dropped. Default 32. */
  readonly maxBranches?: number;
}

function dedupe(branches: readonly Branch[], max: number): Branch[] {
  const seen = new Set<string>();
  const out: Branch[] = [];
  for (const b of branches) {
    const key = b.kind === "state" ? `s${canonicalText(b.resource)}` : `r${b.scimTypes.join(",")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(b);
  }
  return out.slice(0, max);
}

/**
 * Applies `operations` to `resource` (the target's representation before the PATCH) on private copies.
 * Throws PatchModelGap for an operation whose outcome RFC 7644 does not determine.
 */
export function applyPatch(
  type: ResourceTypeModel,
  resource: JsonObject,
  operations: readonly PatchOperation[],
  options: ApplyOptions = {},
): PatchOutcome {
  const max = options.maxBranches ?? 32;
  let branches: Branch[] = [state(cloneJson(resource))];
  let firstRefusal = -1;
  const duplicatesBefore = partialDuplicates(type, resource);
  operations.forEach((op, index) => {
    branches = dedupe(
      branches.flatMap((b) => {
        if (b.kind === "refused") return [b];
        const next =
          op.op === "remove"
            ? applyRemove(type, b.resource, op)
            : applyAssign(type, b.resource, op as PatchOperation & { op: "add" | "replace" });
        return next;
      }),
      max,
    );
    refuseNewDuplicates(type, duplicatesBefore, branches, index);
    if (firstRefusal < 0 && branches.some((b) => b.kind === "refused")) firstRefusal = index;
  });
  const applied = branches.flatMap((b) => (b.kind === "state" ? [b.resource] : []));
  const states = dedupe(
    // Every state the operations lead to first, so that the cap never drops one for a settlement of
    // duplicates; settlements multiply per attribute, so they get a larger cap of their own.
    [...applied, ...applied.flatMap((s) => collapsedVariants(type, s))].map(state),
    max * 4,
  ).flatMap((b) => (b.kind === "state" ? [b.resource] : []));
  const refusals = branches.flatMap((b) => (b.kind === "refused" ? [b] : []));
  if (refusals.length === 0) return { states };
  return {
    states,
    refusal: {
      required: states.length === 0,
      scimTypes: [...new Set(refusals.flatMap((r) => r.scimTypes))],
      reasons: refusals.map((r) => r.reason),
      operation: firstRefusal,
    },
  };
}
