// Test support only: a tiny RFC 7644 §3.4.2.2 filter parser, so the tests can (a) check that printed
// filters parse back to the tree they came from and (b) write the RFC's example filters as text. The
// harness itself never parses filters: it generates and prints them.
import type { AttrPathText, CompareOp, CompValue, FilterNode } from "../oracle/filter/filter-ast.js";
import { compareOps, filter } from "../oracle/filter/filter-ast.js";

type Token = { kind: "(" | ")" | "[" | "]" | "string" | "number" | "word"; text: string };

const tokenPattern =
  /\s*(?:([()[\]])|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z$][\w:.$-]*))/uy;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  while (tokenPattern.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(tokenPattern.lastIndex))) break;
    const at = tokenPattern.lastIndex;
    const m = tokenPattern.exec(text);
    if (m === null) throw new SyntaxError(`unexpected input at ${at}: ${text.slice(at, at + 20)}`);
    const [, punct, str, num, word] = m;
    if (punct) tokens.push({ kind: punct as Token["kind"], text: punct });
    else if (str) tokens.push({ kind: "string", text: str });
    else if (num) tokens.push({ kind: "number", text: num });
    else if (word) tokens.push({ kind: "word", text: word });
  }
  return tokens;
}

function toPath(word: string): AttrPathText {
  const colon = word.lastIndexOf(":");
  const uri = colon >= 0 ? word.slice(0, colon) : undefined;
  const [name = "", sub] = word.slice(colon + 1).split(".");
  return { ...(uri ? { uri } : {}), name, ...(sub ? { sub } : {}) };
}

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isWord = (w: string): boolean => peek()?.kind === "word" && peek()?.text.toLowerCase() === w;
  const expect = (kind: Token["kind"]): Token => {
    const t = tokens[i];
    if (t?.kind !== kind) throw new SyntaxError(`expected ${kind} at token ${i}, got ${t?.text}`);
    i += 1;
    return t;
  };
  const value = (): CompValue => {
    const t = tokens[i];
    i += 1;
    if (t?.kind === "string") return JSON.parse(t.text) as string;
    if (t?.kind === "number") return Number(t.text);
    const w = t?.text.toLowerCase();
    if (w === "true") return true;
    if (w === "false") return false;
    if (w === "null") return null;
    throw new SyntaxError(`expected a value, got ${t?.text}`);
  };
  const primary = (): FilterNode => {
    if (isWord("not")) {
      i += 1;
      expect("(");
      const inner = or();
      expect(")");
      return filter.not(inner);
    }
    if (peek()?.kind === "(") {
      i += 1;
      const inner = or();
      expect(")");
      return inner;
    }
    const path = toPath(expect("word").text);
    if (peek()?.kind === "[") {
      i += 1;
      const inner = or();
      expect("]");
      return filter.valuePath(path, inner);
    }
    const op = expect("word").text.toLowerCase();
    if (op === "pr") return filter.present(path);
    if (!(compareOps as readonly string[]).includes(op)) throw new SyntaxError(`unknown operator ${op}`);
    return filter.compare(path, op as CompareOp, value());
  };
  const and = (): FilterNode => {
    let left = primary();
    while (isWord("and")) {
      i += 1;
      left = filter.and(left, primary());
    }
    return left;
  };
  const or = (): FilterNode => {
    let left = and();
    while (isWord("or")) {
      i += 1;
      left = filter.or(left, and());
    }
    return left;
  };
  const result = or();
  if (i !== tokens.length) throw new SyntaxError(`trailing input at token ${i}: ${tokens[i]?.text}`);
  return result;
}
