// Tokens of the SCIM filter and PATCH path grammars (RFC 7644 §3.4.2.2 Figure 1, §3.5.2 Figure 7).
// Words are attribute paths and keywords alike (operators, and/or/not, true/false/null): which one a word
// is depends on where it stands, so the parser decides, and an attribute may be called "pr" or "not".
// String and number literals follow JSON (RFC 7159, as the ABNF's compValue says).
//
// Whitespace: the ABNF puts exactly one SP between tokens; we accept any run of spaces, tabs and line
// breaks, and none where a bracket, parenthesis or quote already separates two tokens ("a eq(" is still
// an error for the parser, but `userName eq"x"` is read as the client obviously meant it).
import type { SyntaxFail } from "./syntax-error.js";

export type TokenKind = "word" | "string" | "number" | "(" | ")" | "[" | "]" | "." | "end";

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token (with quotes and escapes for strings). */
  readonly text: string;
  /** 0-based offset of the token in the source. */
  readonly start: number;
  /** The decoded value of a string or number literal. */
  readonly value: string | number | undefined;
}

// URIs (the schema prefix of a path) may carry these; parentheses, brackets, quotes, commas and spaces end
// a word because the grammars give them meaning. A word starts with a letter or `$`, and is matched by a
// sticky expression where it starts, without testing or slicing each character.
const wordChars = "A-Za-z0-9:._\\-$/%@+~";
const wordChar = new RegExp(`[${wordChars}]`);
const word = new RegExp(`[A-Za-z$][${wordChars}]*`, "y");
const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const hex4 = /^[0-9a-fA-F]{4}$/;
const escapes: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

function token(kind: TokenKind, text: string, start: number, value?: string | number): Token {
  return { kind, text, start, value };
}

/** Decodes a JSON string literal that opens at `start`; returns the token and the offset after it. */
function readString(source: string, start: number, fail: SyntaxFail): Token {
  let out = "";
  let i = start + 1;
  // Runs without escapes are copied whole (a userName is one run), not a character at a time.
  let run = i;
  for (;;) {
    if (i >= source.length) fail(start, "unterminated string: a closing '\"' is missing");
    const c = source.charCodeAt(i);
    if (c === 0x22) break;
    if (c < 0x20) fail(i, "control characters in a string must be escaped (RFC 7159 §7)");
    if (c !== 0x5c) {
      i++;
      continue;
    }
    out += source.slice(run, i);
    const e = source[i + 1];
    if (e === undefined) fail(start, "unterminated string: a closing '\"' is missing");
    if (e === "u") {
      const digits = source.slice(i + 2, i + 6);
      if (!hex4.test(digits)) fail(i, "a \\u escape needs four hexadecimal digits");
      // Each \uXXXX is one UTF-16 code unit, so a surrogate pair written as two escapes joins up by itself.
      out += String.fromCharCode(Number.parseInt(digits, 16));
      i += 6;
      run = i;
      continue;
    }
    const decoded = escapes[e];
    if (decoded === undefined) {
      fail(i, `invalid escape '\\${e}' (allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`);
    }
    out += decoded;
    i += 2;
    run = i;
  }
  out += source.slice(run, i);
  return token("string", source.slice(start, i + 1), start, out);
}

function readNumber(source: string, start: number, fail: SyntaxFail): Token {
  numberPattern.lastIndex = start;
  const m = numberPattern.exec(source);
  const text = m?.[0] ?? "";
  const next = source[start + text.length];
  if (text === "" || text === "-" || (next !== undefined && (wordChar.test(next) || next === '"'))) {
    fail(start, "invalid number: expected a JSON number such as 42, -1.5 or 2e10");
  }
  const value = Number(text);
  if (!Number.isFinite(value)) fail(start, `number ${text} is out of range`);
  return token("number", text, start, value);
}

/** Splits `source` into tokens, ending with one "end" token; lexical errors go to `fail`. */
export function tokenize(source: string, fail: SyntaxFail): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (isSpace(source.charCodeAt(i))) {
      i++;
    } else if (c === "(" || c === ")" || c === "[" || c === "]" || c === ".") {
      tokens.push(token(c, c, i));
      i++;
    } else if (c === '"') {
      const t = readString(source, i, fail);
      tokens.push(t);
      i += t.text.length;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      const t = readNumber(source, i, fail);
      tokens.push(t);
      i += t.text.length;
    } else {
      word.lastIndex = i;
      const w = word.exec(source);
      if (w === null) fail(i, `unexpected character ${JSON.stringify(c)}`);
      tokens.push(token("word", w[0], i));
      i += w[0].length;
    }
  }
  tokens.push(token("end", "", source.length));
  return tokens;
}

/** How a token reads in an error message. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case "end":
      return "the end of the text";
    case "word":
      return `'${t.text}'`;
    case "string":
      return `the string ${t.text.length > 40 ? `${t.text.slice(0, 37)}…` : t.text}`;
    case "number":
      return `the number ${t.text}`;
    default:
      return `'${t.text}'`;
  }
}
