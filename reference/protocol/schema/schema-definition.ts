// Schema and resource-type definitions as RFC 7643 §7 and §6 describe them. The JSON files under
// spec/schemas/ have exactly this shape; connections add extension schemas of the same shape.

export type AttributeType =
  | "string"
  | "boolean"
  | "decimal"
  | "integer"
  | "dateTime"
  | "reference"
  | "binary"
  | "complex";
export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
export type Returned = "always" | "never" | "default" | "request";
export type Uniqueness = "none" | "server" | "global";

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description?: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

export interface SchemaDefinition {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly attributes: readonly AttributeDefinition[];
}

export interface SchemaExtensionRef {
  readonly schema: string;
  readonly required: boolean;
}

export interface ResourceTypeDefinition {
  readonly id: string;
  readonly name: string;
  /** Relative endpoint, e.g. "/Users" (RFC 7643 §6). */
  readonly endpoint: string;
  readonly description?: string;
  /** The base schema URN. */
  readonly schema: string;
  readonly schemaExtensions: readonly SchemaExtensionRef[];
}

export const coreSchemaUrns = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterpriseUser: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

export const messageUrns = {
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  searchRequest: "urn:ietf:params:scim:api:messages:2.0:SearchRequest",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  bulkRequest: "urn:ietf:params:scim:api:messages:2.0:BulkRequest",
  bulkResponse: "urn:ietf:params:scim:api:messages:2.0:BulkResponse",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
} as const;
