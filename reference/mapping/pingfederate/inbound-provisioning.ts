// PingFederate's admin-API shape for the mapping parts of an IdP connection's `inboundProvisioning`
// (pingfederate-model.md §2.3; PF 12.3 admin API `IdpInboundProvisioning`, Terraform `sp_idp_connection`).
// These types document the configuration a connection file or the admin API holds; everything arriving
// from outside is `unknown` and is checked field by field (compile-resource-mapping.ts), never cast.
//
// The dual mapping: `writeUsers.attributeFulfillment` is keyed by DATASTORE attribute (what to write there,
// from the SCIM request), `readUsers.attributeFulfillment` by SCIM path (what to return, from the stored
// entry). Groups have the same pair under `groups.writeGroups` / `groups.readGroups`.

/** PingFederate `SourceTypeIdKey.type` values that inbound provisioning uses (the rest of PF's enum is refused). */
export const writeSourceTypes = [
  "SCIM_USER",
  "SCIM_GROUP",
  "TEXT",
  "EXPRESSION",
  "CONTEXT",
  "NO_MAPPING",
] as const;
export const readSourceTypes = [
  "LDAP_DATA_STORE",
  "IDENTITY_STORE_USER",
  "IDENTITY_STORE_GROUP",
  "TEXT",
  "EXPRESSION",
  "CONTEXT",
  "NO_MAPPING",
] as const;
export type WriteSourceType = (typeof writeSourceTypes)[number];
export type ReadSourceType = (typeof readSourceTypes)[number];
export type SourceType = WriteSourceType | ReadSourceType;

/**
 * `{ source: { type }, value }`. `value` is a SCIM path (SCIM_USER/SCIM_GROUP), a datastore attribute
 * (LDAP_DATA_STORE/IDENTITY_STORE_*), a literal (TEXT), a JSONata expression (EXPRESSION: PingFederate uses
 * OGNL), a request fact (CONTEXT: `connectionId`, `clientAddress` or `requestId`); NO_MAPPING has none.
 */
export interface AttributeFulfillmentValue {
  readonly source: { readonly type: SourceType; readonly id?: string };
  readonly value?: string;
}

export type AttributeFulfillment = Readonly<Record<string, AttributeFulfillmentValue>>;

/** PingFederate `ContractAttribute`: a SCIM path, and whether its values are masked in logs. */
export interface ContractAttribute {
  readonly name: string;
  readonly masked?: boolean;
}

export interface AttributeContract {
  /** Computed (read-only in PingFederate): the SCIM paths the write mapping reads. Ignored when sent. */
  readonly coreAttributes?: readonly ContractAttribute[];
  /** SCIM paths returned beyond the core ones (fed by expressions, literals or context). */
  readonly extendedAttributes?: readonly ContractAttribute[];
}

export interface WriteMappingConfig {
  readonly attributeFulfillment: AttributeFulfillment;
}

export interface ReadMappingConfig {
  readonly attributeContract?: AttributeContract;
  /** PingFederate's list of datastore attributes to fetch; computed here (entries load whole), ignored. */
  readonly attributes?: readonly { readonly name: string }[];
  readonly attributeFulfillment: AttributeFulfillment;
}

export interface UserRepositoryConfig {
  /** LDAP: an (Active Directory) data store; IDENTITY_STORE: an identity store provisioner (PF SDK). */
  readonly type: "LDAP" | "IDENTITY_STORE";
}

/** The mapping-relevant part of `inboundProvisioning`. */
export interface InboundMappingConfig {
  readonly groupSupport: boolean;
  readonly userRepository: UserRepositoryConfig;
  readonly users: { readonly writeUsers: WriteMappingConfig; readonly readUsers: ReadMappingConfig };
  readonly groups?: { readonly writeGroups: WriteMappingConfig; readonly readGroups: ReadMappingConfig };
}

/** The request facts CONTEXT sources and `$context` expose (mapping.ts `MappingContext`). */
export const contextFields = ["connectionId", "clientAddress", "requestId"] as const;
export type ContextField = (typeof contextFields)[number];
