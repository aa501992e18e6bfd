// GET /ServiceProviderConfig (RFC 7644 §4, RFC 7643 §5 and §8.5, RFC 9865 §4 `pagination`). Every flag
// is derived from what is really wired and configured: the features the pipeline has, the limits it
// enforces and the credentials the connection accepts, so the document cannot drift from behaviour.
import type { AuthenticationScheme } from "../../connections/connection.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { coreSchemaUrns } from "../../protocol/schema/schema-definition.js";
import type { ServiceLimits } from "../service-limits.js";

/** What the pipeline can do; the flags come from the parts that are present, never from a constant. */
export interface ServiceFeatures {
  readonly patch: boolean;
  readonly bulk: boolean;
  readonly sort: boolean;
  readonly etag: boolean;
  /** True when `password` may be set through PUT and PATCH (RFC 7643 §5 `changePassword`). */
  readonly changePassword: boolean;
  readonly cursorPagination: boolean;
}

/**
 * The features every one of `perConnection` has: what a document that speaks for no single connection
 * (the server-wide /ServiceProviderConfig served without credentials) may promise, since the client
 * reading it may turn out to hold any of them (RFC 7643 §5: each flag says the operation "is supported").
 * With no connection at all it is `fallback`, the pipeline's own features.
 */
export function sharedFeatures(
  perConnection: readonly ServiceFeatures[],
  fallback: ServiceFeatures,
): ServiceFeatures {
  if (perConnection.length === 0) return fallback;
  const all = (flag: keyof ServiceFeatures) => perConnection.every((f) => f[flag]);
  return {
    patch: all("patch"),
    bulk: all("bulk"),
    sort: all("sort"),
    etag: all("etag"),
    changePassword: all("changePassword"),
    cursorPagination: all("cursorPagination"),
  };
}

export interface ServiceProviderConfigInput {
  readonly baseUrl: string;
  readonly features: ServiceFeatures;
  readonly limits: ServiceLimits;
  readonly authenticationSchemes: readonly AuthenticationScheme[];
  readonly documentationUri?: string | undefined;
}

export function serviceProviderConfig(input: ServiceProviderConfigInput): JsonObject {
  const { features, limits } = input;
  return {
    schemas: [coreSchemaUrns.serviceProviderConfig],
    ...(input.documentationUri === undefined ? {} : { documentationUri: input.documentationUri }),
    patch: { supported: features.patch },
    bulk: features.bulk
      ? {
          supported: true,
          maxOperations: limits.bulkMaxOperations,
          maxPayloadSize: limits.bulkMaxPayloadSize,
        }
      : { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: limits.maxResults },
    changePassword: { supported: features.changePassword },
    sort: { supported: features.sort },
    etag: { supported: features.etag },
    authenticationSchemes: input.authenticationSchemes.map((s) => ({ ...s })),
    pagination: {
      cursor: features.cursorPagination,
      index: true,
      defaultPaginationMethod: limits.defaultPaginationMethod,
      defaultPageSize: limits.defaultPageSize,
      maxPageSize: limits.maxResults,
      ...(features.cursorPagination ? { cursorTimeout: limits.cursorTimeoutSeconds } : {}),
    },
    meta: {
      resourceType: "ServiceProviderConfig",
      location: `${input.baseUrl}/ServiceProviderConfig`,
    },
  };
}
