// What discovery advertises for a connection whose mapping keeps only part of a resource. RFC 7643 §7:
// the /Schemas endpoint "is used to specify the attributes" a service provider supports, and clients
// (Okta's profile import, a conformance run) write exactly what it lists. PingFederate serves the full core
// schemas whatever a connection maps, so an attribute outside the attribute contract is accepted and then
// silently dropped; here a connection's /Schemas and /ResourceTypes list only what its read mapping
// returns. Writes of other attributes are still accepted and ignored, as in PingFederate.
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from "./schema-definition.js";
import { SchemaRegistry } from "./schema-registry.js";

/** One SCIM path a mapping serves, in the schema's spelling. */
export interface ServedPath {
  /** URN of the schema that defines the top-level attribute. */
  readonly schema: string;
  readonly attribute: string;
  /** Only this sub-attribute is served (`name.givenName`, `emails.value`); the whole attribute when absent. */
  readonly subAttribute?: string | undefined;
  /** PingFederate's typed path (`emails.work.value`): only elements of this `type` are served. */
  readonly type?: string | undefined;
}

/** How much of one top-level attribute is served: all of it, or some sub-attributes of some (or any) types. */
type Reach = "whole" | { readonly subs: Set<string>; types: Set<string> | "any"; typed: boolean };

const lower = (s: string) => s.toLowerCase();

/**
 * The registry discovery serves: `registry` narrowed, per resource type, to the paths `servedOf` returns
 * for it (undefined: the whole resource type, as the direct mapping keeps everything). An extension left
 * without attributes is no longer offered, unless it is required. Returns `registry` itself when nothing
 * is narrowed.
 */
export function advertisedRegistry(
  registry: SchemaRegistry,
  servedOf: (rt: ResourceTypeDefinition) => readonly ServedPath[] | undefined,
): SchemaRegistry {
  // Reaches per schema URN, merged across resource types (a schema two types share serves their union).
  const reaches = new Map<string, Map<string, Reach> | "whole">();
  for (const rt of registry.resourceTypes()) {
    const served = servedOf(rt);
    for (const urn of registry.schemaUrnsOf(rt)) {
      const key = lower(urn);
      if (served === undefined) reaches.set(key, "whole");
      else if (!reaches.has(key)) reaches.set(key, new Map());
    }
    for (const path of served ?? []) addReach(reaches.get(lower(path.schema)), path);
  }
  if ([...reaches.values()].every((r) => r === "whole")) return registry;

  const schemas = registry.schemas().map((schema) => {
    const reach = reaches.get(lower(schema.id));
    return reach === undefined || reach === "whole" ? schema : narrowSchema(schema, reach);
  });
  const byUrn = new Map(schemas.map((s) => [lower(s.id), s]));
  const resourceTypes = registry.resourceTypes().map((rt) => {
    const kept = rt.schemaExtensions.filter(
      (x) => x.required || (byUrn.get(lower(x.schema))?.attributes.length ?? 0) > 0,
    );
    return kept.length === rt.schemaExtensions.length ? rt : Object.freeze({ ...rt, schemaExtensions: kept });
  });
  const offered = new Set(resourceTypes.flatMap((rt) => registry.schemaUrnsOf(rt).map(lower)));
  // Extensions no resource type offers any more drop out of /Schemas; the service provider schemas stay.
  return new SchemaRegistry(
    schemas.filter((s) => !reaches.has(lower(s.id)) || offered.has(lower(s.id))),
    resourceTypes,
  );
}

function addReach(reaches: Map<string, Reach> | "whole" | undefined, path: ServedPath): void {
  if (reaches === undefined || reaches === "whole") return;
  const key = lower(path.attribute);
  const reach = reaches.get(key);
  if (reach === "whole") return;
  if (path.subAttribute === undefined) {
    reaches.set(key, "whole");
    return;
  }
  const next = reach ?? { subs: new Set<string>(), types: new Set<string>(), typed: false };
  next.subs.add(lower(path.subAttribute));
  if (path.type === undefined) next.types = "any";
  else {
    next.typed = true;
    if (next.types !== "any") next.types.add(path.type);
  }
  reaches.set(key, next);
}

function narrowSchema(schema: SchemaDefinition, reaches: Map<string, Reach>): SchemaDefinition {
  const attributes: AttributeDefinition[] = [];
  for (const def of schema.attributes) {
    const reach = reaches.get(lower(def.name));
    if (reach === undefined) continue;
    attributes.push(reach === "whole" ? def : narrowAttribute(def, reach));
  }
  return Object.freeze({ ...schema, attributes: Object.freeze(attributes) });
}

function narrowAttribute(def: AttributeDefinition, reach: Exclude<Reach, "whole">): AttributeDefinition {
  const subAttributes = (def.subAttributes ?? []).flatMap((sub) => {
    const name = lower(sub.name);
    // A typed path stores its elements' type implicitly (emails.work.value comes back with type "work"), so
    // `type` is served; when every path is typed, only the configured types are its canonical values.
    if (name === "type" && reach.typed) {
      return [reach.types === "any" ? sub : Object.freeze({ ...sub, canonicalValues: [...reach.types] })];
    }
    return reach.subs.has(name) ? [sub] : [];
  });
  return Object.freeze({ ...def, subAttributes: Object.freeze(subAttributes) });
}
