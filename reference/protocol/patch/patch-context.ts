// What the PATCH engine needs to know about where it runs: the live schema registry, the resource type
// of the resource being patched, and the validation knobs shared with POST and PUT (validation-types.ts),
// so a PATCH and a PUT of the same content are judged alike.
import type { ResourceTypeDefinition } from "../schema/schema-definition.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";
import type { ValidationOptions } from "../schema/validation-types.js";

export interface PatchContext {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeDefinition;
  readonly validation?: Partial<ValidationOptions>;
}
