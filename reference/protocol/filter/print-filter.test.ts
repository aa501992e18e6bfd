import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { makeAttrPath } from "../path/attr-path-syntax.js";
import { checkProperty } from "../testing/check-property.js";
import { filterArb } from "../testing/filter-arbitraries.js";
import { andNode, compareNode, notNode, orNode, presentNode, valuePathNode } from "./filter-builders.js";
import { parseFilter } from "./parse-filter.js";
import { printFilter } from "./print-filter.js";

const pr = (name: string) => presentNode(makeAttrPath(undefined, name, undefined));

describe("printFilter", () => {
  const cases: [string, { given: Parameters<typeof printFilter>[0]; want: string }][] = [
    [
      "lower-cases operators and quotes strings as JSON",
      {
        given: compareNode(makeAttrPath(undefined, "userName", undefined), "eq", 'say "hi"\n'),
        want: 'userName eq "say \\"hi\\"\\n"',
      },
    ],
    [
      "prints URN-qualified paths with sub-attributes",
      {
        given: presentNode(
          makeAttrPath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", "value"),
        ),
        want: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr",
      },
    ],
    [
      "keeps the sign of -0",
      { given: compareNode(makeAttrPath(undefined, "n", undefined), "eq", -0), want: "n eq -0" },
    ],
    [
      "escapes a lone surrogate",
      {
        given: compareNode(makeAttrPath(undefined, "s", undefined), "eq", "\ud800"),
        want: 's eq "\\ud800"',
      },
    ],
    [
      "drops parentheses that precedence makes redundant",
      {
        given: orNode(andNode(pr("a"), pr("b")), pr("c")),
        want: "a pr and b pr or c pr",
      },
    ],
    [
      "keeps parentheses around an 'or' inside an 'and'",
      {
        given: andNode(pr("a"), orNode(pr("b"), pr("c"))),
        want: "a pr and (b pr or c pr)",
      },
    ],
    [
      "keeps parentheses around a right-nested operand of the same operator",
      {
        given: andNode(pr("a"), andNode(pr("b"), pr("c"))),
        want: "a pr and (b pr and c pr)",
      },
    ],
    ["always parenthesises the operand of 'not'", { given: notNode(pr("a")), want: "not (a pr)" }],
    [
      "prints a value filter in brackets",
      {
        given: valuePathNode(makeAttrPath(undefined, "emails", undefined), orNode(pr("a"), pr("b"))),
        want: "emails[a pr or b pr]",
      },
    ],
  ];
  for (const [name, { given, want }] of cases) {
    it(name, () => assert.equal(printFilter(given), want));
  }

  it("is inverted by parseFilter on arbitrary trees (print then parse is identity)", () => {
    checkProperty(
      fc.property(filterArb, (ast) => {
        assert.deepStrictEqual(parseFilter(printFilter(ast)), ast);
      }),
      500,
    );
  });
});
