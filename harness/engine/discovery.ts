// What the target says about itself (RFC 7644 §4: /ServiceProviderConfig, /ResourceTypes, /Schemas),
// read once before any check runs. Checks use it to find endpoints and attribute characteristics; the
// engine uses `feature()` to grade a gated failure (advertised → fail, not advertised → warn). Nothing
// here trusts the target: every document is read defensively, and what could not be read is `unknown`.

import type { Gate } from "../checks/check.js";
import type { Exchange } from "../client/exchange.js";

export type FeatureState = "advertised" | "not-advertised" | "unknown";

export interface SchemaExtensionInfo {
  readonly schema: string;
  readonly required: boolean;
}

export interface ResourceTypeInfo {
  readonly id: string | undefined;
  readonly name: string;
  /** As advertised, relative to the base URL (e.g. "/Users"); always starts with "/". */
  readonly endpoint: string;
  readonly schema: string;
  readonly schemaExtensions: readonly SchemaExtensionInfo[];
}

/** One attribute definition (RFC 7643 §7), with the §2.2 defaults filled in where the target omitted them. */
export interface SchemaAttributeInfo {
  readonly name: string;
  readonly type: string;
  readonly multiValued: boolean;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: string;
  readonly returned: string;
  readonly uniqueness: string;
  readonly canonicalValues: readonly unknown[];
  readonly referenceTypes: readonly string[];
  readonly subAttributes: readonly SchemaAttributeInfo[];
}

export interface SchemaInfo {
  readonly id: string;
  readonly name: string | undefined;
  readonly attributes: readonly SchemaAttributeInfo[];
}

/** The raw discovery documents as the target returned them, for the report. */
export interface DiscoveryDocuments {
  readonly serviceProviderConfig?: unknown;
  readonly resourceTypes?: unknown;
  readonly schemas?: unknown;
}

export interface Discovery {
  /** False when not even /ServiceProviderConfig produced an HTTP response (exit code 2). */
  readonly reachable: boolean;
  /** The ServiceProviderConfig body, when it was a JSON object. */
  readonly serviceProviderConfig: Readonly<Record<string, unknown>> | undefined;
  readonly resourceTypes: readonly ResourceTypeInfo[];
  readonly schemas: readonly SchemaInfo[];
  readonly documents: DiscoveryDocuments;
  /** The discovery requests and responses. */
  readonly exchanges: readonly Exchange[];
  /** What went wrong while reading the documents, in words (shown in the report). */
  readonly problems: readonly string[];
  /**
   * Whether the target advertises a gated feature: SPC `patch`, `bulk`, `filter`, `sort`, `etag`,
   * `changePassword` `.supported`, RFC 9865 `pagination.cursor`, and User/Group resource types.
   * `core` is always advertised; `me` and `search` have no advertisement and are `unknown`.
   */
  feature(gate: Gate): FeatureState;
  /** A resource type by name ("User") or base schema URN, case-insensitively. */
  resourceType(nameOrSchema: string): ResourceTypeInfo | undefined;
  /** The endpoint of a resource type by name or schema; falls back to "/Users" and "/Groups" for User and Group. */
  endpoint(nameOrSchema: string): string | undefined;
  /** A schema by URN, case-insensitively (RFC 7643 §2.1: schema URIs are case-insensitive). */
  schema(id: string): SchemaInfo | undefined;
  /** An attribute by schema URN and dotted path ("name.givenName"), case-insensitively. */
  attribute(schemaId: string, path: string): SchemaAttributeInfo | undefined;
}
