// The containers of a resource type's values (RFC 7643 §3: the base schema's attributes at the top level,
// each extension's under its URN), built once per registry and resource type. Validation walks them several
// times per resource, a /Bulk import once per user, so everything a walk would otherwise derive per call
// (lower-cased URNs for case-insensitive matching, RFC 7643 §2.1; whether an extension is required, §6) is
// derived here once: with one more extension declared, a create that does not use it must not cost more.
import type { JsonObject } from "../resource/json.js";
import { isJsonObject } from "../resource/json.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "./schema-definition.js";
import type { SchemaRegistry } from "./schema-registry.js";

/** One schema's attributes and the object holding their values (the resource, or an extension container). */
export interface Container {
  readonly urn: string;
  readonly lowerUrn: string;
  readonly extension: boolean;
  /** The resource type requires this extension (RFC 7643 §6); false for the base schema. */
  readonly required: boolean;
  readonly defs: readonly AttributeDefinition[];
  /** Prefix for issue paths: "" for the base schema, "<urn>:" for an extension. */
  readonly prefix: string;
}

export interface Containers {
  /** The base schema first, then the extensions in resource-type order. */
  readonly all: readonly Container[];
  readonly extensions: readonly Container[];
  /** Every schema URN of the resource type by its lower-cased spelling. */
  readonly byLowerUrn: ReadonlyMap<string, Container>;
}

const memo = new WeakMap<SchemaRegistry, Map<ResourceTypeDefinition, Containers>>();

export function containersFor(registry: SchemaRegistry, rt: ResourceTypeDefinition): Containers {
  let byType = memo.get(registry);
  if (byType === undefined) {
    byType = new Map();
    memo.set(registry, byType);
  }
  let containers = byType.get(rt);
  if (containers === undefined) {
    containers = build(registry, rt);
    byType.set(rt, containers);
  }
  return containers;
}

/** The base schema's container first, then the extensions'. */
export function containersOf(registry: SchemaRegistry, rt: ResourceTypeDefinition): readonly Container[] {
  return containersFor(registry, rt).all;
}

function build(registry: SchemaRegistry, rt: ResourceTypeDefinition): Containers {
  const base: Container = Object.freeze({
    urn: rt.schema,
    lowerUrn: rt.schema.toLowerCase(),
    extension: false,
    required: false,
    defs: registry.baseAttributes(rt),
    prefix: "",
  });
  const extensions = Object.freeze(
    rt.schemaExtensions.map(
      (e): Container =>
        Object.freeze({
          urn: e.schema,
          lowerUrn: e.schema.toLowerCase(),
          extension: true,
          required: e.required,
          defs: registry.schema(e.schema)?.attributes ?? [],
          prefix: `${e.schema}:`,
        }),
    ),
  );
  const all = Object.freeze([base, ...extensions]);
  return Object.freeze({ all, extensions, byLowerUrn: new Map(all.map((c) => [c.lowerUrn, c])) });
}

export function valuesOf(resource: JsonObject, container: Container): JsonObject | undefined {
  if (!container.extension) return resource;
  const held = resource[container.urn];
  return isJsonObject(held) ? held : undefined;
}
