// The schema model: the target's /ResourceTypes and /Schemas as typed, case-insensitive data.
export type { DiscoveryInput } from "./build-schema-model.js";
export { buildSchemaModel, SchemaModel } from "./build-schema-model.js";
export { schemaModelFromDiscovery } from "./from-discovery.js";
export { attributeValue, containerOf, valuesAt } from "./resource-access.js";
export { ResourceTypeModel } from "./resource-type-model.js";
export type {
  AttributeDef,
  AttributeType,
  ExtensionRef,
  ModelFinding,
  Mutability,
  ResolvedPath,
  Returned,
  SchemaDef,
  Uniqueness,
} from "./schema-model.js";
export { findAttribute, sameUrn } from "./schema-model.js";
