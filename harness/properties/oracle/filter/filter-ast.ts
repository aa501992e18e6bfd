// The harness's own filter AST (RFC 7644 §3.4.2.2). The harness generates filters rather than parsing
// them, so this is printer-first: nodes are frozen data tagged with `kind` (STYLE.md §5), built by the
// generator, printed to RFC-correct text by print-filter.ts and evaluated by evaluate-filter.ts.

export const compareOps = ["eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le"] as const;
export type CompareOp = (typeof compareOps)[number];

/** ABNF compValue = false / null / true / number / string (JSON, RFC 7159). */
export type CompValue = string | number | boolean | null;

/**
 * ABNF attrPath = [URI ":"] ATTRNAME *1subAttr, as it will be printed. Inside a value path's brackets
 * `name` is a sub-attribute of the bracketed attribute and `uri` is absent.
 */
export interface AttrPathText {
  readonly uri?: string;
  readonly name: string;
  readonly sub?: string;
}

export type FilterNode =
  | {
      readonly kind: "compare";
      readonly path: AttrPathText;
      readonly op: CompareOp;
      readonly value: CompValue;
    }
  | { readonly kind: "present"; readonly path: AttrPathText }
  | { readonly kind: "and"; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: "or"; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: "not"; readonly inner: FilterNode }
  /** ABNF valuePath = attrPath "[" valFilter "]"; `path` has no `sub`. */
  | { readonly kind: "valuePath"; readonly path: AttrPathText; readonly filter: FilterNode };

export type FilterKind = FilterNode["kind"];

export const filter = {
  compare: (path: AttrPathText, op: CompareOp, value: CompValue): FilterNode =>
    Object.freeze({ kind: "compare", path: Object.freeze({ ...path }), op, value }),
  present: (path: AttrPathText): FilterNode =>
    Object.freeze({ kind: "present", path: Object.freeze({ ...path }) }),
  and: (left: FilterNode, right: FilterNode): FilterNode => Object.freeze({ kind: "and", left, right }),
  or: (left: FilterNode, right: FilterNode): FilterNode => Object.freeze({ kind: "or", left, right }),
  not: (inner: FilterNode): FilterNode => Object.freeze({ kind: "not", inner }),
  valuePath: (path: AttrPathText, inner: FilterNode): FilterNode =>
    Object.freeze({ kind: "valuePath", path: Object.freeze({ ...path }), filter: inner }),
};

/** "urn:…:User:name.givenName" — the path as one string, for resolving against the schema model. */
export function pathString(path: AttrPathText): string {
  return `${path.uri ? `${path.uri}:` : ""}${path.name}${path.sub ? `.${path.sub}` : ""}`;
}
