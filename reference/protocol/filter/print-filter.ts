// Prints a parsed filter as canonical text (RFC 7644 §3.4.2.2): lower-case operators and keywords, one
// space between tokens, JSON literals, and only the parentheses the precedence rules need
// ("not" > "and" > "or"; and/or are left-associative, so a right operand of the same operator keeps its
// parentheses). parseFilter(printFilter(ast)) deep-equals ast; a fast-check property holds us to it.
import type { AttrPath } from "../path/attr-path.js";
import { printAttrPath } from "../path/print-attr-path.js";
import type { FilterNode, FilterValue } from "./filter-node.js";

/** A JSON literal; -0 keeps its sign so that printing and parsing again gives the same number. */
export function printFilterValue(value: FilterValue): string {
  if (typeof value === "number" && Object.is(value, -0)) return "-0";
  // JSON.stringify escapes quotes, backslashes, control characters and lone surrogates.
  return JSON.stringify(value);
}

function precedence(node: FilterNode<AttrPath>): number {
  return node.kind === "or" ? 1 : node.kind === "and" ? 2 : 3;
}

function operand(node: FilterNode<AttrPath>, min: number): string {
  const text = printFilter(node);
  return precedence(node) >= min ? text : `(${text})`;
}

export function printFilter(node: FilterNode<AttrPath>): string {
  switch (node.kind) {
    case "compare":
      return `${printAttrPath(node.attr)} ${node.op} ${printFilterValue(node.value)}`;
    case "present":
      return `${printAttrPath(node.attr)} pr`;
    case "and":
      return `${operand(node.left, 2)} and ${operand(node.right, 3)}`;
    case "or":
      return `${operand(node.left, 1)} or ${operand(node.right, 2)}`;
    case "not":
      return `not (${printFilter(node.operand)})`;
    case "valuePath":
      return `${printAttrPath(node.attr)}[${printFilter(node.filter)}]`;
  }
}
