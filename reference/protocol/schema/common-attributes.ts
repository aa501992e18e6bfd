// The common attributes of every resource (RFC 7643 §3.1). They belong to no schema file, yet every
// filter, projection and PATCH path can name them, so the registry resolves them as part of each
// resource type's base schema.
import type { AttributeDefinition } from "./schema-definition.js";

function readOnly(name: string, type: AttributeDefinition["type"], extra: Partial<AttributeDefinition> = {}) {
  return Object.freeze({
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: "readOnly",
    returned: "default",
    uniqueness: "none",
    ...extra,
  } satisfies AttributeDefinition);
}

export const commonAttributes: readonly AttributeDefinition[] = Object.freeze([
  // §3.1: "id" is assigned by the service provider, always returned, unique, and compared case-exactly.
  readOnly("id", "string", { caseExact: true, returned: "always", uniqueness: "server" }),
  // §3.1: "externalId" is the client's identifier; caseExact, and owned by the provisioning client.
  Object.freeze({
    name: "externalId",
    type: "string",
    multiValued: false,
    required: false,
    caseExact: true,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
  } satisfies AttributeDefinition),
  readOnly("meta", "complex", {
    subAttributes: Object.freeze([
      readOnly("resourceType", "string", { caseExact: true }),
      readOnly("created", "dateTime"),
      readOnly("lastModified", "dateTime"),
      readOnly("location", "reference", { caseExact: true, referenceTypes: ["uri"] }),
      readOnly("version", "string", { caseExact: true }),
    ]),
  }),
]);
