// The pieces PATCH generation is built from: which attributes a PATCH may write and read back, paths in
// every RFC 7644 §3.10 spelling (case varied, optionally URN-qualified), and value filters built from a
// resource's own values so that they select something.
import fc from "fast-check";
import { writable } from "../../arbitraries/complex-arbitraries.js";
import type { JsonObject } from "../../json/json.js";
import { getCi } from "../../json/json.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef, ResolvedPath } from "../../schema-model/schema-model.js";
import type { AttrPathText, CompValue, FilterNode } from "../filter/filter-ast.js";
import { filter } from "../filter/filter-ast.js";

/** What PATCH may write and the harness can read back (RFC 7643 §7 mutability and returned). */
export function patchable(attr: AttributeDef): boolean {
  return (
    writable(attr, "replace") &&
    attr.mutability !== "writeOnly" &&
    (attr.returned === "default" || attr.returned === "always") &&
    // A new unique value could collide with data the harness does not own; uniqueness is not PATCH's topic.
    attr.uniqueness === "none"
  );
}

export const spelling = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s.toLowerCase(),
  (s) => s.toUpperCase(),
);

export function pathText(resolved: ResolvedPath, sub?: AttributeDef): fc.Arbitrary<AttrPathText> {
  return fc.tuple(spelling, fc.boolean()).map(([spell, qualify]) => {
    const uri = resolved.extension || qualify ? resolved.schema.id : undefined;
    return {
      ...(uri ? { uri } : {}),
      name: spell(resolved.attribute.name),
      ...(sub ? { sub: spell(sub.name) } : {}),
    };
  });
}

export interface Site {
  readonly resolved: ResolvedPath;
  readonly attr: AttributeDef;
}

/** A value filter over the current values of a multi-valued complex attribute: `sub eq <existing>`. */
export function valueFilter(
  attr: AttributeDef,
  values: readonly JsonObject[],
): fc.Arbitrary<FilterNode> | undefined {
  const pairs = values.flatMap((v) =>
    attr.subAttributes
      // Booleans are left out: "primary eq false" on a value without primary reads both ways (RFC 7643 §2.4).
      .filter((s) => s.type === "string" || s.type === "integer")
      .map((s) => [s, getCi(v, s.name)] as const)
      .filter(([, x]) => typeof x === "string" || typeof x === "number"),
  );
  if (pairs.length === 0) return undefined;
  return fc
    .tuple(fc.constantFrom(...pairs), spelling)
    .map(([[s, x], spell]) => filter.compare({ name: spell(s.name) }, "eq", x as CompValue));
}

/** The top-level attributes a PATCH may write and read back. */
export function patchSites(type: ResourceTypeModel): Site[] {
  return type
    .topLevel()
    .filter(({ attribute }) => patchable(attribute))
    .map(({ attribute, schema, extension }) => ({
      attr: attribute,
      resolved: { schema, extension, attribute, sub: undefined, target: attribute },
    }));
}
