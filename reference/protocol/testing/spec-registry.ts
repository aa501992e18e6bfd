// TEST-ONLY helper: a SchemaRegistry for the User (with the EnterpriseUser extension) and Group resource
// types, built from the RFC 7643 §8.7 schema files in spec/schemas/. It reads files with node:fs, which the
// protocol core must not do, so only *.test.ts files (and scripts) may import it; production code gets
// its registry from the composition root.
import { readFileSync } from "node:fs";
import type { ResourceTypeDefinition, SchemaDefinition } from "../schema/schema-definition.js";
import { SchemaRegistry } from "../schema/schema-registry.js";

const specDir = new URL("../../../spec/schemas/", import.meta.url);

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(new URL(relative, specDir), "utf8")) as T;
}

let memo: SchemaRegistry | undefined;

/** The registry for spec/schemas (User + EnterpriseUser, Group), built once per process. */
export function specRegistry(): SchemaRegistry {
  memo ??= new SchemaRegistry(
    ["user.schema.json", "enterprise-user.schema.json", "group.schema.json"].map((f) =>
      readJson<SchemaDefinition>(f),
    ),
    // RFC 7643 §6 makes schemaExtensions optional (the Group resource type has none); the contract
    // type requires the array, so an absent one becomes [].
    ["resource-types/user.json", "resource-types/group.json"].map((f) => {
      const rt = readJson<Omit<ResourceTypeDefinition, "schemaExtensions"> & Partial<ResourceTypeDefinition>>(
        f,
      );
      return { ...rt, schemaExtensions: rt.schemaExtensions ?? [] };
    }),
  );
  return memo;
}
