// Test support: the RFC 7643 discovery documents from spec/schemas served as a target would serve
// them, and the model built from them, so unit tests run on exactly what a conforming server says.
import { readFileSync } from "node:fs";
import type { SchemaModel } from "../schema-model/build-schema-model.js";
import { buildSchemaModel } from "../schema-model/build-schema-model.js";
import type { ResourceTypeModel } from "../schema-model/resource-type-model.js";

const dir = new URL("../../../spec/schemas/", import.meta.url);
const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, dir), "utf8")) as Record<string, unknown>;

export const listUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export function listResponse(items: readonly unknown[]): Record<string, unknown> {
  return {
    schemas: [listUrn],
    totalResults: items.length,
    itemsPerPage: items.length,
    startIndex: 1,
    Resources: items,
  };
}

export function specSchemas(): Record<string, unknown>[] {
  return [load("user.schema.json"), load("group.schema.json"), load("enterprise-user.schema.json")];
}

export function specResourceTypes(): Record<string, unknown>[] {
  return [load("resource-types/user.json"), load("resource-types/group.json")];
}

export function specModel(): SchemaModel {
  return buildSchemaModel({
    schemas: listResponse(specSchemas()),
    resourceTypes: listResponse(specResourceTypes()),
  });
}

export function specType(name: "User" | "Group"): ResourceTypeModel {
  const type = specModel().resourceType(name);
  if (type === undefined) throw new Error(`spec/schemas defines no ${name} resource type`);
  return type;
}

/** A custom extension nobody here has seen: every attribute type, and characteristics left out. */
export const customExtensionUrn = "urn:example:params:scim:schemas:extension:acme:2.0:Widget";

export function customExtensionSchema(): Record<string, unknown> {
  return {
    id: customExtensionUrn,
    name: "AcmeWidget",
    attributes: [
      { name: "badge", type: "string", multiValued: false, uniqueness: "server", caseExact: true },
      { name: "level", type: "integer", multiValued: false },
      { name: "ratio", type: "decimal", multiValued: false },
      { name: "since", type: "dateTime", multiValued: false },
      { name: "blob", type: "binary", multiValued: false },
      { name: "flag", type: "boolean", multiValued: false },
      { name: "homepage", type: "reference", referenceTypes: ["external"], multiValued: false },
      { name: "tags", type: "string", multiValued: true },
      { name: "sealed", type: "string", mutability: "immutable" },
      { name: "secret", type: "string", mutability: "writeOnly", returned: "never" },
      { name: "audit", type: "string", mutability: "readOnly" },
      { name: "onRequest", type: "string", returned: "request" },
      {
        name: "gadgets",
        type: "complex",
        multiValued: true,
        subAttributes: [
          { name: "value", type: "string" },
          { name: "kind", type: "string", canonicalValues: ["small", "large"] },
          { name: "primary", type: "boolean" },
        ],
      },
    ],
  };
}

/** A User resource type with the enterprise and the custom extension. */
export function customModel(): SchemaModel {
  const user = { ...load("resource-types/user.json") };
  user.schemaExtensions = [
    { schema: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", required: false },
    { schema: customExtensionUrn, required: false },
  ];
  return buildSchemaModel({
    schemas: listResponse([...specSchemas(), customExtensionSchema()]),
    resourceTypes: listResponse([user, load("resource-types/group.json")]),
  });
}
