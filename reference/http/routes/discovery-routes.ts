// GET /ServiceProviderConfig, /ResourceTypes[/{id}], /Schemas[/{id}] (RFC 7644 §4), generated per
// connection from its live registry and the pipeline's features.
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
import type { Provisioning } from "../../provisioning/provisioning.js";
import { authenticated, type ScimContext, type ScimState } from "../scim-state.js";

export function discoveryRoutes(
  router: Router<ScimState>,
  provisioning: Provisioning,
  resolver: ConnectionResolver,
): void {
  const context = (ctx: ScimContext) => {
    const filter = ctx.query.filter;
    refuseDiscoveryFilter(
      typeof filter === "string" ? filter : Array.isArray(filter) ? filter.join() : undefined,
    );
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
