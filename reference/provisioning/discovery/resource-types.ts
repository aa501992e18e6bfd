// GET /ResourceTypes and /ResourceTypes/{id} (RFC 7644 §4, RFC 7643 §6 and §8.6), generated from the
// connection's live registry: a connection with User Support only lists no Group type.
import type { JsonObject } from "../../protocol/resource/json.js";
import type { ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import { coreSchemaUrns } from "../../protocol/schema/schema-definition.js";

export function resourceTypeResource(rt: ResourceTypeDefinition, baseUrl: string): JsonObject {
  return {
    schemas: [coreSchemaUrns.resourceType],
    id: rt.id,
    name: rt.name,
    endpoint: rt.endpoint,
    ...(rt.description === undefined ? {} : { description: rt.description }),
    schema: rt.schema,
    // RFC 7643 §6 makes schemaExtensions optional; omitted when there are none, as in the §8.6 Group.
    ...(rt.schemaExtensions.length === 0
      ? {}
      : { schemaExtensions: rt.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })) }),
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${encodeURIComponent(rt.id)}` },
  };
}
