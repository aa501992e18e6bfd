// DELETE /{endpoint}/{id} (RFC 7644 §3.6): 204, after which every operation on the id answers 404 and no
// query returns it. The connection decides whether the entry is removed or kept disabled (PingFederate
// `actionOnDelete`); either way it is gone for SCIM. With If-Match or If-None-Match, the version is checked first and again
// atomically by the datastore (412 on a mismatch, RFC 7644 §3.14).
import type { OperationContext, Preconditions } from "../operation-context.js";
import { checkWritePreconditions, pinsVersion } from "./preconditions.js";
import { bindingByEndpoint, resourceNotFound, scopeOf } from "./resource-binding.js";

export async function deleteResource(
  ctx: OperationContext,
  endpoint: string,
  id: string,
  conditions: Preconditions = {},
): Promise<void> {
  const binding = bindingByEndpoint(ctx, endpoint);
  const scope = scopeOf(ctx, binding);
  if (!pinsVersion(conditions)) {
    await ctx.store.delete(scope, id, binding.deleteMode);
    return;
  }
  const entry = await ctx.store.get(scope, id, { members: false });
  if (entry === undefined) throw resourceNotFound(binding, id);
  checkWritePreconditions(binding, id, conditions, entry.meta.version);
  await ctx.store.delete(scope, id, binding.deleteMode, { ifVersion: entry.meta.version });
}
