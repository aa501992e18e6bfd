// A SCIM filter parser (RFC 7644 §3.4.2.2 ABNF) for the mutant server: a small AST, strict about
// quoted string values, JSON literals and "not" only before a parenthesis. Deliberately independent of
// reference/ (the harness is a black-box tester); evaluation is in filter.ts.
import type { Quirks } from "./quirks.js";
import { fail } from "./scim-failure.js";

export type FilterNode =
  | { readonly kind: "and" | "or"; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: "not"; readonly inner: FilterNode }
  | { readonly kind: "present"; readonly path: string }
  | { readonly kind: "compare"; readonly path: string; readonly op: string; readonly value: unknown }
  | { readonly kind: "valuePath"; readonly path: string; readonly inner: FilterNode };

const compareOps = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);
const tokenPattern =
  /\s*(?:(\()|(\))|(\[)|(\])|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w:.])|([A-Za-z$][\w:.$-]*))/y;

type Token = { readonly kind: "(" | ")" | "[" | "]" | "string" | "number" | "word"; readonly text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  let at = 0;
  while (at < input.length) {
    if (/^\s*$/.test(input.slice(at))) break;
    tokenPattern.lastIndex = at;
    const m = tokenPattern.exec(input);
    if (m === null) throw fail.invalidFilter(`unexpected character at ${at} in filter`);
    at = tokenPattern.lastIndex;
    if (m[1]) tokens.push({ kind: "(", text: "(" });
    else if (m[2]) tokens.push({ kind: ")", text: ")" });
    else if (m[3]) tokens.push({ kind: "[", text: "[" });
    else if (m[4]) tokens.push({ kind: "]", text: "]" });
    else if (m[5]) tokens.push({ kind: "string", text: m[5] });
    else if (m[6]) tokens.push({ kind: "number", text: m[6] });
    else if (m[7]) tokens.push({ kind: "word", text: m[7] });
  }
  return tokens;
}

class Parser {
  readonly #tokens: Token[];
  #at = 0;
  readonly #quirks: Quirks;

  constructor(tokens: Token[], quirks: Quirks) {
    this.#tokens = tokens;
    this.#quirks = quirks;
  }

  parse(): FilterNode {
    const node = this.#or();
    if (this.#at < this.#tokens.length) throw fail.invalidFilter(`unexpected "${this.#peek()?.text}"`);
    return node;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#at];
  }

  #word(w: string): boolean {
    const t = this.#peek();
    if (t?.kind !== "word") return false;
    return this.#quirks.has("caseSensitiveOperators") ? t.text === w : t.text.toLowerCase() === w;
  }

  #expect(kind: Token["kind"]): Token {
    const t = this.#tokens[this.#at];
    if (t?.kind !== kind) throw fail.invalidFilter(`expected "${kind}", found "${t?.text ?? "end"}"`);
    this.#at += 1;
    return t;
  }

  #or(): FilterNode {
    if (this.#quirks.has("noPrecedence")) {
      // The mutant: "and" and "or" folded left to right with equal precedence.
      let left = this.#unary();
      while (this.#word("and") || this.#word("or")) {
        const kind = this.#word("and") ? "and" : "or";
        this.#at += 1;
        left = { kind, left, right: this.#unary() };
      }
      return left;
    }
    let left = this.#and();
    while (this.#word("or")) {
      this.#at += 1;
      left = { kind: "or", left, right: this.#and() };
    }
    return left;
  }

  #and(): FilterNode {
    let left = this.#unary();
    while (this.#word("and")) {
      this.#at += 1;
      left = { kind: "and", left, right: this.#unary() };
    }
    return left;
  }

  #unary(): FilterNode {
    if (this.#word("not")) {
      this.#at += 1;
      this.#expect("(");
      const inner = this.#or();
      this.#expect(")");
      return { kind: "not", inner };
    }
    if (this.#peek()?.kind === "(") {
      this.#at += 1;
      const inner = this.#or();
      this.#expect(")");
      return inner;
    }
    const path = this.#expect("word").text;
    if (this.#peek()?.kind === "[") {
      this.#at += 1;
      const inner = this.#or();
      this.#expect("]");
      return { kind: "valuePath", path, inner };
    }
    const opToken = this.#expect("word");
    const op = this.#quirks.has("caseSensitiveOperators") ? opToken.text : opToken.text.toLowerCase();
    if (op === "pr") return { kind: "present", path };
    if (!compareOps.has(op)) {
      if (!this.#quirks.has("unknownOperatorAsEq"))
        throw fail.invalidFilter(`unknown operator "${opToken.text}"`);
      const v = this.#tokens[this.#at];
      this.#at += 1;
      if (v === undefined) throw fail.invalidFilter(`"${op}" needs a value`);
      return { kind: "compare", path, op: "eq", value: literal(v, this.#quirks) };
    }
    const v = this.#tokens[this.#at];
    this.#at += 1;
    if (v === undefined) throw fail.invalidFilter(`"${op}" needs a value`);
    return { kind: "compare", path, op, value: literal(v, this.#quirks) };
  }
}

function literal(t: Token, quirks: Quirks): unknown {
  if (t.kind === "string")
    return quirks.has("escapesNotDecoded") ? t.text.slice(1, -1) : (JSON.parse(t.text) as unknown);
  if (t.kind === "number") return Number(t.text);
  if (t.kind === "word") {
    if (t.text === "true") return true;
    if (t.text === "false") return false;
    if (t.text === "null") return null;
    if (quirks.has("unquotedFilterValues")) return t.text;
  }
  throw fail.invalidFilter(`"${t.text}" is not a valid comparison value (strings must be quoted)`);
}

export function parseFilter(input: string, quirks: Quirks): FilterNode {
  const tokens = tokenize(input);
  if (tokens.length === 0) throw fail.invalidFilter("empty filter");
  return new Parser(tokens, quirks).parse();
}
