// What the generator may filter on: every attribute and sub-attribute of the type that a read returns
// (RFC 7643 §7 returned default/always, so the oracle sees the value the target filters on, RFC 7644
// §3.4.2.2 "SHALL use the value that was returned to the client"), with the values the harness's own
// resources hold there, so generated filters select something. Binary values have no defined ordering
// and no meaningful substring (RFC 7644 §3.4.2.2), and "$ref" is server-made: both are left out.
import type { JsonObject } from "../../json/json.js";
import { getCi, isObject, isUnassigned } from "../../json/json.js";
import { valuesAt } from "../../schema-model/resource-access.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef, ResolvedPath } from "../../schema-model/schema-model.js";

export interface FilterLeaf {
  readonly resolved: ResolvedPath;
  /** The attribute compared: the sub-attribute, or the simple top-level attribute. */
  readonly attr: AttributeDef;
  /** Distinct values the resources hold at this path. */
  readonly observed: readonly unknown[];
}

export interface ValuePathSite {
  readonly resolved: ResolvedPath;
  readonly subs: readonly { readonly attr: AttributeDef; readonly observed: readonly unknown[] }[];
}

export function filterable(attr: AttributeDef): boolean {
  return (
    (attr.returned === "default" || attr.returned === "always") &&
    attr.mutability !== "writeOnly" &&
    attr.type !== "binary" &&
    attr.type !== "complex" &&
    attr.name !== "$ref"
  );
}

function distinct(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function filterLeaves(type: ResourceTypeModel, resources: readonly JsonObject[]): FilterLeaf[] {
  const leaves: FilterLeaf[] = [];
  for (const { attribute, schema, extension } of type.topLevel()) {
    if (attribute.type !== "complex") {
      if (!filterable(attribute)) continue;
      const resolved: ResolvedPath = { schema, extension, attribute, sub: undefined, target: attribute };
      leaves.push({
        resolved,
        attr: attribute,
        observed: distinct(resources.flatMap((r) => valuesAt(r, resolved))),
      });
      continue;
    }
    if (attribute.returned !== "default" && attribute.returned !== "always") continue;
    for (const sub of attribute.subAttributes) {
      if (!filterable(sub)) continue;
      const resolved: ResolvedPath = { schema, extension, attribute, sub, target: sub };
      leaves.push({
        resolved,
        attr: sub,
        observed: distinct(resources.flatMap((r) => valuesAt(r, resolved))),
      });
    }
  }
  return leaves;
}

/** Multi-valued complex attributes the resources hold values of: where `attr[…]` value paths can go. */
export function valuePathSites(type: ResourceTypeModel, resources: readonly JsonObject[]): ValuePathSite[] {
  const sites: ValuePathSite[] = [];
  for (const { attribute, schema, extension } of type.topLevel()) {
    if (attribute.type !== "complex" || !attribute.multiValued) continue;
    if (attribute.returned !== "default" && attribute.returned !== "always") continue;
    const resolved: ResolvedPath = { schema, extension, attribute, sub: undefined, target: attribute };
    const elements = resources.flatMap((r) => valuesAt(r, resolved)).filter(isObject);
    if (elements.length === 0) continue;
    const subs = attribute.subAttributes.filter(filterable).map((attr) => ({
      attr,
      observed: distinct(elements.map((e) => getCi(e, attr.name)).filter((v) => !isUnassigned(v))),
    }));
    if (subs.length > 0) sites.push({ resolved, subs });
  }
  return sites;
}
