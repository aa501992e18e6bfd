// The `schemas` attribute as a filter target. RFC 7644 §3.4.2.2: "Clients MAY query by schema or schema
// extensions by using a filter expression including the 'schemas' attribute (as shown in Figure 2)", e.g.
// `schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`. No schema file defines it
// (RFC 7643 §3 puts it on every resource, outside any schema), so resolution supplies this definition:
// a multi-valued string of URIs, compared case-insensitively because schema URNs are matched without case
// everywhere else in this server (schema-registry.ts) and RFC 8141 §3.1 makes the "urn" prefix and NID
// case-insensitive.
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "../schema/schema-definition.js";

export const schemasDefinition: AttributeDefinition = Object.freeze({
  name: "schemas",
  type: "string",
  multiValued: true,
  required: true,
  caseExact: false,
  mutability: "readWrite",
  returned: "always",
  uniqueness: "none",
});

export function schemasAttribute(rt: ResourceTypeDefinition): ResolvedAttribute {
  return Object.freeze({
    kind: "attribute",
    schema: rt.schema,
    extension: false,
    attribute: schemasDefinition,
    subAttribute: undefined,
    leaf: schemasDefinition,
    path: "schemas",
  });
}
