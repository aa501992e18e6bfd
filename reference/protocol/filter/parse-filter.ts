// The SCIM filter parser (RFC 7644 §3.4.2.2, Figure 1), recursive descent over filter-lexer tokens:
//
//   FILTER    = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"     (plus "(" FILTER ")")
//   valuePath = attrPath "[" valFilter "]"
//   valFilter = attrExp / logExp / *1"not" "(" valFilter ")"             (no valuePath inside)
//   attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
//
// Precedence (§3.4.2.2: grouping, then "not" over "and" over "or"); and/or associate to the left, so
// `a and b and c` is and(and(a, b), c). Operators and the keywords and/or/not/pr are case-insensitive
// (§3.4.2.2: "Attribute names and attribute operators used in filters are case insensitive"); so, as
// our leniency, are true/false/null. Every error is a 400 `invalidFilter` naming the position.
import type { AttrPath } from "../path/attr-path.js";
import { attrPathFromWord, isAttrName, makeAttrPath } from "../path/attr-path-syntax.js";
import { printAttrPath } from "../path/print-attr-path.js";
import { andNode, compareNode, notNode, orNode, presentNode, valuePathNode } from "./filter-builders.js";
import { describeToken, type Token, tokenize } from "./filter-lexer.js";
import { maxFilterDepth, maxFilterLength } from "./filter-limits.js";
import { type CompareOperator, compareOperators, type FilterNode, type FilterValue } from "./filter-node.js";
import { type SyntaxFail, syntaxFailer } from "./syntax-error.js";

const operatorList = `${compareOperators.join(", ")} or pr`;

function isKeyword(t: Token, keyword: string): boolean {
  return t.kind === "word" && t.text.toLowerCase() === keyword;
}

/**
 * A parser over one token list. parse-patch-path.ts drives it too, for the value filter inside a PATCH
 * path, with a `fail` that reports `invalidPath` instead.
 */
export class FilterParser {
  readonly #tokens: readonly Token[];
  readonly #fail: SyntaxFail;
  #pos = 0;
  #depth = 0;

  constructor(tokens: readonly Token[], fail: SyntaxFail) {
    this.#tokens = tokens;
    this.#fail = fail;
  }

  peek(offset = 0): Token {
    // The list always ends with an "end" token, and the parser never moves past it.
    return (this.#tokens[this.#pos + offset] ?? this.#tokens[this.#tokens.length - 1]) as Token;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== "end") this.#pos++;
    return t;
  }

  fail(at: number, message: string): never {
    return this.#fail(at, message);
  }

  /** FILTER, up to a token that cannot continue it (")", "]", the end, or an error). */
  parseFilter(inValuePath: boolean): FilterNode<AttrPath> {
    let left = this.#parseAnd(inValuePath);
    while (isKeyword(this.peek(), "or")) {
      this.next();
      left = orNode(left, this.#parseAnd(inValuePath));
    }
    return left;
  }

  /** `"[" valFilter "]"` after a valuePath's attribute; the "[" is the next token. */
  parseBracketFilter(): FilterNode<AttrPath> {
    const open = this.next();
    this.#enter(open);
    const inner = this.parseFilter(true);
    this.#close(open, "]");
    return inner;
  }

  /** Fails unless every token has been consumed. */
  expectEnd(what: string): void {
    const t = this.peek();
    if (t.kind === "end") return;
    if (t.kind === ")" || t.kind === "]") this.fail(t.start, `'${t.text}' has no matching opening bracket`);
    this.fail(t.start, `expected ${what}, found ${describeToken(t)}`);
  }

  #parseAnd(inValuePath: boolean): FilterNode<AttrPath> {
    let left = this.#parseUnary(inValuePath);
    while (isKeyword(this.peek(), "and")) {
      this.next();
      left = andNode(left, this.#parseUnary(inValuePath));
    }
    return left;
  }

  #parseUnary(inValuePath: boolean): FilterNode<AttrPath> {
    const t = this.peek();
    if (isKeyword(t, "not") && this.peek(1).kind === "(") {
      this.next();
      return notNode(this.#parseGroup(inValuePath));
    }
    if (t.kind === "(") return this.#parseGroup(inValuePath);
    if (t.kind === "word") {
      if (isKeyword(t, "not") && this.peek(1).kind === "word" && !this.#startsOperator(this.peek(1))) {
        this.fail(t.start, "'not' must be followed by a parenthesised filter, as in not (title pr)");
      }
      return this.#parseAttrExp(inValuePath);
    }
    return this.fail(t.start, `expected an attribute path, '(' or 'not (', found ${describeToken(t)}`);
  }

  #startsOperator(t: Token): boolean {
    const word = t.text.toLowerCase();
    return word === "pr" || (compareOperators as readonly string[]).includes(word);
  }

  #parseGroup(inValuePath: boolean): FilterNode<AttrPath> {
    const open = this.next();
    this.#enter(open);
    const inner = this.parseFilter(inValuePath);
    this.#close(open, ")");
    return inner;
  }

  #enter(open: Token): void {
    this.#depth++;
    if (this.#depth > maxFilterDepth) {
      this.fail(open.start, `nesting deeper than ${maxFilterDepth} levels is refused (our limit)`);
    }
  }

  #close(open: Token, closer: ")" | "]"): void {
    const t = this.next();
    if (t.kind !== closer) {
      this.fail(
        t.start,
        `expected 'and', 'or' or '${closer}' to close the '${open.text}' at character ${open.start + 1}, found ${describeToken(t)}`,
      );
    }
    this.#depth--;
  }

  #parseAttrExp(inValuePath: boolean): FilterNode<AttrPath> {
    const word = this.next();
    const path = attrPathFromWord(word.text, word.start, this.#fail);
    if (this.peek().kind !== "[") return this.#parseComparison(path);
    const open = this.peek();
    if (inValuePath) {
      this.fail(
        open.start,
        "a value filter cannot contain another value filter (RFC 7644 §3.4.2.2 valFilter)",
      );
    }
    if (path.subAttr !== undefined) {
      this.fail(
        open.start,
        `a value filter applies to a whole attribute, not to the sub-attribute '${printAttrPath(path)}'`,
      );
    }
    const inner = this.parseBracketFilter();
    if (this.peek().kind !== ".") return valuePathNode(path, inner);
    // `emails[type eq "work"].value eq "x"` is not in the filter ABNF, but clients send it (FusionAuth
    // issue #2456 shows one). Its only sensible reading is one element satisfying both conditions, i.e.
    // emails[type eq "work" and value eq "x"]; reading it as two independent conditions would match a
    // user whose work email differs from "x" when any other email equals it.
    const dot = this.next();
    const sub = this.next();
    if (sub.kind !== "word" || !isAttrName(sub.text)) {
      this.fail(
        sub.start,
        `expected a sub-attribute name after '.' at character ${dot.start + 1}, found ${describeToken(sub)}`,
      );
    }
    return valuePathNode(
      path,
      andNode(inner, this.#parseComparison(makeAttrPath(undefined, sub.text, undefined))),
    );
  }

  #parseComparison(path: AttrPath): FilterNode<AttrPath> {
    const t = this.next();
    if (t.kind !== "word") {
      this.fail(
        t.start,
        `expected an operator (${operatorList}) after '${printAttrPath(path)}', found ${describeToken(t)}`,
      );
    }
    const op = t.text.toLowerCase();
    if (op === "pr") return presentNode(path);
    if (!(compareOperators as readonly string[]).includes(op)) {
      this.fail(t.start, `the operator '${t.text}' is not supported; use one of ${operatorList}`);
    }
    return compareNode(path, op as CompareOperator, this.#parseValue(op));
  }

  #parseValue(op: string): FilterValue {
    const t = this.next();
    if (t.kind === "string" || t.kind === "number") return t.value as FilterValue;
    if (t.kind === "word") {
      const word = t.text.toLowerCase();
      if (word === "true") return true;
      if (word === "false") return false;
      if (word === "null") return null;
      this.fail(
        t.start,
        `expected a value after '${op}', found ${describeToken(t)}: strings must be in double quotes, as in "${t.text.replace(/["\\]/g, "")}"`,
      );
    }
    return this.fail(
      t.start,
      `expected a value after '${op}' (a "string", a number, true, false or null), found ${describeToken(t)}`,
    );
  }
}

/** Fails unless the text is within the length limit (filter-limits.ts). */
export function checkLength(text: string, fail: SyntaxFail, what: string): void {
  if (text.length > maxFilterLength) {
    fail(
      maxFilterLength,
      `the ${what} is ${text.length} characters long; at most ${maxFilterLength} are accepted (our limit)`,
    );
  }
}

/**
 * Parses a filter (the `filter` query parameter or SearchRequest attribute). Throws a 400 ScimError
 * with scimType `invalidFilter` on any syntax error.
 */
export function parseFilter(text: string): FilterNode<AttrPath> {
  const fail = syntaxFailer("filter");
  checkLength(text, fail, "filter");
  const parser = new FilterParser(tokenize(text, fail), fail);
  if (parser.peek().kind === "end") fail(0, "the filter is empty");
  const filter = parser.parseFilter(false);
  parser.expectEnd("'and', 'or' or the end of the filter");
  return filter;
}
