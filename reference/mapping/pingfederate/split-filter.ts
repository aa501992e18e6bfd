// Splits a resolved filter into the part a datastore runs and the part checked over read-mapped results
// (mapping.ts `FilterTranslation`). Only whole conjuncts of the top-level `and` are split off, and each
// pushed conjunct is equivalent to its SCIM form, so pushed ∧ residual ≡ the filter: the pushed part never
// excludes a resource the whole filter matches, and never admits one the residual does not recheck.
import type { StoreFilter } from "../../datastore/datastore.js";
import type { FilterNode } from "../../protocol/filter/filter-node.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { FilterTranslation } from "../mapping.js";

function conjuncts<A>(node: FilterNode<A>): FilterNode<A>[] {
  return node.kind === "and" ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

function joinAnd<A>(nodes: readonly FilterNode<A>[]): FilterNode<A> | undefined {
  return nodes.reduce<FilterNode<A> | undefined>(
    (acc, n) => (acc === undefined ? n : Object.freeze({ kind: "and", left: acc, right: n })),
    undefined,
  );
}

export function splitFilter(
  filter: FilterNode<ResolvedAttribute>,
  translate: (node: FilterNode<ResolvedAttribute>) => StoreFilter | undefined,
): FilterTranslation {
  const whole = translate(filter);
  if (whole !== undefined) return { pushed: whole, residual: undefined };
  const pushed: StoreFilter[] = [];
  const residual: FilterNode<ResolvedAttribute>[] = [];
  for (const part of conjuncts(filter)) {
    const translated = translate(part);
    if (translated === undefined) residual.push(part);
    else pushed.push(translated);
  }
  return { pushed: joinAnd(pushed), residual: joinAnd(residual) };
}
