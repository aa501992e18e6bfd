// GET /ServiceProviderConfig, /ResourceTypes[/{id}], /Schemas[/{id}] (RFC 7644 §4), generated per
// connection from its live registry and the pipeline's features. Without credentials,
// /ServiceProviderConfig alone answers, with the server-wide document (RFC 7643 §5: authenticationSchemes
// "SHOULD" be readable "without prior authentication"); /ResourceTypes and /Schemas describe one
// connection's schema and keep requiring its credential.
import type Router from "@koa/router";
import type { ConnectionResolver } from "../../connections/connection-resolver.js";
import {
  getResourceType,
  getSchema,
  getServiceProviderConfig,
  listResourceTypes,
  listSchemas,
  refuseDiscoveryFilter,
} from "../../provisioning/discovery/discovery.js";
import { serviceProviderConfig } from "../../provisioning/discovery/service-provider-config.js";
import type { Provisioning } from "../../provisioning/provisioning.js";
import { authenticated, type ScimContext, type ScimState } from "../scim-state.js";

/** Whether a request may read discovery without credentials: GET (or HEAD) of /ServiceProviderConfig. */
export function isPublicDiscovery(basePath: string, method: string, path: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  // The router matches case-insensitively and tolerates a trailing slash; so does this.
  return path.toLowerCase().replace(/\/+$/, "") === `${basePath}/ServiceProviderConfig`.toLowerCase();
}

export function discoveryRoutes(
  router: Router<ScimState>,
  provisioning: Provisioning,
  resolver: ConnectionResolver,
): void {
  const refuseFilter = (ctx: ScimContext) => {
    const filter = ctx.query.filter;
    refuseDiscoveryFilter(
      typeof filter === "string" ? filter : Array.isArray(filter) ? filter.join() : undefined,
    );
  };
  const context = (ctx: ScimContext) => {
    refuseFilter(ctx);
    const auth = authenticated(ctx);
    // A connection advertises the schemes its own credentials use (RFC 7643 §5 authenticationSchemes).
    return provisioning.discovery(
      auth,
      ctx.state.baseUrl,
      auth.connection.authenticationSchemes ?? resolver.authenticationSchemes,
    );
  };
  const send = (ctx: ScimContext, body: object, location?: string) => {
    ctx.status = 200;
    ctx.body = body;
    if (location !== undefined) ctx.set("Location", location);
  };
  router.get("/ServiceProviderConfig", (ctx) => {
    if (ctx.state.auth === undefined) {
      refuseFilter(ctx);
      const input = provisioning.serverWideDiscovery(
        resolver.connections(),
        ctx.state.baseUrl,
        resolver.authenticationSchemes,
      );
      send(ctx, serviceProviderConfig(input), `${input.baseUrl}/ServiceProviderConfig`);
      return;
    }
    const c = context(ctx);
    send(ctx, getServiceProviderConfig(c), `${c.baseUrl}/ServiceProviderConfig`);
  });
  router.get("/ResourceTypes", (ctx) => send(ctx, listResourceTypes(context(ctx))));
  router.get("/ResourceTypes/:id", (ctx) => {
    const body = getResourceType(context(ctx), ctx.params.id ?? "");
    send(ctx, body, (body.meta as { location: string }).location);
  });
  router.get("/Schemas", (ctx) => send(ctx, listSchemas(context(ctx))));
  router.get("/Schemas/:id", (ctx) => {
    const body = getSchema(context(ctx), ctx.params.id ?? "");
    send(ctx, body, (body.meta as { location: string }).location);
  });
}
