// The filter AST (RFC 7644 §3.4.2.2). Nodes are frozen data tagged with `kind` (STYLE.md §5) and are
// generic in how an attribute is named, so one definition serves three stages:
//   FilterNode<AttrPath>          as parsed from the client's text;
//   FilterNode<ResolvedAttribute> resolved against the schema registry (types, caseExact known);
//   FilterNode<StoreAttribute>    translated through the write mapping into datastore attributes.
// Every compiler (in-memory matcher, SQL, LDAP) dispatches over `FilterKind` exhaustively, so adding
// a node kind fails to compile until each of them handles it (STYLE.md §6).

export const compareOperators = ["eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le"] as const;
export type CompareOperator = (typeof compareOperators)[number];

/** compValue = false / null / true / number / string (RFC 7644 §3.4.2.2 ABNF). */
export type FilterValue = string | number | boolean | null;

export interface CompareNode<A> {
  readonly kind: "compare";
  readonly attr: A;
  readonly op: CompareOperator;
  readonly value: FilterValue;
}

export interface PresentNode<A> {
  readonly kind: "present";
  readonly attr: A;
}

export interface AndNode<A> {
  readonly kind: "and";
  readonly left: FilterNode<A>;
  readonly right: FilterNode<A>;
}

export interface OrNode<A> {
  readonly kind: "or";
  readonly left: FilterNode<A>;
  readonly right: FilterNode<A>;
}

export interface NotNode<A> {
  readonly kind: "not";
  readonly operand: FilterNode<A>;
}

/**
 * valuePath = attrPath "[" valFilter "]": true when one element of the multi-valued (or complex)
 * attribute `attr` satisfies `filter` as a whole. The inner filter names sub-attributes of `attr`.
 */
export interface ValuePathNode<A> {
  readonly kind: "valuePath";
  readonly attr: A;
  readonly filter: FilterNode<A>;
}

export type FilterNode<A> =
  | CompareNode<A>
  | PresentNode<A>
  | AndNode<A>
  | OrNode<A>
  | NotNode<A>
  | ValuePathNode<A>;
export type FilterKind = FilterNode<unknown>["kind"];

/** A visitor with one handler per node kind; `Record` makes a missing kind a compile error. */
export type FilterVisitor<A, R> = {
  readonly [K in FilterKind]: (node: Extract<FilterNode<A>, { kind: K }>) => R;
};

export function visitFilter<A, R>(node: FilterNode<A>, visitor: FilterVisitor<A, R>): R {
  // The cast is sound: `node.kind` selects exactly the handler typed for that node.
  return (visitor[node.kind] as (n: FilterNode<A>) => R)(node);
}
