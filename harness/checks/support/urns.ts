// The URNs SCIM messages and resources are identified by (RFC 7643 §8.7, RFC 7644 §3). Schema URIs
// are compared case-insensitively (RFC 7643 §2.1), so checks use `hasUrn`, never `includes`.

export const urn = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  spc: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  searchRequest: "urn:ietf:params:scim:api:messages:2.0:SearchRequest",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  bulkRequest: "urn:ietf:params:scim:api:messages:2.0:BulkRequest",
  bulkResponse: "urn:ietf:params:scim:api:messages:2.0:BulkResponse",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
} as const;

/** True when `list` is an array holding `value` (case-insensitively, RFC 7643 §2.1). */
export function hasUrn(list: unknown, value: string): boolean {
  return (
    Array.isArray(list) && list.some((v) => typeof v === "string" && v.toLowerCase() === value.toLowerCase())
  );
}
