// PUT /{endpoint}/{id} (RFC 7644 §3.5.1): replace the client-owned state of a resource. readOnly values are
// ignored, an immutable value may not change (400 `mutability`), an unknown id is 404 and never creates.
// Omitted attributes are cleared, which §3.5.1 allows ("MAY be cleared"); two exceptions keep what the
// client cannot see: an omitted writeOnly `password` stays as it was (it is never returned, so a client
// that PUTs what it read would otherwise wipe it), and Group members are replaced by the list sent (none
// sent: the group is emptied). Runs as an optimistic read-modify-write (read-modify-write.ts).
import { rewriteResourceBody } from "../../protocol/compat/rewrite-resource.js";
import { errorFromIssues } from "../../protocol/errors/issues.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { validateForReplace } from "../../protocol/schema/validate-resource.js";
import type {
  OperationContext,
  Preconditions,
  ProjectionQuery,
  ResourceResult,
  ResultOptions,
} from "../operation-context.js";
import type { PipelineServices } from "../pipeline-services.js";
import { checkWritePreconditions, pinsVersion } from "./preconditions.js";
import { inWriteTransaction, withWriteRetries } from "./read-modify-write.js";
import { bindingByEndpoint, resourceNotFound, scopeOf } from "./resource-binding.js";
import { project, requestProjection } from "./resource-projection.js";
import { bodilessResult, resourceResult } from "./resource-result.js";
import { viewOf } from "./resource-view.js";
import { membersOf, passwordHashOf, writeAttributes } from "./write-model.js";

export async function replaceResource(
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
  // The client compatibility step (Entra ID quirks), before the strict validation.
  const rewritten = rewriteResourceBody(ctx.connection.compatibility, body, {
    registry: ctx.connection.registry,
    resourceType: binding.definition,
  });
  const hasMembers = binding.mapping.plan.hasMembers;
  // The password is hashed once, outside the retry loop: scrypt is the expensive part.
  let passwordHash: string | undefined;
  let hashedFor: unknown;

  const { updated, written } = await withWriteRetries(
    ctx,
    services.limits.writeRetries,
    pinsVersion(conditions),
    () =>
      inWriteTransaction(ctx, async (tx) => {
        const entry = await tx.store.get(scope, id, { members: false, forUpdate: true });
        if (entry === undefined) throw resourceNotFound(binding, id);
        checkWritePreconditions(binding, id, conditions, entry.meta.version);
        const existing = await viewOf(tx, binding, entry, { groups: false });
        const validated = validateForReplace(
          ctx.connection.registry,
          binding.definition,
          rewritten,
          existing,
          services.validation,
        );
        if (!validated.ok) throw errorFromIssues(validated.issues);
        const resource = validated.resource;
        if (resource.password !== hashedFor) {
          passwordHash = await passwordHashOf(services.hasher, resource);
          hashedFor = resource.password;
        }
        const members = hasMembers ? ((await membersOf(tx, resource)) ?? []) : undefined;
        const result = await tx.store.update(
          scope,
          id,
          {
            attributes: await writeAttributes(tx, binding, resource),
            ...(passwordHash === undefined ? {} : { passwordHash }),
            ...(members === undefined ? {} : { members: { replaceAll: members, add: [], remove: [] } }),
          },
          { ifVersion: entry.meta.version },
        );
        return { updated: result, written: resource };
      }),
  );
  if (options.body === false) return bodilessResult(ctx, binding, updated);
  const entry =
    wanted.members && hasMembers ? ((await ctx.store.get(scope, id, { members: true })) ?? updated) : updated;
  const view = await viewOf(ctx, binding, entry, { groups: wanted.groups });
  return resourceResult(view, project(wanted, view, written as JsonObject));
}
