// PATCH /{endpoint}/{id} (RFC 7644 §3.5.2). The PATCH engine (protocol/patch) applies the operations in
// order to a private copy and validates the outcome, so a failing operation leaves the resource untouched
// (§3.5.2 "SHALL be treated as atomic"). Member operations that name ids become a membership change the
// datastore applies in O(changed members) without loading the group (issue "Groups at scale"); only
// filters that select members by other sub-attributes load the list. A PATCH that changes nothing writes
// nothing and keeps `meta.lastModified` and the version (§3.5.2.1). Runs as a read-modify-write on the
// entry read forUpdate (read-modify-write.ts), so concurrent PATCHes without If-Match never lose an update.
import type { MembershipChange } from "../../datastore/datastore.js";
import { preparePatchRequest } from "../../protocol/compat/rewrite-patch.js";
import { applyPatch } from "../../protocol/patch/apply-patch.js";
import type { MembershipDelta } from "../../protocol/patch/membership.js";
import type { PatchContext } from "../../protocol/patch/patch-context.js";
import { planPatch } from "../../protocol/patch/plan-patch.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import type {
  OperationContext,
  Preconditions,
  ProjectionQuery,
  ResourceResult,
  ResultOptions,
} from "../operation-context.js";
import type { PipelineServices } from "../pipeline-services.js";
import { effectiveMembership } from "./membership-effect.js";
import { checkWritePreconditions, pinsVersion } from "./preconditions.js";
import { inWriteTransaction, withWriteRetries } from "./read-modify-write.js";
import { bindingByEndpoint, resourceNotFound, scopeOf } from "./resource-binding.js";
import { project, requestProjection } from "./resource-projection.js";
import { bodilessResult, resourceResult } from "./resource-result.js";
import { viewOf } from "./resource-view.js";
import { memberRefs, writeAttributes } from "./write-model.js";

async function membershipChange(ctx: OperationContext, delta: MembershipDelta): Promise<MembershipChange> {
  return {
    ...(delta.replaceAll === undefined ? {} : { replaceAll: await memberRefs(ctx, delta.replaceAll) }),
    add: await memberRefs(ctx, delta.add),
    remove: delta.remove,
  };
}

export async function patchResource(
  services: PipelineServices,
  ctx: OperationContext,
  endpoint: string,
  id: string,
  body: JsonObject,
  query: ProjectionQuery = {},
  conditions: Preconditions = {},
  options: ResultOptions = {},
): Promise<ResourceResult> {
  const binding = bindingByEndpoint(ctx, endpoint);
  const wanted = requestProjection(ctx, binding, query);
  const scope = scopeOf(ctx, binding);
  const patchContext: PatchContext = {
    registry: ctx.connection.registry,
    resourceType: binding.definition,
    validation: services.validation,
  };
  // Parsing goes through the connection's compatibility layers (Entra ID, Okta); none on is strict RFC.
  const request = preparePatchRequest(ctx.connection.compatibility, body, patchContext);
  const loadMembers = planPatch(patchContext, request).needsMembers;

  const outcome = await withWriteRetries(ctx, services.limits.writeRetries, pinsVersion(conditions), () =>
    inWriteTransaction(ctx, async (tx) => {
      const entry = await tx.store.get(scope, id, { members: loadMembers, forUpdate: true });
      if (entry === undefined) throw resourceNotFound(binding, id);
      checkWritePreconditions(binding, id, conditions, entry.meta.version);
      const current = await viewOf(tx, binding, entry, { groups: false });
      const result = applyPatch(patchContext, current, request, {
        members: loadMembers ? "loaded" : "deferred",
      });
      const membership =
        result.membership === undefined || loadMembers
          ? result.membership
          : await effectiveMembership(tx, binding, scope, id, result.membership);
      if (!result.changed && membership === undefined) {
        return { entry, written: result.resource, wrote: false };
      }
      const password = result.writeOnly.find((w) => w.path === "password");
      const passwordHash =
        password === undefined
          ? undefined
          : typeof password.value === "string"
            ? await services.hasher.hash(password.value)
            : null;
      const updated = await tx.store.update(
        scope,
        id,
        {
          ...(result.changed ? { attributes: await writeAttributes(tx, binding, result.resource) } : {}),
          ...(passwordHash === undefined ? {} : { passwordHash }),
          ...(membership === undefined ? {} : { members: await membershipChange(tx, membership) }),
        },
        { ifVersion: entry.meta.version },
      );
      return { entry: updated, written: result.resource, wrote: true };
    }),
  );
  if (!outcome.wrote) ctx.log.info({ id }, "PATCH changed nothing; nothing written (RFC 7644 §3.5.2.1)");
  if (options.body === false) return bodilessResult(ctx, binding, outcome.entry);
  const needsReload =
    wanted.members && binding.mapping.plan.hasMembers && outcome.entry.members === undefined;
  const entry = needsReload
    ? ((await ctx.store.get(scope, id, { members: true })) ?? outcome.entry)
    : outcome.entry;
  const view = await viewOf(ctx, binding, entry, { groups: wanted.groups });
  return resourceResult(view, project(wanted, view, outcome.written as JsonObject));
}
