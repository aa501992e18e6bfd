import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ScimError } from "../errors/scim-error.js";
import { checkProperty } from "../testing/check-property.js";
import { filterArb } from "../testing/filter-arbitraries.js";
import { parseFilter } from "./parse-filter.js";
import { printFilter } from "./print-filter.js";

// Whatever a client sends, the parser answers with a tree or a 400 invalidFilter, never a crash that
// would surface as a 500 (brief: "Bad input always gets a clear SCIM error").
function parsesOrRejectsCleanly(text: string): void {
  try {
    parseFilter(text);
  } catch (error) {
    assert.ok(error instanceof ScimError, `threw ${String(error)} for ${JSON.stringify(text)}`);
    assert.equal(error.status, 400);
    assert.equal(error.scimType, "invalidFilter");
    assert.match(error.detail, /^Invalid filter at character \d+: ./);
  }
}

const fragment = fc.constantFrom(
  "(",
  ")",
  "[",
  "]",
  " ",
  ".",
  "and",
  "or",
  "not",
  "NOT",
  "eq",
  "pr",
  "gt",
  '"x"',
  '"\\',
  '"\\u',
  '"',
  "1",
  "-",
  "1e",
  "true",
  "null",
  "a",
  "a.b",
  "emails",
  "urn:x:y",
  ":",
  "$ref",
  "\\",
  "\t",
  "😀",
);

describe("parseFilter robustness", () => {
  it("returns a tree or throws a 400 invalidFilter for arbitrary text", () => {
    checkProperty(fc.property(fc.string({ unit: "binary", maxLength: 60 }), parsesOrRejectsCleanly), 1000);
  });

  it("returns a tree or throws a 400 invalidFilter for arbitrary token soup", () => {
    checkProperty(
      fc.property(fc.array(fragment, { maxLength: 30 }), fc.boolean(), (parts, spaced) =>
        parsesOrRejectsCleanly(parts.join(spaced ? " " : "")),
      ),
      1000,
    );
  });

  it("returns a tree or throws a 400 invalidFilter for valid filters with one character changed", () => {
    checkProperty(
      fc.property(
        filterArb,
        fc.nat(),
        fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
        (ast, at, c) => {
          const text = printFilter(ast);
          const i = at % (text.length + 1);
          parsesOrRejectsCleanly(text.slice(0, i) + c + text.slice(i + 1));
          parsesOrRejectsCleanly(text.slice(0, i));
        },
      ),
      500,
    );
  });

  // The lexer copies the runs between escapes whole (filter-lexer.ts): every way of writing a string, with
  // escapes anywhere among plain characters, must still decode to exactly that string (RFC 7159 §7).
  it("decodes every JSON string literal to the string it spells", () => {
    const spelling = fc.array(
      fc.tuple(fc.string({ unit: "binary", maxLength: 3 }), fc.constantFrom("json", "unicode")),
      { maxLength: 8 },
    );
    checkProperty(
      fc.property(spelling, (pieces) => {
        const value = pieces.map(([text]) => text).join("");
        const body = pieces
          .map(([text, how]) =>
            how === "json"
              ? JSON.stringify(text).slice(1, -1)
              : [...text]
                  .flatMap((c) => (c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [c.charCodeAt(0)]))
                  .map((u) => `\\u${u.toString(16).padStart(4, "0")}`)
                  .join(""),
          )
          .join("");
        const tree = parseFilter(`userName eq "${body}"`);
        assert.equal(tree.kind, "compare");
        assert.equal(tree.kind === "compare" ? tree.value : undefined, value);
      }),
      1000,
    );
  });

  it("rejects a huge nesting without overflowing the stack", () => {
    parsesOrRejectsCleanly("(".repeat(4000));
    parsesOrRejectsCleanly("not (".repeat(800));
  });
});
