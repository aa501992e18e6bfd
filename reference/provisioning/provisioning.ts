// The protocol pipeline, framework-free so that the HTTP binding and Bulk share it: each operation takes
// an OperationContext (connection, datastore or transaction, base URL, request facts) and plain inputs,
// and returns plain results or throws ScimError. Nothing here knows Koa, SQL or a driver.
import type { Authentication } from "../connections/connection-resolver.js";
import type { PasswordHasher } from "../connections/password-hasher.js";
import type { DiscoveryContext } from "./discovery/discovery.js";
import type { ServiceFeatures } from "./discovery/service-provider-config.js";
import { defaultServiceLimits, type ServiceLimits } from "./service-limits.js";

export interface ProvisioningDeps {
  readonly limits?: Partial<ServiceLimits>;
  /** Hashes the writeOnly `password` before it reaches a datastore (RFC 7643 §4.1.1). */
  readonly hasher: PasswordHasher;
  readonly documentationUri?: string;
}

export class Provisioning {
  readonly limits: ServiceLimits;
  readonly #deps: ProvisioningDeps;

  constructor(deps: ProvisioningDeps) {
    this.#deps = deps;
    this.limits = Object.freeze({ ...defaultServiceLimits, ...deps.limits });
  }

  /** What works, derived from what is wired (drives /ServiceProviderConfig and 501 answers). */
  get features(): ServiceFeatures {
    return {
      patch: false,
      bulk: false,
      sort: false,
      etag: false,
      changePassword: false,
      cursorPagination: false,
    };
  }

  discovery(
    auth: Authentication,
    baseUrl: string,
    authenticationSchemes: DiscoveryContext["authenticationSchemes"],
  ): DiscoveryContext {
    return {
      registry: auth.connection.registry,
      baseUrl,
      features: this.features,
      limits: this.limits,
      authenticationSchemes,
      documentationUri: this.#deps.documentationUri,
    };
  }
}
