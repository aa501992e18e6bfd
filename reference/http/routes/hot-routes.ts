// The two requests IdPs send most — GET /{endpoint}/{id} (RFC 7644 §3.4.1) and GET /{endpoint}, usually
// `?filter=userName eq "…"` (§3.4.2; Entra ID and Okta look a user up before every create) — matched by
// one regular expression instead of @koa/router's walk over every route, its parameter objects and
// allowedMethods (issue #8). Only the paths the router would hand to the same handlers are taken: a
// first segment of a fixed endpoint (/Schemas/{id}, /ResourceTypes/{id}, /Me, /Bulk, …) or any other
// shape (a trailing slash, an empty segment, HEAD) falls through to the router, so 404, 405 and every
// SCIM error stay exactly as they were. Segments are decoded as the router decodes them.
import type Koa from "koa";
import type { ScimState } from "../scim-state.js";
import type { ReadHandlers } from "./resource-routes.js";

/** First segments that name a fixed endpoint with routes of its own (lower case; the router ignores case). */
const fixedSegments = new Set(["serviceproviderconfig", "resourcetypes", "schemas", "bulk", "me", ".search"]);

const oneOrTwoSegments = /^\/([^/]+)(?:\/([^/]+))?$/;

/** decodeURIComponent, or the text as sent when it is not valid percent-encoding (as @koa/router does). */
function decodeSegment(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function hotRoutes(basePath: string, reads: ReadHandlers): Koa.Middleware<ScimState> {
  const base = basePath.toLowerCase();
  return (ctx, next) => {
    if (ctx.method !== "GET") return next();
    const path = ctx.path;
    // The caller runs this under the base path only; its case may differ (the router ignores case).
    if (path.length <= base.length) return next();
    const match = oneOrTwoSegments.exec(path.slice(base.length));
    const first = match?.[1];
    if (first === undefined || fixedSegments.has(first.toLowerCase())) return next();
    const endpoint = decodeSegment(first);
    const id = match?.[2];
    return id === undefined ? reads.list(ctx, endpoint) : reads.get(ctx, endpoint, decodeSegment(id));
  };
}
