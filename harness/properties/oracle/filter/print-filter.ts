// Prints a filter AST as RFC 7644 §3.4.2.2 text. Whatever the AST, the output conforms to the ABNF:
// string values are JSON strings (quotes, backslashes and control characters escaped, RFC 7159 §7),
// numbers are JSON numbers, `not` is always followed by a parenthesised filter, and parentheses are
// added exactly where precedence (not > and > or) would otherwise regroup the tree, so the text parses
// back to the same tree.
import type { AttrPathText, CompValue, FilterNode } from "./filter-ast.js";

export interface PrintOptions {
  /**
   * Operator spelling. Operators and attribute names are case-insensitive (RFC 7644 §3.4.2.2
   * "Attribute names and attribute operators used in filters are case insensitive"), so the generator
   * varies it to exercise the target.
   */
  readonly operatorCase?: "lower" | "upper";
}

const rank: Record<FilterNode["kind"], number> = {
  or: 1,
  and: 2,
  not: 3,
  compare: 4,
  present: 4,
  valuePath: 4,
};

export function printPath(path: AttrPathText): string {
  return `${path.uri ? `${path.uri}:` : ""}${path.name}${path.sub ? `.${path.sub}` : ""}`;
}

export function printValue(value: CompValue): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`${value} has no JSON representation`);
    return JSON.stringify(value);
  }
  // JSON.stringify escapes '"', '\' and U+0000–U+001F, and lone surrogates as \uXXXX (ES2019).
  return JSON.stringify(value);
}

export function printFilter(node: FilterNode, options: PrintOptions = {}): string {
  const word = (w: string): string => (options.operatorCase === "upper" ? w.toUpperCase() : w);
  const child = (parent: FilterNode, c: FilterNode, right: boolean): string => {
    const text = print(c);
    // Lower precedence needs parentheses; so does a right child of the same operator, because
    // "a and b and c" reads as "(a and b) and c" (left-associative) and must round-trip.
    const wrap = rank[c.kind] < rank[parent.kind] || (right && c.kind === parent.kind);
    return wrap ? `(${text})` : text;
  };
  const print = (n: FilterNode): string => {
    switch (n.kind) {
      case "compare":
        return `${printPath(n.path)} ${word(n.op)} ${printValue(n.value)}`;
      case "present":
        return `${printPath(n.path)} ${word("pr")}`;
      case "and":
      case "or":
        return `${child(n, n.left, false)} ${word(n.kind)} ${child(n, n.right, true)}`;
      case "not":
        // ABNF: *1"not" "(" FILTER ")". RFC 7644's own examples write "not (…)" with a space, and
        // servers accept that form widely; it is what the harness sends.
        return `${word("not")} (${print(n.inner)})`;
      case "valuePath":
        return `${printPath(n.path)}[${print(n.filter)}]`;
    }
  };
  return print(node);
}
