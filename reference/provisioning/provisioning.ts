// The protocol pipeline, framework-free so that the HTTP binding and Bulk share it: each operation takes
// an OperationContext (connection, datastore or transaction, base URL, request facts) and plain inputs,
// and returns plain results or throws ScimError. Nothing here knows Koa, SQL or a driver.
import type { Connection } from "../connections/connection.js";
import type { Authentication } from "../connections/connection-resolver.js";
import type { PasswordHasher } from "../connections/password-hasher.js";
import type { JsonObject } from "../protocol/resource/json.js";
import type { ValidationOptions } from "../protocol/schema/validation-types.js";
import { runBulk } from "./bulk/run-bulk.js";
import type { DiscoveryContext } from "./discovery/discovery.js";
import {
  type ServiceFeatures,
  type ServiceProviderConfigInput,
  sharedFeatures,
} from "./discovery/service-provider-config.js";
import { CursorCodec } from "./listing/cursor-codec.js";
import { listResources } from "./listing/list-resources.js";
import type { SearchParams } from "./listing/search-params.js";
import type {
  NotModifiedResult,
  OperationContext,
  Preconditions,
  ProjectionQuery,
  ResourceResult,
} from "./operation-context.js";
import type { PipelineServices } from "./pipeline-services.js";
import { createResource } from "./resources/create-resource.js";
import { deleteResource } from "./resources/delete-resource.js";
import { getResource } from "./resources/get-resource.js";
import { patchResource } from "./resources/patch-resource.js";
import { replaceResource } from "./resources/replace-resource.js";
import { defaultServiceLimits, type ServiceLimits } from "./service-limits.js";

export interface ProvisioningDeps {
  readonly limits?: Partial<ServiceLimits>;
  /** Hashes the writeOnly `password` before it reaches a datastore (RFC 7643 §4.1.1). */
  readonly hasher: PasswordHasher;
  readonly documentationUri?: string;
  readonly validation?: Partial<ValidationOptions>;
  /** HMAC key for RFC 9865 cursors; random per process by default (cursors then end with the process). */
  readonly cursorKey?: Buffer;
}

export class Provisioning {
  readonly limits: ServiceLimits;
  readonly #services: PipelineServices;
  readonly #documentationUri: string | undefined;

  constructor(deps: ProvisioningDeps) {
    this.limits = Object.freeze({ ...defaultServiceLimits, ...deps.limits });
    this.#documentationUri = deps.documentationUri;
    this.#services = Object.freeze({
      hasher: deps.hasher,
      validation: deps.validation ?? {},
      limits: this.limits,
      cursors: new CursorCodec({
        ...(deps.cursorKey === undefined ? {} : { key: deps.cursorKey }),
        timeoutSeconds: this.limits.cursorTimeoutSeconds,
      }),
    });
  }

  /** What works, derived from what is wired (drives /ServiceProviderConfig). */
  get features(): ServiceFeatures {
    return {
      patch: true,
      bulk: true,
      // Sorting runs in the datastore when the key maps to one, otherwise over a bounded scan.
      sort: true,
      etag: true,
      // `password` is writable through PUT and PATCH and hashed on the way in.
      changePassword: true,
      cursorPagination: true,
    };
  }

  /**
   * What works for one connection. Today every connection has the whole pipeline; this is the one place
   * a connection-specific restriction would go, and both discovery documents follow it.
   */
  featuresOf(_connection: Connection): ServiceFeatures {
    return this.features;
  }

  discovery(
    auth: Authentication,
    baseUrl: string,
    authenticationSchemes: DiscoveryContext["authenticationSchemes"],
  ): DiscoveryContext {
    return {
      // RFC 7643 §7: /Schemas lists what this connection's mapping really stores and returns.
      registry: auth.connection.advertised,
      baseUrl,
      features: this.featuresOf(auth.connection),
      limits: this.limits,
      authenticationSchemes,
      // PingFederate `serviceProviderConfig.documentationUri` is per connection; the server-wide one is a fallback.
      documentationUri: auth.connection.documentationUri ?? this.#documentationUri,
    };
  }

  /**
   * The server-wide /ServiceProviderConfig, for a client that has not authenticated yet (RFC 7643 §5:
   * authenticationSchemes "SHOULD" be public). It speaks for no connection, so it promises only the
   * features all of `connections` share, lists `authenticationSchemes` (the union the resolver accepts)
   * and names only the server-wide documentationUri: a connection's own one would identify the connection.
   */
  serverWideDiscovery(
    connections: readonly Connection[],
    baseUrl: string,
    authenticationSchemes: ServiceProviderConfigInput["authenticationSchemes"],
  ): ServiceProviderConfigInput {
    return {
      baseUrl,
      features: sharedFeatures(
        connections.map((c) => this.featuresOf(c)),
        this.features,
      ),
      limits: this.limits,
      authenticationSchemes,
      documentationUri: this.#documentationUri,
    };
  }

  create(
    ctx: OperationContext,
    endpoint: string,
    body: JsonObject,
    query?: ProjectionQuery,
  ): Promise<ResourceResult> {
    return createResource(this.#services, ctx, endpoint, body, query);
  }

  get(
    ctx: OperationContext,
    endpoint: string,
    id: string,
    query?: ProjectionQuery,
    conditions?: Preconditions,
  ): Promise<ResourceResult | NotModifiedResult> {
    return getResource(ctx, endpoint, id, query, conditions);
  }

  replace(
    ctx: OperationContext,
    endpoint: string,
    id: string,
    body: JsonObject,
    query?: ProjectionQuery,
    conditions?: Preconditions,
  ): Promise<ResourceResult> {
    return replaceResource(this.#services, ctx, endpoint, id, body, query, conditions);
  }

  patch(
    ctx: OperationContext,
    endpoint: string,
    id: string,
    body: JsonObject,
    query?: ProjectionQuery,
    conditions?: Preconditions,
  ): Promise<ResourceResult> {
    return patchResource(this.#services, ctx, endpoint, id, body, query, conditions);
  }

  delete(ctx: OperationContext, endpoint: string, id: string, conditions?: Preconditions): Promise<void> {
    return deleteResource(ctx, endpoint, id, conditions);
  }

  /** POST /Bulk (RFC 7644 §3.7). */
  bulk(ctx: OperationContext, body: JsonObject): Promise<JsonObject> {
    return runBulk(this.#services, ctx, body);
  }

  /** `endpoint` undefined searches every resource type (RFC 7644 §3.4.2.1 server root). */
  list(ctx: OperationContext, endpoint: string | undefined, params: SearchParams): Promise<JsonObject> {
    return listResources(this.#services, ctx, endpoint, params);
  }
}
