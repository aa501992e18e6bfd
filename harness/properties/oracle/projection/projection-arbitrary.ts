// Generated `attributes` / `excludedAttributes` parameters (RFC 7644 §3.9): one to three attribute or
// sub-attribute names of the type, in standard attribute notation (RFC 7644 §3.10), sometimes
// URN-qualified, in varying case (attribute names are case-insensitive, RFC 7643 §2.1).
import fc from "fast-check";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { ProjectionParams } from "./projection-oracle.js";

const spelling = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s,
  (s) => s.toLowerCase(),
  (s) => s.toUpperCase(),
);

export function projectionNames(type: ResourceTypeModel): fc.Arbitrary<string> {
  const names = type.topLevel().flatMap(({ attribute, schema, extension }) => [
    { schema: schema.id, extension, name: attribute.name, sub: undefined as string | undefined },
    ...attribute.subAttributes.map((s) => ({
      schema: schema.id,
      extension,
      name: attribute.name,
      sub: s.name as string | undefined,
    })),
  ]);
  return fc.tuple(fc.constantFrom(...names), spelling, fc.boolean()).map(([n, spell, qualify]) => {
    const local = `${spell(n.name)}${n.sub ? `.${spell(n.sub)}` : ""}`;
    return n.extension || qualify ? `${n.schema}:${local}` : local;
  });
}

export function projectionArbitrary(type: ResourceTypeModel): fc.Arbitrary<ProjectionParams> {
  const list = fc.uniqueArray(projectionNames(type), {
    minLength: 1,
    maxLength: 3,
    selector: (s) => s.toLowerCase(),
  });
  return fc.oneof(
    list.map((attributes) => ({ attributes })),
    list.map((excludedAttributes) => ({ excludedAttributes })),
  );
}
