// Finding the resource type a request addresses, by endpoint (`/Users`) or by id ("User"), among the types
// its connection serves. A type the connection does not serve is 404, as an unknown endpoint is (RFC 7644
// §3.12: "Specified resource ... or endpoint does not exist"); PingFederate's User Support connections
// answer /Groups that way (connections issue).
import type { ResourceBinding } from "../../connections/connection.js";
import type { Scope } from "../../datastore/datastore.js";
import { notFound } from "../../protocol/errors/scim-error.js";
import type { OperationContext } from "../operation-context.js";

export function bindingByEndpoint(ctx: OperationContext, endpoint: string): ResourceBinding {
  const rt = ctx.connection.registry.resourceTypeByEndpoint(endpoint);
  const binding = rt === undefined ? undefined : ctx.connection.resources.get(rt.id);
  if (binding === undefined) throw notFound(`No resource type is served at /${endpoint.replace(/^\//, "")}.`);
  return binding;
}

export function bindingById(ctx: OperationContext, resourceType: string): ResourceBinding | undefined {
  const rt = ctx.connection.registry.resourceType(resourceType);
  return rt === undefined ? undefined : ctx.connection.resources.get(rt.id);
}

export function scopeOf(ctx: OperationContext, binding: ResourceBinding): Scope {
  return { connection: ctx.connection.plan, resourceType: binding.definition.id };
}

/** The permanent URI of a resource (RFC 7644 §3.1 `Location`, RFC 7643 §3.1 `meta.location`). */
export function locationOf(ctx: OperationContext, binding: ResourceBinding, id: string): string {
  return `${ctx.baseUrl}${binding.definition.endpoint}/${encodeURIComponent(id)}`;
}

export function resourceNotFound(binding: ResourceBinding, id: string) {
  // RFC 7644 §3.12's own example detail: "Resource 2819c223-… not found".
  return notFound(`${binding.definition.name} ${id} not found`);
}
