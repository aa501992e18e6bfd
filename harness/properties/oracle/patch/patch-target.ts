// Resolves a PATCH path against the resource type (RFC 7644 §3.5.2 "The attribute notation rules
// described in Section 3.10 apply"): case-insensitive names, URN-qualified core and extension paths, a
// value filter on a multi-valued complex attribute and a sub-attribute after it. An unknown path is the
// target's 400 invalidPath (RFC 7644 §3.12 Table 9).
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef, ResolvedPath } from "../../schema-model/schema-model.js";
import { findAttribute } from "../../schema-model/schema-model.js";
import type { FilterNode } from "../filter/filter-ast.js";
import { pathString } from "../filter/filter-ast.js";
import type { PatchPath } from "./patch-ast.js";

export type PatchTarget =
  | {
      readonly kind: "attribute";
      readonly resolved: ResolvedPath;
    }
  | {
      readonly kind: "filtered";
      readonly resolved: ResolvedPath;
      readonly filter: FilterNode;
      readonly sub: AttributeDef | undefined;
    }
  | { readonly kind: "invalid"; readonly reason: string };

export function resolveTarget(type: ResourceTypeModel, path: PatchPath): PatchTarget {
  const text = pathString(path.attr);
  const resolved = type.resolve(text);
  if (resolved === undefined)
    return { kind: "invalid", reason: `"${text}" is not an attribute of ${type.name}` };
  if (path.filter === undefined) {
    if (path.subAfterFilter !== undefined)
      return { kind: "invalid", reason: "a sub-attribute after no filter" };
    return { kind: "attribute", resolved };
  }
  const attr = resolved.attribute;
  if (resolved.sub !== undefined || attr.type !== "complex" || !attr.multiValued) {
    return {
      kind: "invalid",
      reason: `"${text}" is not a multi-valued complex attribute: no value filter applies`,
    };
  }
  let sub: AttributeDef | undefined;
  if (path.subAfterFilter !== undefined) {
    sub = findAttribute(attr.subAttributes, path.subAfterFilter);
    if (sub === undefined)
      return { kind: "invalid", reason: `"${path.subAfterFilter}" is not a sub-attribute of ${attr.name}` };
  }
  return { kind: "filtered", resolved, filter: path.filter, sub };
}
