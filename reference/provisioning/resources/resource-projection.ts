// The projection of one request (RFC 7644 §3.4.2.5, §3.9), resolved once, plus what it lets the pipeline
// skip loading: Group `members` when they will not be returned, User `groups` likewise (issue: "an
// excluded `members` is never loaded").
import type { ResourceBinding } from "../../connections/connection.js";
import { errorFromIssues } from "../../protocol/errors/issues.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { applyProjection, projectionNeeds } from "../../protocol/resource/project.js";
import { projectionFromParams, type ResolvedProjection } from "../../protocol/resource/projection.js";
import type { OperationContext, ProjectionQuery } from "../operation-context.js";
import { hasGroupsAttribute } from "./resource-view.js";

export interface RequestProjection {
  readonly projection: ResolvedProjection;
  readonly members: boolean;
  readonly groups: boolean;
}

/**
 * Resolved projections by resource type and parameters: most requests ask for the same few (none,
 * `excludedAttributes=members`…), and resolving walks every attribute of the schemas. Bounded per type.
 */
const cache = new WeakMap<ResourceBinding, Map<string, RequestProjection>>();
const cachePerType = 64;

export function requestProjection(
  ctx: OperationContext,
  binding: ResourceBinding,
  query: ProjectionQuery,
): RequestProjection {
  const key = `${query.attributes ?? ""}\u0000${query.excludedAttributes ?? ""}`;
  let byQuery = cache.get(binding);
  const hit = byQuery?.get(key);
  if (hit !== undefined) return hit;
  const resolved = resolveRequestProjection(ctx, binding, query);
  if (byQuery === undefined) {
    byQuery = new Map();
    cache.set(binding, byQuery);
  }
  if (byQuery.size < cachePerType) byQuery.set(key, resolved);
  return resolved;
}

function resolveRequestProjection(
  ctx: OperationContext,
  binding: ResourceBinding,
  query: ProjectionQuery,
): RequestProjection {
  const result = projectionFromParams(ctx.connection.registry, binding.definition, {
    attributes: query.attributes === "" ? undefined : query.attributes,
    excludedAttributes: query.excludedAttributes === "" ? undefined : query.excludedAttributes,
  });
  if (!result.ok) throw errorFromIssues(result.issues);
  const needs = projectionNeeds(result.projection);
  return {
    projection: result.projection,
    members: needs.members && binding.mapping.plan.hasMembers,
    groups: needs.groups && hasGroupsAttribute(ctx, binding),
  };
}

export function project(p: RequestProjection, resource: JsonObject, written?: JsonObject): JsonObject {
  return applyProjection(p.projection, resource, { written });
}
