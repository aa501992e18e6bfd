// Grammar-aware mutation of filter and PATCH-path text (RFC 7644 §3.4.2.2, §3.5.2): the text is cut into
// the grammar's tokens (strings, brackets, parentheses, words), and each mutation drops, repeats, swaps or
// replaces tokens with other grammar pieces, which reaches the parser's deep states far more often than
// random characters would. Character-level edits and abusive shapes (nesting past the limit, length past
// the limit) are mixed in.
import fc from "fast-check";

const grammarPieces = [
  "(",
  ")",
  "[",
  "]",
  '"',
  "\\",
  ".",
  ":",
  " ",
  "eq",
  "ne",
  "co",
  "sw",
  "ew",
  "gt",
  "ge",
  "lt",
  "le",
  "pr",
  "and",
  "or",
  "not",
  "NOT",
  "true",
  "false",
  "null",
  '""',
  '"\\u0000"',
  '"\\ud800"',
  '"\\"',
  "1e999",
  "-0",
  "0x10",
  "userName",
  "emails",
  "members",
  "value",
  "$ref",
  "urn:ietf:params:scim:schemas:core:2.0:User:",
  "meta.created",
  "'",
  ";--",
  "%",
  "_",
  "*",
  "\u0000",
  "\u202e",
  "\uff55serName",
  "\u0130",
];

export function tokenize(text: string): string[] {
  return text.match(/"(?:[^"\\]|\\.)*"?|[()[\]]|\s+|[^\s()[\]"]+/g) ?? [];
}

type TextMutation =
  | { readonly kind: "dropToken"; readonly at: number }
  | { readonly kind: "repeatToken"; readonly at: number; readonly times: number }
  | { readonly kind: "swapTokens"; readonly at: number; readonly with: number }
  | { readonly kind: "insertPiece"; readonly at: number; readonly piece: string }
  | { readonly kind: "replaceToken"; readonly at: number; readonly piece: string }
  | { readonly kind: "char"; readonly at: number; readonly char: string }
  | { readonly kind: "truncate"; readonly at: number };

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...grammarPieces) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);

export const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant("dropToken" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("repeatToken" as const),
    at: fc.nat(),
    times: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant("swapTokens" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant("insertPiece" as const), at: fc.nat(), piece }),
  fc.record({ kind: fc.constant("replaceToken" as const), at: fc.nat(), piece }),
  fc.record({
    kind: fc.constant("char" as const),
    at: fc.nat(),
    char: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

export function applyTextMutation(text: string, m: TextMutation): string {
  const tokens = tokenize(text);
  const n = Math.max(tokens.length, 1);
  const i = m.at % n;
  switch (m.kind) {
    case "dropToken":
      return [...tokens.slice(0, i), ...tokens.slice(i + 1)].join("");
    case "repeatToken":
      return [
        ...tokens.slice(0, i),
        ...Array<string>(m.times).fill(tokens[i] ?? ""),
        ...tokens.slice(i + 1),
      ].join("");
    case "swapTokens": {
      const j = m.with % n;
      const copy = [...tokens];
      [copy[i], copy[j]] = [copy[j] ?? "", copy[i] ?? ""];
      return copy.join("");
    }
    case "insertPiece":
      return [...tokens.slice(0, i), m.piece, ...tokens.slice(i)].join("");
    case "replaceToken":
      return [...tokens.slice(0, i), m.piece, ...tokens.slice(i + 1)].join("");
    case "char": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.char + text.slice(at + 1);
    }
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
  }
}

/** Shapes that test the limits rather than the grammar (filter-limits.ts: 4096 characters, depth 32). */
export const abusiveFilterArb: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 30, max: 40 }).map((d) => `${"(".repeat(d)}userName eq "x"${")".repeat(d)}`),
  fc.integer({ min: 30, max: 40 }).map((d) => `${"not (".repeat(d)}active eq true${")".repeat(d)}`),
  fc.integer({ min: 30, max: 40 }).map((d) => `${"emails[".repeat(d)}value eq "x"${"]".repeat(d)}`),
  fc.constantFrom(10_000, 100_000).map((d) => "(".repeat(d)),
  fc.integer({ min: 4000, max: 4200 }).map((n) => `userName eq "${"a".repeat(n)}"`),
  fc
    .integer({ min: 200, max: 400 })
    .map((n) => Array.from({ length: n }, (_, i) => `userName eq "u${i}"`).join(" or ")),
  fc.constant(`userName eq "${"\\u0041".repeat(900)}"`),
);

export function mutatedText(seeds: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(seeds, fc.array(textMutationArb, { maxLength: 4 }))
    .map(([text, mutations]) => mutations.reduce(applyTextMutation, text));
}
