// The discovery documents (RFC 7644 §4, RFC 7643 §5–§7) the mutant server serves: what it really
// supports, including RFC 9865 cursor pagination.
import type { Json } from "./json-value.js";
import { maxPageSize, maxResults } from "./query.js";
import type { Quirks } from "./quirks.js";
import type { AttrDef, SchemaDef, TypeDef } from "./schema-model.js";
import {
  enterpriseSchema,
  groupSchema,
  groupType,
  testExtensionSchema,
  userSchema,
  userType,
} from "./schema-model.js";

export const maxOperations = 10;
export const maxPayloadSize = 65_536;

export function serviceProviderConfig(baseUrl: string, quirks: Quirks): Json {
  const spc: Json = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: "https://example.org/mutant-scim",
    patch: { supported: !quirks.has("noPatchSupport") },
    bulk: { supported: true, maxOperations, maxPayloadSize },
    filter: { supported: true, maxResults },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: true },
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: "index",
      defaultPageSize: maxPageSize,
      maxPageSize,
      cursorTimeout: 3600,
    },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "Authentication with a bearer token (RFC 6750)",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
  if (quirks.has("spcStringBooleans")) spc.patch = { supported: "true" };
  if (quirks.has("spcNoAuthSchemes")) spc.authenticationSchemes = [];
  if (quirks.has("spcWithoutUrn")) spc.schemas = [];
  if (quirks.has("patchNotAdvertised")) spc.patch = { supported: false };
  if (quirks.has("maxResultsIgnored")) spc.filter = { supported: true, maxResults: 1 };
  if (quirks.has("cursorNotAdvertised")) delete spc.pagination;
  if (quirks.has("defaultMethodMismatch"))
    spc.pagination = { ...(spc.pagination as Json), defaultPaginationMethod: "cursor" };
  if (quirks.has("cursorNeverExpires")) spc.pagination = { ...(spc.pagination as Json), cursorTimeout: 1 };
  if (quirks.has("paginationStringCursor")) spc.pagination = { cursor: "yes", index: true };
  return spc;
}

export function typesServed(quirks: Quirks): TypeDef[] {
  return quirks.has("usersOnly") ? [userType] : [userType, groupType];
}

export function resourceTypeDoc(baseUrl: string, type: TypeDef, quirks: Quirks): Json {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: type.name,
    name: type.name,
    ...(quirks.has("rtMissingEndpoint")
      ? {}
      : { endpoint: quirks.has("endpointWithQuery") ? `${type.endpoint}?tenant=1` : type.endpoint }),
    description: `${type.name} resources`,
    schema: type.schema.id,
    ...(type.extensions.length > 0
      ? {
          schemaExtensions: type.extensions.map((e) => ({
            schema:
              quirks.has("unresolvableExtension") && e === testExtensionSchema ? "urn:example:missing" : e.id,
            required: quirks.has("requiredExtensionNotEnforced") && e === testExtensionSchema,
          })),
        }
      : {}),
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${type.name}` },
  };
}

export function schemaDoc(baseUrl: string, schema: SchemaDef, quirks: Quirks): Json {
  let attributes: unknown = schema.attributes;
  if (quirks.has("incompleteAttributeDefinitions")) {
    attributes = schema.attributes.map(({ uniqueness: _u, ...rest }) =>
      rest.name === "userName" ? { ...rest, uniqueness: "server" } : rest,
    );
  }
  if (quirks.has("complexWithoutSubAttributes") && schema === userSchema) {
    attributes = (attributes as AttrDef[]).map((a) =>
      a.name === "name" ? { ...a, subAttributes: undefined } : a,
    );
  }
  if (quirks.has("referenceWithoutTypes") && schema === userSchema) {
    attributes = (attributes as AttrDef[]).map((a) =>
      a.name === "profileUrl" ? { ...a, referenceTypes: undefined } : a,
    );
  }
  if (quirks.has("groupDisplayNameOptional") && schema === groupSchema) {
    attributes = (attributes as AttrDef[]).map((a) =>
      a.name === "displayName" ? { ...a, required: false } : a,
    );
  }
  if (quirks.has("nestedComplex") && schema === userSchema) {
    attributes = (attributes as AttrDef[]).map((a) =>
      a.name === "addresses"
        ? {
            ...a,
            subAttributes: [
              ...(a.subAttributes ?? []),
              { ...a, name: "geo", multiValued: false, subAttributes: [] },
            ],
          }
        : a,
    );
  }
  if (quirks.has("userNameCaseExact") && schema === userSchema) {
    attributes = schema.attributes.map((a) => (a.name === "userName" ? { ...a, caseExact: true } : a));
  }
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes,
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

export function schemasServed(quirks: Quirks): SchemaDef[] {
  const list = quirks.has("usersOnly")
    ? [userSchema, enterpriseSchema, testExtensionSchema]
    : [userSchema, groupSchema, enterpriseSchema, testExtensionSchema];
  return list;
}

export const messageSchemaDoc = (baseUrl: string): Json => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
  id: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  name: "PatchOp",
  description: "A message schema that /Schemas must not list",
  attributes: [],
  meta: {
    resourceType: "Schema",
    location: `${baseUrl}/Schemas/urn:ietf:params:scim:api:messages:2.0:PatchOp`,
  },
});
