// Constructors for filter nodes: every node is frozen data (STYLE.md §5), whoever builds it (the parser,
// the resolver, a test or a fast-check arbitrary), so a compiler can never see a half-built or mutated tree.
import type { CompareOperator, FilterNode, FilterValue } from "./filter-node.js";

export function compareNode<A>(attr: A, op: CompareOperator, value: FilterValue): FilterNode<A> {
  return Object.freeze({ kind: "compare", attr, op, value });
}

export function presentNode<A>(attr: A): FilterNode<A> {
  return Object.freeze({ kind: "present", attr });
}

export function andNode<A>(left: FilterNode<A>, right: FilterNode<A>): FilterNode<A> {
  return Object.freeze({ kind: "and", left, right });
}

export function orNode<A>(left: FilterNode<A>, right: FilterNode<A>): FilterNode<A> {
  return Object.freeze({ kind: "or", left, right });
}

export function notNode<A>(operand: FilterNode<A>): FilterNode<A> {
  return Object.freeze({ kind: "not", operand });
}

export function valuePathNode<A>(attr: A, filter: FilterNode<A>): FilterNode<A> {
  return Object.freeze({ kind: "valuePath", attr, filter });
}
