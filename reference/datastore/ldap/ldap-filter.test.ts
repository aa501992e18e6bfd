import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BerWriter, type Filter, FilterParser } from "ldapts";
import { checkProperty } from "../../protocol/testing/check-property.js";
import { toLdaptsFilter } from "./ldap-driver.js";
import {
  and,
  equality,
  escapeFilterValue,
  greaterOrEqual,
  type LdapFilter,
  ldapFalse,
  ldapTrue,
  lessOrEqual,
  not,
  or,
  present,
  renderFilter,
  substrings,
} from "./ldap-filter.js";
import { parseFilter } from "./ldap-filter-parser.js";

describe("escapeFilterValue (RFC 4515 §3)", () => {
  const table: readonly [string, { given: string; want: string }][] = [
    ["plain text stays", { given: "bjensen", want: "bjensen" }],
    ["the asterisk", { given: "a*b", want: "a\\2ab" }],
    ["parentheses", { given: "(x)", want: "\\28x\\29" }],
    ["the backslash", { given: "C:\\dir", want: "C:\\5cdir" }],
    ["NUL", { given: "a\u0000b", want: "a\\00b" }],
    ["an escape-looking text is escaped, not trusted", { given: "\\2a", want: "\\5c2a" }],
    ["UTF-8 stays as it is (ldapts decodes escapes per octet)", { given: "Ωmega é 😀", want: "Ωmega é 😀" }],
    ["look-alikes are ordinary characters", { given: "＊（）∗", want: "＊（）∗" }],
  ];
  for (const [name, { given, want }] of table) {
    it(`escapes ${name}`, () => assert.equal(escapeFilterValue(given), want));
  }
});

describe("renderFilter", () => {
  const table: readonly [string, { given: LdapFilter; want: string }][] = [
    ["equality", { given: equality("uid", "bjensen"), want: "(uid=bjensen)" }],
    ["presence", { given: present("mail"), want: "(mail=*)" }],
    ["ordering", { given: and(greaterOrEqual("n", "1"), lessOrEqual("n", "9")), want: "(&(n>=1)(n<=9))" }],
    ["a prefix", { given: substrings("cn", { initial: "Ba" }), want: "(cn=Ba*)" }],
    ["a suffix", { given: substrings("cn", { final: "en" }), want: "(cn=*en)" }],
    [
      "an infix with metacharacters",
      { given: substrings("cn", { any: ["a*(b"] }), want: "(cn=*a\\2a\\28b*)" },
    ],
    ["negation", { given: not(present("scimDisabled")), want: "(!(scimDisabled=*))" }],
    ["absolute true", { given: ldapTrue, want: "(objectClass=*)" }],
    ["absolute false", { given: ldapFalse, want: "(!(objectClass=*))" }],
    ["a disjunction", { given: or(equality("a", "1"), equality("b", "2")), want: "(|(a=1)(b=2))" }],
  ];
  for (const [name, { given, want }] of table) {
    it(`writes ${name}`, () => assert.equal(renderFilter(given), want));
  }

  it("simplifies absolute members away, flattens and drops repeated members", () => {
    assert.deepEqual(and(ldapTrue, equality("a", "1")), equality("a", "1"));
    assert.deepEqual(and(equality("a", "1"), ldapFalse), ldapFalse);
    assert.deepEqual(or(equality("a", "1"), ldapTrue), ldapTrue);
    assert.deepEqual(or(ldapFalse, ldapFalse), ldapFalse);
    assert.equal(renderFilter(and(and(present("a"), present("b")), present("a"))), "(&(a=*)(b=*))");
  });
});

/** Values built to break out of their place: metacharacters, escapes, NUL, look-alikes, any Unicode. */
const hostileValue = fc.oneof(
  fc
    .array(
      fc.constantFrom(
        "*",
        "(",
        ")",
        "\\",
        "\u0000",
        "\\2a",
        "\\28",
        "\\29",
        "\\5c",
        ")(uid=*",
        "*)(|(a=*",
        "＊",
        "（",
        "）",
        "∗",
        "⁎",
        "﹡",
        "=",
        "&",
        "|",
        "!",
        ">=",
        "<=",
        "~=",
        " ",
        "é",
        "e\u0301",
        "😀",
        "a",
        "Z",
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 10 }),
);
const attribute = fc.constantFrom("uid", "cn", "scimJsonAttribute", "mail", "x-1");

const leaf: fc.Arbitrary<LdapFilter> = fc.oneof(
  fc.tuple(attribute, hostileValue).map(([a, v]) => equality(a, v)),
  fc.tuple(attribute, hostileValue).map(([a, v]) => greaterOrEqual(a, v)),
  fc.tuple(attribute, hostileValue).map(([a, v]) => lessOrEqual(a, v)),
  attribute.map(present),
  fc
    .tuple(
      attribute,
      fc.option(hostileValue, { nil: undefined }),
      fc.array(hostileValue, { maxLength: 2 }),
      fc.option(hostileValue, { nil: undefined }),
    )
    .filter(([, i, any, f]) => i !== undefined || any.length > 0 || f !== undefined)
    .map(([a, initial, any, final]) => substrings(a, { initial, any, final })),
);

/** Node-for-node structure, kept as built (no simplification), to compare with what a parser reads. */
const tree = fc.letrec<{ node: LdapFilter }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc
      .array(tie("node"), { minLength: 1, maxLength: 3 })
      .map((filters) => ({ kind: "and" as const, filters })),
    fc
      .array(tie("node"), { minLength: 1, maxLength: 3 })
      .map((filters) => ({ kind: "or" as const, filters })),
    tie("node").map((filter) => ({ kind: "not" as const, filter })),
  ),
})).node;

/** Without undefined members, so that a missing part and an undefined one compare equal. */
const plain = (f: LdapFilter): unknown => JSON.parse(JSON.stringify(f));

function ber(filter: Filter): string {
  const writer = new BerWriter();
  filter.write(writer);
  return writer.buffer.toString("hex");
}

describe("a value never escapes its place in a filter (RFC 4515)", () => {
  it("parses back into exactly the filter that was written, whatever the values hold", () => {
    checkProperty(
      fc.property(tree, (filter) => {
        assert.deepEqual(plain(parseFilter(renderFilter(filter))), plain(filter));
      }),
      500,
    );
  });

  it("is read by ldapts into the same request as the Filter objects the adapter sends", () => {
    checkProperty(
      fc.property(tree, (filter) => {
        assert.equal(ber(FilterParser.parseString(renderFilter(filter))), ber(toLdaptsFilter(filter)));
      }),
      500,
    );
  });

  it("keeps a value a value: one comparison stays one comparison on its own attribute", () => {
    checkProperty(
      fc.property(attribute, hostileValue, (a, v) => {
        const parsed = parseFilter(renderFilter(equality(a, v)));
        assert.deepEqual(parsed, { kind: "equality", attribute: a, value: v });
      }),
      1000,
    );
  });
});
