// Operations a target must refuse, so that a generated request sometimes has to fail as a whole (RFC
// 7644 §3.5.2 "If a single operation encounters an error condition, the original SCIM resource MUST be
// restored"): remove without a path (§3.5.2.2 noTarget), removing a required attribute (§3.5.2.2
// mutability), a replace whose value filter matches nothing (§3.5.2.3 noTarget), and changing an
// immutable value the resource already has (§3.5.2 mutability).
import fc from "fast-check";
import type { ValueOptions } from "../../arbitraries/complex-arbitraries.js";
import { writable } from "../../arbitraries/complex-arbitraries.js";
import { scalarArbitrary } from "../../arbitraries/scalar-arbitraries.js";
import { textArbitrary } from "../../arbitraries/text-arbitrary.js";
import type { JsonObject } from "../../json/json.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import { filter } from "../filter/filter-ast.js";
import type { PatchOperation } from "./patch-ast.js";
import type { Site } from "./patch-sites.js";
import { pathText } from "./patch-sites.js";
import { readAttr } from "./patch-state.js";

/** A different value of the same type: the change an immutable attribute must refuse. */
function changed(current: string | number | boolean): string | number | boolean {
  if (typeof current === "boolean") return !current;
  if (typeof current === "number") return current + 1;
  return `${current}-changed`;
}

export function refusalOperations(
  type: ResourceTypeModel,
  resource: JsonObject,
  sites: readonly Site[],
  values: ValueOptions,
): fc.Arbitrary<PatchOperation> {
  const refusals: fc.Arbitrary<PatchOperation>[] = [fc.constant({ op: "remove" })];
  const required = type
    .topLevel()
    .find(({ attribute }) => attribute.required && attribute.mutability !== "readOnly");
  if (required !== undefined) {
    const resolved = {
      schema: required.schema,
      extension: required.extension,
      attribute: required.attribute,
      sub: undefined,
      target: required.attribute,
    };
    refusals.push(pathText(resolved).map((attr) => ({ op: "remove", path: { attr } })));
  }
  const mv = sites.find(
    (s) =>
      s.attr.type === "complex" &&
      s.attr.multiValued &&
      s.attr.subAttributes.some((x) => x.name.toLowerCase() === "value"),
  );
  const valueSub = mv?.attr.subAttributes.find(
    (x) =>
      x.name.toLowerCase() === "value" && writable(x, "replace", mv.attr) && x.mutability !== "immutable",
  );
  if (mv !== undefined && valueSub !== undefined) {
    // A filter on a value nobody has: RFC 7644 §3.5.2.3 requires 400 noTarget.
    refusals.push(
      fc
        .tuple(pathText(mv.resolved), textArbitrary({ maxLength: 8 }), scalarArbitrary(valueSub, values))
        .map(([attr, nonce, value]) => ({
          op: "replace",
          path: {
            attr,
            filter: filter.compare({ name: "value" }, "eq", `no-such-value-${nonce}`),
            subAfterFilter: valueSub.name,
          },
          value,
        })),
    );
  }
  // Changing an immutable value the resource already has: RFC 7644 §3.5.2 requires 400 mutability.
  for (const { attribute, schema, extension } of type.topLevel()) {
    if (attribute.mutability !== "immutable" || attribute.multiValued || attribute.type === "complex")
      continue;
    const resolved = { schema, extension, attribute, sub: undefined, target: attribute };
    const current = readAttr(resource, resolved);
    if (typeof current !== "string" && typeof current !== "number" && typeof current !== "boolean") continue;
    refusals.push(
      fc
        .tuple(fc.constantFrom("add" as const, "replace" as const), pathText(resolved))
        .map(([op, attr]) => ({ op, path: { attr }, value: changed(current) }) as PatchOperation),
    );
  }
  return fc.oneof(...refusals);
}
