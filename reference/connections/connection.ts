// An IdP connection as the request pipeline sees it (PingFederate: inbound provisioning is a facet of an
// IdP connection, and the connection is selected by the client's back-channel credential). Everything a
// request needs after authentication hangs off it: the schemas it serves, the mapping per resource type,
// the datastore it writes to. configured-connection.ts builds them from PingFederate-shaped configuration;
// builtin-connection.ts builds the one connection the pipeline's HTTP tests use.
import type { ConnectionPlan, Datastore, DeleteMode } from "../datastore/datastore.js";
import type { ResourceMapping } from "../mapping/mapping.js";
import type { CompatLayerName } from "../protocol/compat/compat-layer.js";
import type { ResourceTypeDefinition } from "../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../protocol/schema/schema-registry.js";

/** One resource type served by a connection. */
export interface ResourceBinding {
  readonly definition: ResourceTypeDefinition;
  readonly mapping: ResourceMapping;
  /** PingFederate `actionOnDelete`: "disable" keeps the entry hidden (DISABLE_USER); groups always delete. */
  readonly deleteMode: DeleteMode;
}

/** RFC 7643 §5 `authenticationSchemes`, as /ServiceProviderConfig lists them. */
export interface AuthenticationScheme {
  readonly type: "oauthbearertoken" | "httpbasic";
  readonly name: string;
  readonly description: string;
  readonly specUri: string;
  readonly primary?: boolean;
}

export interface Connection {
  readonly id: string;
  readonly name: string;
  /** The schemas and resource types this connection serves (PingFederate User vs User and Group Support). */
  readonly registry: SchemaRegistry;
  /** `registry` narrowed to what the mappings serve: what /Schemas and /ResourceTypes advertise. */
  readonly advertised: SchemaRegistry;
  readonly datastore: Datastore;
  readonly plan: ConnectionPlan;
  /** Keyed by resource type id ("User", "Group"); only the types the registry serves. */
  readonly resources: ReadonlyMap<string, ResourceBinding>;
  /** Client compatibility layers switched on for this connection (Entra ID, Okta); on by default. */
  readonly compatibility: readonly CompatLayerName[];
  /** PingFederate `serviceProviderConfig.documentationUri`, served in /ServiceProviderConfig (RFC 7643 §5). */
  readonly documentationUri?: string | undefined;
  /** PingFederate `requireSsl`: requests with this connection's credentials must arrive over TLS. */
  readonly requireSsl?: boolean;
  /** The schemes this connection accepts, for its /ServiceProviderConfig; the resolver's when absent. */
  readonly authenticationSchemes?: readonly AuthenticationScheme[];
}
