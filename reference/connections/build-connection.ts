// Assembles a Connection from its parts: a registry of the schemas it serves, the datastore it writes
// to, and one mapping per resource type (PingFederate's dual mapping for configured connections, the
// direct mapping by default). The ConnectionPlan handed to the datastore is derived from the mappings,
// so indexes and uniqueness always follow what is really mapped.
import type { ConnectionPlan, Datastore, DeleteMode, ResourcePlan } from "../datastore/datastore.js";
import { createDirectMapping } from "../mapping/direct/direct-mapping.js";
import type { ResourceMapping } from "../mapping/mapping.js";
import { type CompatLayerName, defaultCompatLayers } from "../protocol/compat/compat-layer.js";
import { advertisedRegistry } from "../protocol/schema/advertised-schemas.js";
import type { ResourceTypeDefinition } from "../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../protocol/schema/schema-registry.js";
import type { AuthenticationScheme, Connection, ResourceBinding } from "./connection.js";

export interface ConnectionParts {
  readonly id: string;
  readonly name: string;
  readonly registry: SchemaRegistry;
  readonly datastore: Datastore;
  /** Defaults to the direct mapping for every resource type. */
  readonly mappingFor?: (rt: ResourceTypeDefinition) => ResourceMapping;
  /** Defaults to "delete" (PingFederate `PERMANENTLY_DELETE_USER`). */
  readonly deleteModeFor?: (rt: ResourceTypeDefinition) => DeleteMode;
  /** Client compatibility layers; all on by default (reference-core issue: "on by default"). */
  readonly compatibility?: readonly CompatLayerName[];
  readonly documentationUri?: string | undefined;
  readonly requireSsl?: boolean;
  readonly authenticationSchemes?: readonly AuthenticationScheme[];
}

export function buildConnection(parts: ConnectionParts): Connection {
  const resources = new Map<string, ResourceBinding>();
  const plans: Record<string, ResourcePlan> = {};
  for (const definition of parts.registry.resourceTypes()) {
    const mapping = parts.mappingFor?.(definition) ?? createDirectMapping(parts.registry, definition);
    resources.set(
      definition.id,
      Object.freeze({ definition, mapping, deleteMode: parts.deleteModeFor?.(definition) ?? "delete" }),
    );
    plans[definition.id] = mapping.plan;
  }
  const plan: ConnectionPlan = Object.freeze({ connectionId: parts.id, resourceTypes: Object.freeze(plans) });
  return Object.freeze({
    id: parts.id,
    name: parts.name,
    registry: parts.registry,
    advertised: advertisedRegistry(parts.registry, (rt) => resources.get(rt.id)?.mapping.servedPaths),
    datastore: parts.datastore,
    plan,
    resources,
    compatibility: Object.freeze([...(parts.compatibility ?? defaultCompatLayers)]),
    documentationUri: parts.documentationUri,
    requireSsl: parts.requireSsl ?? false,
    ...(parts.authenticationSchemes === undefined
      ? {}
      : { authenticationSchemes: parts.authenticationSchemes }),
  });
}
