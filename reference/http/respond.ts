// Turning pipeline results into HTTP responses: single resources carry `Location` (= meta.location,
// RFC 7644 §3.1; on every single-resource answer, as in the §3.4.1 example) and `ETag` (= meta.version,
// RFC 7644 §3.14); 304 answers carry the same headers and no body (RFC 7232 §4.1).
import type {
  NotModifiedResult,
  OperationContext,
  Preconditions,
  ProjectionQuery,
  ResourceResult,
} from "../provisioning/operation-context.js";
import { authenticated, type ScimContext } from "./scim-state.js";

export function operationContext(ctx: ScimContext): OperationContext {
  const auth = authenticated(ctx);
  return {
    connection: auth.connection,
    store: auth.connection.datastore,
    baseUrl: ctx.state.baseUrl,
    mapping: { connectionId: auth.connection.id, clientAddress: ctx.ip, requestId: ctx.state.requestId },
    // Read when the pipeline logs, not now: the request's child logger is made on first use (request-context.ts).
    get log() {
      return ctx.state.log;
    },
  };
}

function queryText(ctx: ScimContext, name: string): string | undefined {
  const key = Object.keys(ctx.query).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : ctx.query[key];
  return Array.isArray(value) ? value.join(",") : value;
}

/** attributes/excludedAttributes from the URL (RFC 7644 §3.9), for every single-resource operation. */
export function projectionQuery(ctx: ScimContext): ProjectionQuery {
  return {
    attributes: queryText(ctx, "attributes"),
    excludedAttributes: queryText(ctx, "excludedAttributes"),
  };
}

export function preconditions(ctx: ScimContext): Preconditions {
  return { ifMatch: ctx.get("If-Match") || undefined, ifNoneMatch: ctx.get("If-None-Match") || undefined };
}

export function sendResource(
  ctx: ScimContext,
  status: number,
  result: ResourceResult | NotModifiedResult,
): void {
  ctx.set("ETag", result.etag);
  ctx.set("Location", result.location);
  if (result.kind === "notModified") {
    ctx.status = 304;
    return;
  }
  ctx.status = status;
  ctx.body = result.resource;
}

/** RFC 7240 §4.2 `Prefer: return=minimal`: the client does not want the resource back. */
export function prefersMinimal(ctx: ScimContext): boolean {
  return ctx
    .get("Prefer")
    .split(/[,;]/)
    .some((p) => p.trim().toLowerCase() === "return=minimal");
}

/**
 * PATCH answers (RFC 7644 §3.5.2): 200 with the resource, or 204 when the client asked for
 * `Prefer: return=minimal` (RFC 7240 §4.2, confirmed with `Preference-Applied`, §3). With attributes or
 * excludedAttributes the server "MUST return a 200 OK", so the preference is then not applied.
 */
export function sendPatchResult(ctx: ScimContext, result: ResourceResult, query: ProjectionQuery): void {
  const projected = query.attributes !== undefined || query.excludedAttributes !== undefined;
  if (!prefersMinimal(ctx) || projected) {
    sendResource(ctx, 200, result);
    return;
  }
  ctx.set("Preference-Applied", "return=minimal");
  ctx.set("ETag", result.etag);
  ctx.set("Location", result.location);
  ctx.status = 204;
}
