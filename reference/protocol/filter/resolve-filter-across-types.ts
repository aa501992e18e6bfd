// Resolution for searches that span resource types (GET /?filter=…, POST /.search at the root). RFC 7644
// §3.4.2.1: "For filtered attributes that are not part of a particular resource type, the service provider
// SHALL treat the attribute as if there is no attribute value". So, per resource type, an attribute the type
// does not have is absent: comparisons on it are false, `ne` is true (`ne` is `not eq`, match-filter.ts),
// `eq null` is true, `pr` and a value filter on it are false. The constants are folded away (and/or/not),
// leaving a filter over the attributes the type has, or a plain true/false for the whole type, which tells
// the caller to take every resource of the type or none without asking the datastore.
// Only whole attributes count as "not part of the resource type": an unknown sub-attribute of an attribute
// the type does have (`name.nope`, `emails[nope pr]`), a type mismatch or `password` are still the client's
// error (400 invalidFilter), as in resolve-filter.ts.
import type { AttrPath } from "../path/attr-path.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import type { ResourceTypeDefinition } from "../schema/schema-definition.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";
import { andNode, notNode, orNode } from "./filter-builders.js";
import type { FilterNode } from "./filter-node.js";
import { resolveFilter } from "./resolve-filter.js";

type Folded = FilterNode<AttrPath> | boolean;

function belongsTo(registry: SchemaRegistry, rt: ResourceTypeDefinition, path: AttrPath): boolean {
  const whole = { ...path, subAttr: undefined };
  if (registry.resolve(rt, whole) !== undefined) return true;
  return whole.name.toLowerCase() === "schemas"; // every resource has `schemas` (schemas-attribute.ts)
}

function fold(registry: SchemaRegistry, rt: ResourceTypeDefinition, node: FilterNode<AttrPath>): Folded {
  switch (node.kind) {
    case "compare":
      if (belongsTo(registry, rt, node.attr)) return node;
      // An absent value: only "not equal" and "equals unassigned" hold (RFC 7643 §2.5 for null).
      return node.value === null ? node.op === "eq" : node.op === "ne";
    case "present":
    case "valuePath":
      return belongsTo(registry, rt, node.attr) ? node : false;
    case "not": {
      const operand = fold(registry, rt, node.operand);
      return typeof operand === "boolean" ? !operand : notNode(operand);
    }
    case "and": {
      const left = fold(registry, rt, node.left);
      const right = fold(registry, rt, node.right);
      if (left === false || right === false) return false;
      if (left === true) return right;
      if (right === true) return left;
      return andNode(left, right);
    }
    case "or": {
      const left = fold(registry, rt, node.left);
      const right = fold(registry, rt, node.right);
      if (left === true || right === true) return true;
      if (left === false) return right;
      if (right === false) return left;
      return orNode(left, right);
    }
  }
}

/**
 * Resolves a filter for one resource type of a cross-type search: a resolved filter, or `true`/`false`
 * when the filter's outcome for this type does not depend on any resource.
 */
export function resolveFilterAcrossTypes(
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
  ast: FilterNode<AttrPath>,
): FilterNode<ResolvedAttribute> | boolean {
  const folded = fold(registry, resourceType, ast);
  return typeof folded === "boolean" ? folded : resolveFilter(registry, resourceType, folded);
}
