// Splits a resolved filter into what a datastore can run and what must be evaluated over read-mapped
// results (mapping.ts `FilterTranslation`). A subtree pushes down only when every attribute in it maps to
// a datastore attribute; otherwise the residual is a whole conjunct of the top-level `and`, so the pushed
// part never excludes a resource the full filter would match (RFC 7644 §3.4.2.2 semantics are kept: the
// pushed filter is implied by the original one). Any mapping can reuse this with its own attribute map.
import type { StoreAttribute, StoreFilter } from "../../datastore/datastore.js";
import type { FilterNode } from "../../protocol/filter/filter-node.js";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { FilterTranslation } from "../mapping.js";

export type AttributeTranslator = (attribute: ResolvedAttribute) => StoreAttribute | undefined;

/** The whole subtree in datastore terms, or undefined as soon as one attribute does not map. */
export function translateWhole(
  node: FilterNode<ResolvedAttribute>,
  translate: AttributeTranslator,
): StoreFilter | undefined {
  return visitFilter<ResolvedAttribute, StoreFilter | undefined>(node, {
    compare: (n) => {
      const attr = translate(n.attr);
      return attr === undefined ? undefined : Object.freeze({ ...n, attr });
    },
    present: (n) => {
      const attr = translate(n.attr);
      return attr === undefined ? undefined : Object.freeze({ ...n, attr });
    },
    and: (n) => {
      const left = translateWhole(n.left, translate);
      const right = left && translateWhole(n.right, translate);
      return left && right ? Object.freeze({ kind: "and", left, right }) : undefined;
    },
    or: (n) => {
      const left = translateWhole(n.left, translate);
      const right = left && translateWhole(n.right, translate);
      return left && right ? Object.freeze({ kind: "or", left, right }) : undefined;
    },
    not: (n) => {
      const operand = translateWhole(n.operand, translate);
      return operand ? Object.freeze({ kind: "not", operand }) : undefined;
    },
    valuePath: (n) => {
      const attr = translate(n.attr);
      const filter = attr && translateWhole(n.filter, translate);
      return attr && filter ? Object.freeze({ kind: "valuePath", attr, filter }) : undefined;
    },
  });
}

function conjuncts<A>(node: FilterNode<A>): FilterNode<A>[] {
  return node.kind === "and" ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

function joinAnd<A>(nodes: readonly FilterNode<A>[]): FilterNode<A> | undefined {
  return nodes.reduce<FilterNode<A> | undefined>(
    (acc, n) => (acc === undefined ? n : Object.freeze({ kind: "and", left: acc, right: n })),
    undefined,
  );
}

export function translateFilterWith(
  filter: FilterNode<ResolvedAttribute>,
  translate: AttributeTranslator,
): FilterTranslation {
  const whole = translateWhole(filter, translate);
  if (whole !== undefined) return { pushed: whole, residual: undefined };
  const pushed: StoreFilter[] = [];
  const residual: FilterNode<ResolvedAttribute>[] = [];
  for (const part of conjuncts(filter)) {
    const translated = translateWhole(part, translate);
    if (translated === undefined) residual.push(part);
    else pushed.push(translated);
  }
  return { pushed: joinAnd(pushed), residual: joinAnd(residual) };
}
