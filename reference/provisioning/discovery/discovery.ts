// The three discovery endpoints of RFC 7644 §4 as plain data operations, shared by the HTTP binding.
// §4: "Query parameters described in Section 3.4.2, such as filtering, sorting, and pagination, SHALL be
// ignored. If a 'filter' is provided, the service provider SHOULD respond with HTTP status code 403
// (Forbidden)" — so a filter is refused here and every other query parameter is ignored.
import type { AuthenticationScheme } from "../../connections/connection.js";
import { notFound, ScimError } from "../../protocol/errors/scim-error.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { messageUrns } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import type { ServiceLimits } from "../service-limits.js";
import { resourceTypeResource } from "./resource-types.js";
import { schemaResource, servedSchemas } from "./schemas.js";
import { type ServiceFeatures, serviceProviderConfig } from "./service-provider-config.js";

export interface DiscoveryContext {
  readonly registry: SchemaRegistry;
  readonly baseUrl: string;
  readonly features: ServiceFeatures;
  readonly limits: ServiceLimits;
  readonly authenticationSchemes: readonly AuthenticationScheme[];
  readonly documentationUri?: string | undefined;
}

/** RFC 7644 §4: a filter on a discovery endpoint is refused with 403 rather than silently ignored. */
export function refuseDiscoveryFilter(filter: string | undefined): void {
  if (filter !== undefined) {
    throw new ScimError(
      403,
      undefined,
      "Discovery endpoints do not filter (RFC 7644 §4); ask without 'filter'.",
    );
  }
}

function listResponse(resources: JsonObject[]): JsonObject {
  return {
    schemas: [messageUrns.listResponse],
    totalResults: resources.length,
    itemsPerPage: resources.length,
    startIndex: 1,
    Resources: resources,
  };
}

export function getServiceProviderConfig(ctx: DiscoveryContext): JsonObject {
  return serviceProviderConfig(ctx);
}

export function listResourceTypes(ctx: DiscoveryContext): JsonObject {
  return listResponse(ctx.registry.resourceTypes().map((rt) => resourceTypeResource(rt, ctx.baseUrl)));
}

export function getResourceType(ctx: DiscoveryContext, id: string): JsonObject {
  const rt = ctx.registry.resourceTypes().find((t) => t.id.toLowerCase() === id.toLowerCase());
  if (rt === undefined) throw notFound(`Resource type ${id} not found`);
  return resourceTypeResource(rt, ctx.baseUrl);
}

export function listSchemas(ctx: DiscoveryContext): JsonObject {
  return listResponse(servedSchemas(ctx.registry).map((s) => schemaResource(s, ctx.baseUrl)));
}

export function getSchema(ctx: DiscoveryContext, id: string): JsonObject {
  // Schema URNs compare case-insensitively (RFC 7643 §2.1 applies to URNs as attribute prefixes).
  const schema = servedSchemas(ctx.registry).find((s) => s.id.toLowerCase() === id.toLowerCase());
  if (schema === undefined) throw notFound(`Schema ${id} not found`);
  return schemaResource(schema, ctx.baseUrl);
}
