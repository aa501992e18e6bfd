// GET /Schemas and /Schemas/{id} (RFC 7644 §4, RFC 7643 §7 and §8.7): the schemas of the resource types
// a connection serves, plus the three service provider schemas of §8.7.2 that describe the discovery
// resources themselves. Each carries every attribute characteristic, as clients read them to build forms
// and validators (server-anchors.md: simplified metadata breaks clients).
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import type { AttributeDefinition, SchemaDefinition } from "../../protocol/schema/schema-definition.js";
import { coreSchemaUrns } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";

const serviceSchemas = [
  coreSchemaUrns.serviceProviderConfig,
  coreSchemaUrns.resourceType,
  coreSchemaUrns.schema,
];

function attributeJson(a: AttributeDefinition): JsonObject {
  const json: JsonObject = {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    ...(a.description === undefined ? {} : { description: a.description }),
    required: a.required,
    caseExact: a.caseExact,
    ...(a.canonicalValues === undefined ? {} : { canonicalValues: [...a.canonicalValues] }),
    ...(a.referenceTypes === undefined ? {} : { referenceTypes: [...a.referenceTypes] }),
    mutability: a.mutability,
    returned: a.returned,
    uniqueness: a.uniqueness,
  };
  if (a.subAttributes !== undefined) json.subAttributes = a.subAttributes.map(attributeJson) as JsonValue[];
  return json;
}

export function schemaResource(schema: SchemaDefinition, baseUrl: string): JsonObject {
  return {
    schemas: [coreSchemaUrns.schema],
    id: schema.id,
    ...(schema.name === undefined ? {} : { name: schema.name }),
    ...(schema.description === undefined ? {} : { description: schema.description }),
    attributes: schema.attributes.map(attributeJson),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

/** The schemas a connection serves: those its resource types use, then the service provider schemas. */
export function servedSchemas(registry: SchemaRegistry): SchemaDefinition[] {
  const urns: string[] = [];
  for (const rt of registry.resourceTypes()) {
    for (const urn of registry.schemaUrnsOf(rt)) if (!urns.includes(urn)) urns.push(urn);
  }
  for (const urn of serviceSchemas) if (!urns.includes(urn)) urns.push(urn);
  return urns.map((urn) => registry.schema(urn)).filter((s): s is SchemaDefinition => s !== undefined);
}
