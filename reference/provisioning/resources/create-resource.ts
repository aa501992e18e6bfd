// POST /{endpoint}: create a resource (RFC 7644 §3.3). The body is validated and normalised against the
// schemas (readOnly values ignored, names canonical), stored through the write mapping, and answered with
// 201, the resource as stored (read mapping, then projection), `Location` = `meta.location` and `ETag` =
// `meta.version`. A uniqueness collision is the datastore's 409 `uniqueness` (RFC 7644 §3.3).
import { rewriteResourceBody } from "../../protocol/compat/rewrite-resource.js";
import { errorFromIssues } from "../../protocol/errors/issues.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { validateForCreate } from "../../protocol/schema/validate-resource.js";
import type {
  OperationContext,
  ProjectionQuery,
  ResourceResult,
  ResultOptions,
} from "../operation-context.js";
import type { PipelineServices } from "../pipeline-services.js";
import { bindingByEndpoint, scopeOf } from "./resource-binding.js";
import { project, requestProjection } from "./resource-projection.js";
import { bodilessResult, resourceResult } from "./resource-result.js";
import { viewOf } from "./resource-view.js";
import { membersOf, passwordHashOf, writeAttributes } from "./write-model.js";

export async function createResource(
  services: PipelineServices,
  ctx: OperationContext,
  endpoint: string,
  body: JsonObject,
  query: ProjectionQuery = {},
  options: ResultOptions = {},
): Promise<ResourceResult> {
  const binding = bindingByEndpoint(ctx, endpoint);
  // Resolved before anything is written, so a bad attributes parameter fails the request cleanly.
  const wanted = options.body === false ? undefined : requestProjection(ctx, binding, query);
  // The client compatibility step (Entra ID quirks), before the strict validation.
  const rewritten = rewriteResourceBody(ctx.connection.compatibility, body, {
    registry: ctx.connection.registry,
    resourceType: binding.definition,
  });
  const validated = validateForCreate(
    ctx.connection.registry,
    binding.definition,
    rewritten,
    services.validation,
  );
  if (!validated.ok) throw errorFromIssues(validated.issues);
  const resource = validated.resource;
  const scope = scopeOf(ctx, binding);
  const members = binding.mapping.plan.hasMembers ? await membersOf(ctx, resource) : undefined;
  const passwordHash = await passwordHashOf(services.hasher, resource);
  const created = await ctx.store.create(scope, {
    attributes: await writeAttributes(ctx, binding, resource),
    ...(passwordHash === undefined ? {} : { passwordHash }),
    ...(members === undefined ? {} : { members }),
  });
  if (wanted === undefined) return bodilessResult(ctx, binding, created);
  // The store answers without members; read them back only when the response shows them.
  const entry =
    wanted.members && created.members === undefined && members !== undefined && members.length > 0
      ? ((await ctx.store.get(scope, created.id, { members: true })) ?? created)
      : created;
  // A resource created just now is nobody's member yet (its id did not exist), so its derived `groups`
  // (RFC 7643 §4.1.2) is empty: no membership walk is needed to know it.
  const view = await viewOf(ctx, binding, entry, { groups: false });
  return resourceResult(view, project(wanted, view, resource));
}
