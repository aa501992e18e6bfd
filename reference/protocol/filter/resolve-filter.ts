// Resolves a parsed filter against a resource type's schemas (RFC 7644 §3.4.2.2, §3.10): every attribute
// path becomes a ResolvedAttribute carrying its type and caseExact, so the matcher and the SQL compiler
// never look at the client's spelling again. Everything that cannot be evaluated is refused here, with a
// 400 invalidFilter that names the attribute:
// - an unknown attribute: never a silent empty result (server-anchors.md §3.6: Keycloak answers 200
//   with zero results for unmapped attributes, which hides the client's mistake);
// - a path naming a whole schema (`urn:…:enterprise:2.0:User pr`): use `schemas eq "urn:…"` instead;
// - attributes that are never returned (`returned: never`, or `mutability: writeOnly`), i.e. `password`:
//   RFC 7643 §7 defines returned "never" as "The attribute is never returned" and writeOnly as "Attribute
//   values SHALL NOT be returned", and a filter is an oracle that would return them one comparison at a
//   time (`password sw "a"`, then "ab"…); RFC 7643 §4.1.1 adds that a password's cleartext or hashed value
//   "SHOULD NOT be returnable by a service provider". Our decision, following from both;
// - comparisons whose types do not fit (filter-type-rules.ts).
// A comparison on a complex multi-valued attribute without a sub-attribute applies to its `value`
// sub-attribute: RFC 7644 §3.4.2.2 Figure 2 filters `emails co "example.com"` that way, beside
// `emails.value co "example.org"`. Single-valued complex attributes get no such default (§3.4.2.2: "For
// complex attributes, a fully qualified sub-attribute MUST be specified"); `pr` applies to any attribute.
import { badRequest, type ScimType } from "../errors/scim-error.js";
import type { AttrPath } from "../path/attr-path.js";
import { printAttrPath } from "../path/print-attr-path.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import type { ResourceTypeDefinition } from "../schema/schema-definition.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";
import { andNode, compareNode, notNode, orNode, presentNode, valuePathNode } from "./filter-builders.js";
import type { FilterNode } from "./filter-node.js";
import { comparisonProblem } from "./filter-type-rules.js";
import { schemasAttribute } from "./schemas-attribute.js";

type Resolve = (path: AttrPath) => ResolvedAttribute;
type Fail = (detail: string) => never;

function failer(scimType: ScimType): Fail {
  return (detail) => {
    throw badRequest(scimType, detail);
  };
}

function checkFilterable(attr: ResolvedAttribute, where: string, fail: Fail): ResolvedAttribute {
  for (const def of [attr.attribute, attr.subAttribute]) {
    if (def !== undefined && (def.returned === "never" || def.mutability === "writeOnly")) {
      fail(
        `'${where}' cannot be used in a filter: its values are never returned (RFC 7643 §7), and filtering on it would disclose them`,
      );
    }
  }
  return attr;
}

/**
 * Applies RFC 7644 §3.4.2.2 Figure 2's reading of `emails co "…"`: a multi-valued complex attribute
 * compared without a sub-attribute is compared through its `value` sub-attribute.
 */
function comparisonTarget(registry: SchemaRegistry, attr: ResolvedAttribute): ResolvedAttribute {
  if (attr.subAttribute !== undefined || attr.leaf.type !== "complex" || !attr.attribute.multiValued)
    return attr;
  return registry.resolveSub(attr, "value") ?? attr;
}

function resolveNodes(
  registry: SchemaRegistry,
  node: FilterNode<AttrPath>,
  resolve: Resolve,
  fail: Fail,
  resolveValuePath:
    | ((node: Extract<FilterNode<AttrPath>, { kind: "valuePath" }>) => FilterNode<ResolvedAttribute>)
    | undefined,
): FilterNode<ResolvedAttribute> {
  const again = (n: FilterNode<AttrPath>) => resolveNodes(registry, n, resolve, fail, resolveValuePath);
  switch (node.kind) {
    case "compare": {
      const attr = comparisonTarget(registry, resolve(node.attr));
      // Named by its canonical path, so `emails[primary eq "yes"]` reports 'emails.primary'.
      const problem = comparisonProblem(attr.leaf, node.op, node.value, attr.path);
      if (problem !== undefined) fail(problem);
      return compareNode(attr, node.op, node.value);
    }
    case "present":
      return presentNode(resolve(node.attr));
    case "and":
      return andNode(again(node.left), again(node.right));
    case "or":
      return orNode(again(node.left), again(node.right));
    case "not":
      return notNode(again(node.operand));
    case "valuePath":
      if (resolveValuePath === undefined) {
        return fail(
          `'${printAttrPath(node.attr)}[…]' is a value filter inside a value filter (RFC 7644 §3.4.2.2 valFilter)`,
        );
      }
      return resolveValuePath(node);
  }
}

/**
 * Resolves the inner filter of a value filter (`emails[type eq "work"]` in a filter or a PATCH path)
 * against the sub-attributes of the complex attribute `outer`. PATCH passes scimType `invalidPath`.
 */
export function resolveValueFilter(
  registry: SchemaRegistry,
  outer: ResolvedAttribute,
  ast: FilterNode<AttrPath>,
  scimType: ScimType = "invalidFilter",
): FilterNode<ResolvedAttribute> {
  const fail = failer(scimType);
  const outerName = outer.path;
  if (outer.subAttribute !== undefined || outer.attribute.type !== "complex") {
    fail(
      `'${outerName}' is not a complex attribute, so it cannot take a value filter (RFC 7644 §3.4.2.2 valuePath)`,
    );
  }
  const resolve: Resolve = (path) => {
    const where = printAttrPath(path);
    if (path.schema !== undefined || path.subAttr !== undefined) {
      fail(`'${where}' inside '${outerName}[…]' must be a plain sub-attribute name of '${outerName}'`);
    }
    const sub = registry.resolveSub(outer, path.name);
    if (sub === undefined) return fail(`'${outerName}' has no sub-attribute '${path.name}'`);
    return checkFilterable(sub, `${outerName}.${path.name}`, fail);
  };
  return resolveNodes(registry, ast, resolve, fail, undefined);
}

function isSchemasPath(path: AttrPath, rt: ResourceTypeDefinition): boolean {
  return (
    path.name.toLowerCase() === "schemas" &&
    path.subAttr === undefined &&
    (path.schema === undefined || path.schema.toLowerCase() === rt.schema.toLowerCase())
  );
}

/** Resolves a parsed filter for one resource type; throws 400 `scimType` (invalidFilter) on any problem. */
export function resolveFilter(
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
  ast: FilterNode<AttrPath>,
  scimType: ScimType = "invalidFilter",
): FilterNode<ResolvedAttribute> {
  const fail = failer(scimType);
  const resolve: Resolve = (path) => {
    const where = printAttrPath(path);
    const found = registry.resolve(resourceType, path);
    if (found === undefined) {
      if (isSchemasPath(path, resourceType)) return schemasAttribute(resourceType);
      return fail(`unknown attribute '${where}' for resource type ${resourceType.name}`);
    }
    if (found.kind === "schema") {
      return fail(
        `'${where}' names a schema, not an attribute; to filter by schema, use schemas eq "${found.schema}"`,
      );
    }
    return checkFilterable(found, where, fail);
  };
  return resolveNodes(registry, ast, resolve, fail, (node) => {
    const outer = resolve(node.attr);
    return valuePathNode(outer, resolveValueFilter(registry, outer, node.filter, scimType));
  });
}
