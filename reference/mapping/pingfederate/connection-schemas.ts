// The schemas and resource types one connection serves (PingFederate "User Support" vs "User and Group
// Support", and its custom SCIM 2.0 extension): the spec's User with its EnterpriseUser extension, the
// custom schema as one more optional User extension (RFC 7643 §3.3, §6 `schemaExtensions`), and Group only
// with group support. The caller passes the spec's definitions (reference/connections/spec-schemas.ts).
import type { ResourceTypeDefinition, SchemaDefinition } from "../../protocol/schema/schema-definition.js";

export interface ConnectionSchemaSet {
  readonly schemas: readonly SchemaDefinition[];
  readonly resourceTypes: readonly ResourceTypeDefinition[];
}

export function connectionSchemaSet(
  spec: ConnectionSchemaSet,
  options: { readonly groupSupport: boolean; readonly customSchema: SchemaDefinition | undefined },
): ConnectionSchemaSet {
  const custom = options.customSchema;
  const resourceTypes = spec.resourceTypes
    .filter((rt) => rt.id !== "Group" || options.groupSupport)
    .map((rt) =>
      rt.id === "User" && custom !== undefined
        ? Object.freeze({
            ...rt,
            schemaExtensions: Object.freeze([...rt.schemaExtensions, { schema: custom.id, required: false }]),
          })
        : rt,
    );
  return Object.freeze({
    schemas: Object.freeze(custom === undefined ? [...spec.schemas] : [...spec.schemas, custom]),
    resourceTypes: Object.freeze(resourceTypes),
  });
}
