// GET /{endpoint}/{id} (RFC 7644 §3.4.1): the resource, projected by attributes/excludedAttributes
// (§3.9), with `Location` and `ETag`. An If-None-Match naming the current version answers 304 without a
// body (RFC 7644 §3.14, RFC 7232 §3.2). Members and groups are loaded only when the projection returns them.
import { evaluatePreconditions } from "../../protocol/resource/etag.js";
import type {
  NotModifiedResult,
  OperationContext,
  Preconditions,
  ProjectionQuery,
  ResourceResult,
} from "../operation-context.js";
import { ifMatchFailed } from "./preconditions.js";
import { bindingByEndpoint, locationOf, resourceNotFound, scopeOf } from "./resource-binding.js";
import { project, requestProjection } from "./resource-projection.js";
import { resourceResult } from "./resource-result.js";
import { viewOf } from "./resource-view.js";

export async function getResource(
  ctx: OperationContext,
  endpoint: string,
  id: string,
  query: ProjectionQuery = {},
  conditions: Preconditions = {},
): Promise<ResourceResult | NotModifiedResult> {
  const binding = bindingByEndpoint(ctx, endpoint);
  const wanted = requestProjection(ctx, binding, query);
  const entry = await ctx.store.get(scopeOf(ctx, binding), id, { members: wanted.members });
  if (entry === undefined) throw resourceNotFound(binding, id);
  const version = String(entry.meta.version);
  const outcome = evaluatePreconditions({ method: "GET", ...conditions, version });
  if (outcome === "notModified") {
    return { kind: "notModified", location: locationOf(ctx, binding, id), etag: `W/"${version}"` };
  }
  if (outcome === "preconditionFailed") throw ifMatchFailed(binding, id);
  const view = await viewOf(ctx, binding, entry, { groups: wanted.groups });
  return resourceResult(view, project(wanted, view));
}
