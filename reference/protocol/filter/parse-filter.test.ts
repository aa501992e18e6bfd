import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../errors/scim-error.js";
import type { AttrPath } from "../path/attr-path.js";
import { makeAttrPath } from "../path/attr-path-syntax.js";
import { andNode, compareNode, notNode, orNode, presentNode, valuePathNode } from "./filter-builders.js";
import { maxFilterDepth, maxFilterLength } from "./filter-limits.js";
import type { FilterNode } from "./filter-node.js";
import { parseFilter } from "./parse-filter.js";
import { printFilter } from "./print-filter.js";

const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const p = (name: string, subAttr?: string, schema?: string): AttrPath => makeAttrPath(schema, name, subAttr);
const pr = (name: string) => presentNode(p(name));

describe("parseFilter", () => {
  describe("builds the tree RFC 7644 §3.4.2.2 describes", () => {
    const cases: [string, { given: string; want: FilterNode<AttrPath> }][] = [
      ["a comparison", { given: 'userName eq "bjensen"', want: compareNode(p("userName"), "eq", "bjensen") }],
      ["a presence test", { given: "title pr", want: pr("title") }],
      [
        "a sub-attribute",
        {
          given: `name.familyName co "O'Malley"`,
          want: compareNode(p("name", "familyName"), "co", "O'Malley"),
        },
      ],
      [
        "a core URN whose '2.0' is not split into sub-attributes",
        {
          given: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
          want: compareNode(
            p("userName", undefined, "urn:ietf:params:scim:schemas:core:2.0:User"),
            "sw",
            "J",
          ),
        },
      ],
      [
        "an extension URN with a sub-attribute",
        {
          given: `${enterprise}:manager.value eq "26118915"`,
          want: compareNode(p("manager", "value", enterprise), "eq", "26118915"),
        },
      ],
      ["the $ref sub-attribute", { given: "members.$ref pr", want: presentNode(p("members", "$ref")) }],
      [
        "'and' before 'or' (or is the root)",
        {
          given: "a pr or b pr and c pr",
          want: orNode(pr("a"), andNode(pr("b"), pr("c"))),
        },
      ],
      [
        "'and' before 'or' on the left too",
        {
          given: "a pr and b pr or c pr",
          want: orNode(andNode(pr("a"), pr("b")), pr("c")),
        },
      ],
      [
        "left-associative 'and'",
        { given: "a pr and b pr and c pr", want: andNode(andNode(pr("a"), pr("b")), pr("c")) },
      ],
      [
        "left-associative 'or'",
        { given: "a pr or b pr or c pr", want: orNode(orNode(pr("a"), pr("b")), pr("c")) },
      ],
      [
        "'not' binding tighter than 'and'",
        { given: "not (a pr) and b pr", want: andNode(notNode(pr("a")), pr("b")) },
      ],
      [
        "grouping overriding precedence",
        {
          given: "a pr and (b pr or c pr)",
          want: andNode(pr("a"), orNode(pr("b"), pr("c"))),
        },
      ],
      ["redundant parentheses without a node of their own", { given: "((a pr))", want: pr("a") }],
      [
        "a valuePath with nested logic",
        {
          given: 'emails[type eq "work" and (value co "@x" or primary eq true)]',
          want: valuePathNode(
            p("emails"),
            andNode(
              compareNode(p("type"), "eq", "work"),
              orNode(compareNode(p("value"), "co", "@x"), compareNode(p("primary"), "eq", true)),
            ),
          ),
        },
      ],
      [
        "'not' inside a valuePath",
        {
          given: 'emails[not (type eq "work")]',
          want: valuePathNode(p("emails"), notNode(compareNode(p("type"), "eq", "work"))),
        },
      ],
      [
        "a URN-qualified valuePath",
        {
          given: 'urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"]',
          want: valuePathNode(
            p("emails", undefined, "urn:ietf:params:scim:schemas:core:2.0:User"),
            compareNode(p("type"), "eq", "work"),
          ),
        },
      ],
      [
        "case-insensitive operators and keywords",
        {
          given: 'userName EQ "x" AnD Not (title Pr) OR active eq TRUE',
          want: orNode(
            andNode(compareNode(p("userName"), "eq", "x"), notNode(pr("title"))),
            compareNode(p("active"), "eq", true),
          ),
        },
      ],
      [
        "keywords as attribute names where no keyword fits",
        {
          given: "not pr and and eq 1 or pr pr",
          want: orNode(andNode(pr("not"), compareNode(p("and"), "eq", 1)), pr("pr")),
        },
      ],
      [
        "an attribute named 'not' with a value filter",
        { given: "not[pr pr]", want: valuePathNode(p("not"), pr("pr")) },
      ],
      [
        "extra whitespace of any kind",
        {
          given: ' \t(userName\n eq  "x" )\r\nand  title   pr ',
          want: andNode(compareNode(p("userName"), "eq", "x"), pr("title")),
        },
      ],
      [
        "no whitespace where brackets and quotes separate tokens",
        {
          given: '(userName eq"x")and(title pr)',
          want: andNode(compareNode(p("userName"), "eq", "x"), pr("title")),
        },
      ],
      [
        "a correlated sub-attribute after a value filter (client quirk)",
        {
          given: 'emails[type eq "work"].value eq "x@example.com"',
          want: valuePathNode(
            p("emails"),
            andNode(compareNode(p("type"), "eq", "work"), compareNode(p("value"), "eq", "x@example.com")),
          ),
        },
      ],
    ];
    for (const [name, { given, want }] of cases) {
      it(name, () => assert.deepEqual(parseFilter(given), want));
    }
  });

  describe("reads compValue literals as JSON (RFC 7159)", () => {
    const cases: [string, unknown][] = [
      ['"plain"', "plain"],
      ['"quote \\" backslash \\\\ slash \\/"', 'quote " backslash \\ slash /'],
      ['"\\b\\f\\n\\r\\t"', "\b\f\n\r\t"],
      ['"\\u00e9\\u00C9"', "éÉ"],
      ['"\\ud83d\\ude00"', "😀"],
      ['"\\ud800"', "\ud800"],
      ['"ü and 😀 raw"', "ü and 😀 raw"],
      ['""', ""],
      ["true", true],
      ["False", false],
      ["NULL", null],
      ["0", 0],
      ["-0", -0],
      ["42", 42],
      ["-1.5", -1.5],
      ["2e10", 2e10],
      ["1E+2", 100],
      ["-2.5e-3", -0.0025],
    ];
    for (const [literal, want] of cases) {
      it(`reads ${literal}`, () => {
        const node = parseFilter(`x eq ${literal}`);
        assert.equal(node.kind, "compare");
        if (node.kind === "compare")
          assert.ok(Object.is(node.value, want), `${String(node.value)} vs ${String(want)}`);
      });
    }
  });

  describe("parses every filter example of RFC 7644 §3.4.2.2", () => {
    const examples = [
      'userName eq "bjensen"',
      `name.familyName co "O'Malley"`,
      'userName sw "J"',
      'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
      "title pr",
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      'meta.lastModified ge "2011-05-13T04:42:34Z"',
      'meta.lastModified lt "2011-05-13T04:42:34Z"',
      'meta.lastModified le "2011-05-13T04:42:34Z"',
      'title pr and userType eq "Employee"',
      'title pr or userType eq "Intern"',
      'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      'userType eq "Employee" and (emails.type eq "work")',
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    ];
    for (const text of examples) {
      it(text, () => {
        const ast = parseFilter(text);
        // Canonical printing of the RFC's own spelling is the spelling itself, except for the
        // redundant parentheses of the (emails.type eq "work") example.
        assert.equal(printFilter(ast), text.replace('(emails.type eq "work")', 'emails.type eq "work"'));
      });
    }
  });

  describe("rejects bad filters with 400 invalidFilter and says where and why", () => {
    const deep = `${"(".repeat(maxFilterDepth + 1)}a pr${")".repeat(maxFilterDepth + 1)}`;
    const deepNot = `${"not (".repeat(maxFilterDepth + 1)}a pr${")".repeat(maxFilterDepth + 1)}`;
    const cases: [string, { given: string; detail: RegExp }][] = [
      ["an unquoted string value", { given: "userName eq bjensen", detail: /character 13: .*double quotes/ }],
      ["a dangling operator", { given: "userName eq", detail: /character 12: expected a value after 'eq'/ }],
      ["a dangling 'and'", { given: "title pr and", detail: /character 13: expected an attribute path/ }],
      ["a missing operator", { given: "title", detail: /character 6: expected an operator/ }],
      [
        "an unterminated string",
        { given: 'userName eq "bjensen', detail: /character 13: unterminated string/ },
      ],
      ["a bad escape", { given: 'userName eq "a\\qb"', detail: /character 15: invalid escape '\\q'/ }],
      ["a short \\u escape", { given: 'userName eq "\\u12G4"', detail: /four hexadecimal digits/ }],
      ["a raw control character", { given: 'userName eq "a\u0001"', detail: /control characters/ }],
      [
        "an unknown operator",
        { given: 'userName regex "x"', detail: /the operator 'regex' is not supported/ },
      ],
      [
        "'not' without parentheses",
        { given: 'not userName eq "x"', detail: /'not' must be followed by a parenthesised filter/ },
      ],
      [
        "a value filter inside a value filter",
        {
          given: 'emails[type eq "w" and x[y eq 1]]',
          detail: /character 25: a value filter cannot contain another value filter/,
        },
      ],
      [
        "a value filter on a sub-attribute",
        { given: "name.givenName[x pr]", detail: /applies to a whole attribute/ },
      ],
      ["an unclosed parenthesis", { given: "(a pr", detail: /to close the '\(' at character 1/ }],
      ["an unclosed bracket", { given: "emails[type pr", detail: /to close the '\[' at character 7/ }],
      [
        "an unopened parenthesis",
        { given: "a pr)", detail: /character 5: '\)' has no matching opening bracket/ },
      ],
      ["a trailing word", { given: "a eq 1 b", detail: /character 8: expected 'and', 'or' or the end/ }],
      ["an empty filter", { given: "", detail: /the filter is empty/ }],
      ["a blank filter", { given: "   ", detail: /the filter is empty/ }],
      ["empty parentheses", { given: "()", detail: /expected an attribute path/ }],
      ["a leading-zero number", { given: "a eq 01", detail: /invalid number/ }],
      ["a number without fraction digits", { given: "a eq 1.", detail: /invalid number/ }],
      ["a lone minus", { given: "a eq -", detail: /invalid number/ }],
      ["a number glued to a word", { given: "a eq 1x", detail: /invalid number/ }],
      ["an overflowing number", { given: "a eq 1e999", detail: /out of range/ }],
      [
        "an unexpected character",
        { given: 'a eq "x" && b pr', detail: /character 10: unexpected character "&"/ },
      ],
      ["two sub-attributes", { given: "a.b.c pr", detail: /more than one sub-attribute/ }],
      ["a bad attribute name", { given: "a_.-b pr", detail: /'-b' is not a sub-attribute name/ }],
      [
        "a schema prefix that is not a URI",
        { given: "User:userName pr", detail: /'User' is not a schema URI/ },
      ],
      ["a path ending in a colon", { given: "urn:x:y: pr", detail: /expected an attribute name/ }],
      [
        "nesting too deep",
        { given: deep, detail: new RegExp(`deeper than ${maxFilterDepth} levels .*our limit`) },
      ],
      [
        "'not' nesting too deep",
        { given: deepNot, detail: new RegExp(`deeper than ${maxFilterDepth} levels`) },
      ],
      [
        "a filter that is too long",
        {
          given: `userName eq "${"x".repeat(maxFilterLength)}"`,
          detail: new RegExp(`at most ${maxFilterLength} are accepted \\(our limit\\)`),
        },
      ],
    ];
    for (const [name, { given, detail }] of cases) {
      it(name, () =>
        assert.throws(
          () => parseFilter(given),
          (e: unknown) =>
            e instanceof ScimError &&
            e.status === 400 &&
            e.scimType === "invalidFilter" &&
            detail.test(e.detail),
        ),
      );
    }
  });

  it("accepts nesting exactly at the limit", () => {
    const atLimit = `${"(".repeat(maxFilterDepth)}a pr${")".repeat(maxFilterDepth)}`;
    assert.deepEqual(parseFilter(atLimit), pr("a"));
  });

  it("accepts a filter exactly at the length limit", () => {
    const text = `userName eq "${"x".repeat(maxFilterLength - 14)}"`;
    assert.equal(text.length, maxFilterLength);
    assert.equal(parseFilter(text).kind, "compare");
  });

  it("returns frozen nodes", () => {
    const ast = parseFilter('a eq 1 and emails[type eq "x"]');
    assert.ok(Object.isFrozen(ast));
    assert.ok(ast.kind === "and" && Object.isFrozen(ast.right) && Object.isFrozen(ast.left));
  });
});
