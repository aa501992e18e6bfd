// Which attributes of a resource type carry a uniqueness constraint (RFC 7643 §2.2 and §7 `uniqueness`:
// "server" = unique within the service provider's resources of that type, "global" = unique across
// everything the provider knows), so the datastore plan can index them and answer a violation with 409
// `uniqueness` (RFC 7644 §3.3, §3.5.1). Validation does not check them: only the datastore sees the other
// resources, and a check-then-write outside its transaction would race.
//
// readOnly attributes (`id`) are left out: the server assigns them and guarantees their uniqueness by
// construction. Comparison follows caseExact, so `userName` (caseExact false) must be unique
// case-insensitively, as the issue asks.
import type { AttrPath } from "../path/attr-path.js";
import type { ResolvedAttribute } from "./resolved-attribute.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "./schema-definition.js";
import type { SchemaRegistry } from "./schema-registry.js";

export interface UniqueAttribute {
  readonly attribute: ResolvedAttribute;
  /** Canonical path, e.g. "userName" or "urn:…:enterprise:2.0:User:employeeNumber". */
  readonly path: string;
  readonly uniqueness: "server" | "global";
  /** False: values that differ only in case collide. */
  readonly caseExact: boolean;
}

export function uniqueAttributes(registry: SchemaRegistry, rt: ResourceTypeDefinition): UniqueAttribute[] {
  const found: UniqueAttribute[] = [];
  const visit = (
    schema: string | undefined,
    def: AttributeDefinition,
    sub: AttributeDefinition | undefined,
  ) => {
    const leaf = sub ?? def;
    if (leaf.uniqueness === "none" || leaf.mutability === "readOnly" || def.mutability === "readOnly") return;
    const path: AttrPath = { kind: "attrPath", schema, name: def.name, subAttr: sub?.name };
    const resolved = registry.resolve(rt, path);
    if (resolved?.kind !== "attribute") return;
    found.push({
      attribute: resolved,
      path: resolved.path,
      uniqueness: leaf.uniqueness,
      caseExact: leaf.caseExact,
    });
  };
  const walk = (schema: string | undefined, defs: readonly AttributeDefinition[]) => {
    for (const def of defs) {
      if (def.type !== "complex") visit(schema, def, undefined);
      for (const sub of def.subAttributes ?? []) visit(schema, def, sub);
    }
  };
  walk(undefined, registry.baseAttributes(rt));
  for (const ext of rt.schemaExtensions) walk(ext.schema, registry.schema(ext.schema)?.attributes ?? []);
  return found;
}
