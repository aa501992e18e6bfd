// The schemas and resource types every connection starts from: the RFC 7643 §8.7 representations and the
// §8.6 resource types committed under spec/schemas/. They are read once from disk (the files are the
// contract, see spec/schemas/README.md) and frozen; a connection may add its own extension schema on top
// (PingFederate `customScim2Schema`, the connections issue).
import { readFileSync } from "node:fs";
import type { ResourceTypeDefinition, SchemaDefinition } from "../protocol/schema/schema-definition.js";
import { SchemaRegistry } from "../protocol/schema/schema-registry.js";

const specDir = new URL("../../spec/schemas/", import.meta.url);

/** Every schema /Schemas serves: the three resource schemas and the three §8.7.2 service provider schemas. */
export const specSchemaFiles = [
  "user.schema.json",
  "group.schema.json",
  "enterprise-user.schema.json",
  "service-provider-config.schema.json",
  "resource-type.schema.json",
  "schema.schema.json",
] as const;

export const specResourceTypeFiles = ["resource-types/user.json", "resource-types/group.json"] as const;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, specDir), "utf8")) as T;
}

let cached:
  | { schemas: readonly SchemaDefinition[]; resourceTypes: readonly ResourceTypeDefinition[] }
  | undefined;

/** The spec's schema and resource-type documents, parsed once per process. */
export function specDefinitions(): {
  readonly schemas: readonly SchemaDefinition[];
  readonly resourceTypes: readonly ResourceTypeDefinition[];
} {
  if (cached === undefined) {
    const schemas = specSchemaFiles.map((f) => Object.freeze(readJson<SchemaDefinition>(f)));
    const resourceTypes = specResourceTypeFiles.map((f) => {
      // RFC 7643 §6: `schemaExtensions` is optional; the Group file omits it.
      const rt = readJson<Omit<ResourceTypeDefinition, "schemaExtensions"> & Partial<ResourceTypeDefinition>>(
        f,
      );
      return Object.freeze({ ...rt, schemaExtensions: rt.schemaExtensions ?? [] });
    });
    cached = { schemas: Object.freeze(schemas), resourceTypes: Object.freeze(resourceTypes) };
  }
  return cached;
}

export interface SpecRegistryOptions {
  /** Resource type ids to serve; all of the spec's when omitted ("User" only for PingFederate User Support). */
  readonly resourceTypes?: readonly string[];
  readonly extraSchemas?: readonly SchemaDefinition[];
}

/** A registry with the spec's schemas, optionally narrowed to some resource types. */
export function specRegistry(options: SpecRegistryOptions = {}): SchemaRegistry {
  const { schemas, resourceTypes } = specDefinitions();
  const wanted = options.resourceTypes?.map((id) => id.toLowerCase());
  const types =
    wanted === undefined ? resourceTypes : resourceTypes.filter((rt) => wanted.includes(rt.id.toLowerCase()));
  return new SchemaRegistry([...schemas, ...(options.extraSchemas ?? [])], types);
}
