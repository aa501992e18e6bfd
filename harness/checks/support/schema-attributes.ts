// Finding attributes by their characteristics in the target's own schemas (RFC 7643 §7), so checks
// of immutable, returned=request or uniqueness=server behaviour work on whatever attribute the target
// declares, base schema or extension, instead of assuming one.
import type { SchemaAttributeInfo } from "../../engine/discovery.js";
import type { CheckContext } from "../check-context.js";
import type { JsonObject } from "./json.js";

export interface FoundAttribute {
  readonly schema: string;
  /** The extension URN the attribute lives under, or undefined for the base schema. */
  readonly container: string | undefined;
  readonly def: SchemaAttributeInfo;
  /** The name to use in paths, filters and attributes=: plain, or URN-qualified for an extension. */
  readonly path: string;
}

/** Every top-level attribute of a resource type, base schema first. */
export function attributesOf(ctx: CheckContext, typeName: string): FoundAttribute[] {
  const type = ctx.discovery.resourceType(typeName);
  if (type === undefined) return [];
  const base = (ctx.discovery.schema(type.schema)?.attributes ?? []).map((def) => ({
    schema: type.schema,
    container: undefined,
    def,
    path: def.name,
  }));
  const extensions = type.schemaExtensions.flatMap((x) =>
    (ctx.discovery.schema(x.schema)?.attributes ?? []).map((def) => ({
      schema: x.schema,
      container: x.schema as string | undefined,
      def,
      path: `${x.schema}:${def.name}`,
    })),
  );
  return [...base, ...extensions];
}

/** A single-valued, client-writable string attribute matching `test`, if the target declares one. */
export function findStringAttribute(
  ctx: CheckContext,
  typeName: string,
  test: (def: SchemaAttributeInfo) => boolean,
): FoundAttribute | undefined {
  return attributesOf(ctx, typeName).find(
    (a) =>
      a.def.type === "string" &&
      !a.def.multiValued &&
      a.def.mutability !== "readOnly" &&
      a.def.name.toLowerCase() !== "username" &&
      test(a.def),
  );
}

/** A body fragment that sets `found` to `value` (nested under its extension URN when it has one). */
export function fragment(found: FoundAttribute, value: unknown): JsonObject {
  return found.container === undefined
    ? { [found.def.name]: value }
    : { [found.container]: { [found.def.name]: value } };
}

/** The `schemas` list a body needs to carry `found` (the extension URN added). */
export function schemasFor(baseUrn: string, ...found: (FoundAttribute | undefined)[]): string[] {
  const extra = found.flatMap((f) => (f?.container ? [f.container] : []));
  return [baseUrn, ...new Set(extra)];
}
