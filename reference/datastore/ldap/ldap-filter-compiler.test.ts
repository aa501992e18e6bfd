import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  andNode,
  compareNode,
  notNode,
  orNode,
  presentNode,
  valuePathNode,
} from "../../protocol/filter/filter-builders.js";
import type { CompareOperator } from "../../protocol/filter/filter-node.js";
import { checkProperty } from "../../protocol/testing/check-property.js";
import type { StoreAttribute, StoreFilter } from "../datastore.js";
import { DirectorySchema } from "./ldap-directory-schema.js";
import { renderFilter } from "./ldap-filter.js";
import { compileStoreFilter, isPlainAscii, nativeTypes } from "./ldap-filter-compiler.js";
import { parseFilter } from "./ldap-filter-parser.js";
import { fixtureSchema } from "./ldap-schema-fixture.js";
import { attr, eq, s } from "./ldap-test-attributes.js";
import { type KeySearch, noKeys } from "./ldap-value-keys.js";

const uuid = "6094ef84-816a-1041-8197-7968eafdab4f";
/** Compiled for a directory without scimKey (an older scim.schema); keyed cases are below. */
const compile = (f: StoreFilter) => renderFilter(compileStoreFilter(f, nativeTypes(fixtureSchema()), noKeys));
const compileWith =
  (search: KeySearch, members = true) =>
  (f: StoreFilter) =>
    renderFilter(compileStoreFilter(f, nativeTypes(fixtureSchema()), { search, members }));

describe("compileStoreFilter", () => {
  const table: readonly [string, { given: StoreFilter; want: string }][] = [
    [
      "eq on a case-insensitive directory attribute",
      { given: eq(s.uid, "BJensen"), want: "(|(uid=BJensen)(scimJsonAttribute=uid))" },
    ],
    [
      "eq with a non-ASCII literal only requires the attribute",
      { given: eq(s.uid, "Ωmega"), want: "(|(uid=*)(scimJsonAttribute=uid))" },
    ],
    [
      "eq with spaces at the end only requires the attribute",
      { given: eq(s.uid, "a "), want: "(|(uid=*)(scimJsonAttribute=uid))" },
    ],
    [
      "eq with a double space only requires the attribute",
      { given: eq(s.uid, "a  b"), want: "(|(uid=*)(scimJsonAttribute=uid))" },
    ],
    [
      "eq case-exact pushes any value",
      {
        given: eq(s.externalId, "Ωx (1)*"),
        want: "(|(scimExternalId=Ωx \\281\\29\\2a)(scimJsonAttribute=scimExternalId))",
      },
    ],
    [
      "eq case-exact on a case-insensitive attribute",
      { given: eq(s.titleExact, "Guide"), want: "(|(title=Guide)(scimJsonAttribute=title))" },
    ],
    [
      "eq case-insensitive on a case-exact attribute",
      {
        given: eq(s.externalIdFolded, "abc"),
        want: "(|(scimExternalId=*)(scimJsonAttribute=scimExternalId))",
      },
    ],
    [
      "eq with a value the syntax refuses",
      { given: eq(s.mail, "é@x.org"), want: "(|(mail=*)(scimJsonAttribute=mail))" },
    ],
    [
      "co",
      {
        given: compareNode(s.displayName, "co", "ens"),
        want: "(|(displayName=*ens*)(scimJsonAttribute=displayName))",
      },
    ],
    [
      "sw",
      {
        given: compareNode(s.displayName, "sw", "Ba"),
        want: "(|(displayName=Ba*)(scimJsonAttribute=displayName))",
      },
    ],
    [
      "ew",
      {
        given: compareNode(s.displayName, "ew", "en"),
        want: "(|(displayName=*en)(scimJsonAttribute=displayName))",
      },
    ],
    [
      "sw with an empty literal",
      {
        given: compareNode(s.displayName, "sw", ""),
        want: "(|(displayName=*)(scimJsonAttribute=displayName))",
      },
    ],
    [
      "co case-exact (NFKC may join a combining mark)",
      {
        given: compareNode(s.externalId, "co", "e"),
        want: "(|(scimExternalId=*)(scimJsonAttribute=scimExternalId))",
      },
    ],
    [
      "gt on text (ORDERING rules are not code point order)",
      { given: compareNode(s.uid, "gt", "m"), want: "(|(uid=*)(scimJsonAttribute=uid))" },
    ],
    [
      "telephone numbers",
      {
        given: eq(s.phone, "+1 555 0100"),
        want: "(|(telephoneNumber=+1 555 0100)(scimJsonAttribute=telephoneNumber))",
      },
    ],
    [
      "a boolean",
      { given: eq(s.active, false), want: "(|(scimActive=FALSE)(scimJsonAttribute=scimActive))" },
    ],
    [
      "an attribute with no directory type",
      { given: eq(s.userName, "x"), want: "(scimJsonAttribute=userName)" },
    ],
    [
      "a sub-attribute of a JSON-valued attribute",
      { given: eq(s.emailValue, "a@x"), want: "(|(scimEmails=*)(scimJsonAttribute=scimEmails))" },
    ],
    ["pr", { given: presentNode(s.displayName), want: "(|(displayName=*)(scimJsonAttribute=displayName))" }],
    ["ne is not pushed", { given: compareNode(s.uid, "ne", "x"), want: "(objectClass=*)" }],
    ["eq null (absence) is not pushed", { given: eq(s.uid, null), want: "(objectClass=*)" }],
    [
      "ne null is presence",
      { given: compareNode(s.uid, "ne", null), want: "(|(uid=*)(scimJsonAttribute=uid))" },
    ],
    ["not is not pushed", { given: notNode(eq(s.uid, "x")), want: "(objectClass=*)" }],
    [
      "and",
      {
        given: andNode(eq(s.uid, "a"), presentNode(s.userName)),
        want: "(&(|(uid=a)(scimJsonAttribute=uid))(scimJsonAttribute=userName))",
      },
    ],
    [
      "or",
      { given: orNode(eq(s.uid, "a"), eq(s.uid, "b")), want: "(|(uid=a)(scimJsonAttribute=uid)(uid=b))" },
    ],
    [
      "or with an unpushed side",
      { given: orNode(eq(s.uid, "a"), notNode(eq(s.uid, "b"))), want: "(objectClass=*)" },
    ],
    [
      "a value path: the attribute and each narrowing of the inner filter",
      {
        given: valuePathNode(s.emails, andNode(eq(s.emailType, "work"), eq(s.emailValue, "a"))),
        want: "(|(scimEmails=*)(scimJsonAttribute=scimEmails))",
      },
    ],
    [
      "a value path over a simple multi-valued attribute",
      {
        given: valuePathNode(s.description, eq(s.description, "x")),
        want: "(&(|(description=*)(scimJsonAttribute=description))(|(description=x)(scimJsonAttribute=description)))",
      },
    ],
    ["id eq", { given: eq(s.id, uuid), want: `(entryUUID=${uuid})` }],
    ["id eq with what is not an entryUUID", { given: eq(s.id, "x)(uid=*"), want: "(!(objectClass=*))" }],
    ["id sw", { given: compareNode(s.id, "sw", "6094"), want: "(objectClass=*)" }],
    [
      "meta.created ge rounds down to the second",
      {
        given: compareNode(s.created, "ge", "2024-01-02T03:04:05.678+01:00"),
        want: "(createTimestamp>=20240102020405Z)",
      },
    ],
    [
      "meta.created lt rounds up",
      {
        given: compareNode(s.created, "lt", "2024-01-02T03:04:05.001Z"),
        want: "(createTimestamp<=20240102030406Z)",
      },
    ],
    [
      "meta.created eq is a one-second range",
      {
        given: eq(s.created, "2024-01-02T03:04:05Z"),
        want: "(&(createTimestamp>=20240102030405Z)(createTimestamp<=20240102030405Z))",
      },
    ],
    [
      "meta.lastModified ge: modifyTimestamp bounds it from below",
      {
        given: compareNode(s.lastModified, "ge", "2024-01-02T03:04:05.678Z"),
        want: "(modifyTimestamp>=20240102030405Z)",
      },
    ],
    [
      "meta.lastModified lt: no upper bound (an unmodified entry reports its creation time)",
      { given: compareNode(s.lastModified, "lt", "2024-01-02T03:04:05.001Z"), want: "(objectClass=*)" },
    ],
    [
      "members are evaluated on the membership graph",
      { given: eq(s.members, uuid), want: "(objectClass=*)" },
    ],
  ];
  for (const [name, { given, want }] of table) {
    it(`compiles ${name}`, () => assert.equal(compile(given), want));
  }

  describe("integers (RFC 4517 integerMatch, integerOrderingMatch)", () => {
    const schema = new DirectorySchema(
      [
        "( 9.1 NAME 'level' EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 )",
        "( 9.2 NAME 'count' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 )",
      ],
      [],
    );
    const level = attr("level", "decimal");
    const count = attr("count", "integer");
    const cases: readonly [CompareOperator, StoreAttribute, number, string][] = [
      ["eq", level, 10, "(level=10)"],
      ["eq", level, 9.5, ""],
      ["gt", level, 9.5, "(level>=10)"],
      ["gt", level, 9, "(level>=10)"],
      ["ge", level, 9.5, "(level>=10)"],
      ["lt", level, 9.5, "(level<=9)"],
      ["le", level, -9.5, "(level<=-10)"],
      ["gt", count, 9, "(count=*)"],
    ];
    for (const [op, a, v, want] of cases) {
      it(`${a.name} ${op} ${v} narrows to ${want || "the document only"}`, () => {
        const marker = `(scimJsonAttribute=${a.name})`;
        const got = renderFilter(compileStoreFilter(compareNode(a, op, v), nativeTypes(schema), noKeys));
        assert.equal(got, want === "" ? marker : `(|${want}${marker})`);
      });
    }
  });

  describe("with scimKey: a case-insensitive eq the directory cannot decide is one exact key search", () => {
    const table: readonly [string, { given: StoreFilter; want: string }][] = [
      [
        "non-ASCII on a case-insensitive directory attribute",
        { given: eq(s.uid, "Zo\u00cb"), want: '(scimKey=["uid","zo\u00eb"])' },
      ],
      [
        "a value with a double space, folded as SCIM folds it (NFC, width, lower case)",
        { given: eq(s.uid, "\uff21  B"), want: '(scimKey=["uid","a  b"])' },
      ],
      [
        "an attribute held only in the document (no directory attribute type)",
        { given: eq(s.userName, "BJensen"), want: '(scimKey=["userName","bjensen"])' },
      ],
      [
        "plain ASCII on a case-insensitive directory attribute stays native",
        { given: eq(s.uid, "BJensen"), want: "(|(uid=BJensen)(scimJsonAttribute=uid))" },
      ],
      [
        "a case-exact attribute stays native (caseExactMatch is coarser than SCIM's)",
        {
          given: eq(s.externalId, "\u00c9"),
          want: "(|(scimExternalId=\u00c9)(scimJsonAttribute=scimExternalId))",
        },
      ],
      [
        "a sub-attribute: the member's key (a complex value is one JSON text per element)",
        { given: eq(s.emailValue, "\u00c9@x.org"), want: '(scimKey=["scimEmails","value","\u00e9@x.org"])' },
      ],
      [
        "a sub-attribute with a plain ASCII literal: the directory has nothing better",
        { given: eq(s.emailType, "Work"), want: '(scimKey=["scimEmails","type","work"])' },
      ],
      [
        "a case-exact sub-attribute is not keyed",
        {
          given: eq(attr("scimEmails", "string", { sub: "value", multi: true, caseExact: true }), "a@x.org"),
          want: "(|(scimEmails=*)(scimJsonAttribute=scimEmails))",
        },
      ],
      [
        "scimKey without a SUBSTR rule: sw still requires the attribute",
        { given: compareNode(s.uid, "sw", "\u00e9"), want: "(|(uid=*)(scimJsonAttribute=uid))" },
      ],
      [
        "inside or and a value path",
        {
          given: orNode(eq(s.uid, "\u00e9"), valuePathNode(s.mail, eq(s.mail, "\u00e9@x.org"))),
          want: '(|(scimKey=["uid","\u00e9"])(&(|(mail=*)(scimJsonAttribute=mail))(scimKey=["mail","\u00e9@x.org"])))',
        },
      ],
    ];
    for (const [name, { given, want }] of table) {
      it(`compiles ${name}`, () => assert.equal(compileWith("equality")(given), want));
    }
  });

  describe("with scimKey's SUBSTR rule: a case-insensitive sw, ew or co is a substrings search of the keys", () => {
    const table: readonly [string, { given: StoreFilter; want: string }][] = [
      [
        "sw with a non-ASCII literal, folded",
        { given: compareNode(s.uid, "sw", "Zo\u00cb"), want: '(scimKey=["uid","zo\u00eb*)' },
      ],
      [
        "ew: the final part ends the key, so the match ends the value",
        { given: compareNode(s.uid, "ew", "\u00cbE"), want: '(scimKey=["uid","*\u00ebe"])' },
      ],
      [
        "co: the part is searched inside the value, after the attribute's name and before the key's end",
        { given: compareNode(s.uid, "co", "\u00c9"), want: '(scimKey=["uid","*\u00e9*"])' },
      ],
      [
        "an empty literal: every value of the attribute starts with, ends with and contains it (sw and co are one search)",
        {
          given: orNode(
            compareNode(s.uid, "sw", ""),
            orNode(compareNode(s.uid, "ew", ""), compareNode(s.uid, "co", "")),
          ),
          want: '(|(scimKey=["uid","*)(scimKey=["uid","*"]))',
        },
      ],
      [
        "JSON and filter escapes: a quote, a backslash, a star and parentheses",
        {
          given: compareNode(s.uid, "co", '\u00e9"\\*()'),
          want: '(scimKey=["uid","*\u00e9\\5c"\\5c\\5c\\2a\\28\\29*"])',
        },
      ],
      [
        "an attribute held only in the document, plain ASCII",
        { given: compareNode(s.userName, "sw", "bj"), want: '(scimKey=["userName","bj*)' },
      ],
      [
        "plain ASCII on a case-ignoring substrings rule stays native",
        { given: compareNode(s.uid, "sw", "BJ"), want: "(|(uid=BJ*)(scimJsonAttribute=uid))" },
      ],
      [
        "a case-exact attribute is not keyed (the fold of a prefix need not prefix the fold)",
        {
          given: compareNode(s.externalId, "sw", "\u00c9"),
          want: "(|(scimExternalId=*)(scimJsonAttribute=scimExternalId))",
        },
      ],
      [
        "a sub-attribute: its member's keys",
        {
          given: compareNode(s.emailValue, "co", "\u00c9"),
          want: '(scimKey=["scimEmails","value","*\u00e9*"])',
        },
      ],
      [
        "gt is not keyed (the keys' order is not the directory's)",
        { given: compareNode(s.uid, "gt", "\u00e9"), want: "(|(uid=*)(scimJsonAttribute=uid))" },
      ],
    ];
    for (const [name, { given, want }] of table) {
      it(`compiles ${name}`, () => assert.equal(compileWith("substrings")(given), want));
    }

    it("narrows a sub-attribute to presence while the container's entries lack member keys", () => {
      const before = compileWith("substrings", false);
      assert.equal(
        before(eq(s.emailValue, "\u00e9@x.org")),
        "(|(scimEmails=*)(scimJsonAttribute=scimEmails))",
      );
      assert.equal(before(eq(s.uid, "Zo\u00cb")), '(scimKey=["uid","zo\u00eb"])');
    });
  });

  it("treats only printable ASCII with single inner spaces as plain", () => {
    for (const [text, plain] of [
      ["Babs Jensen", true],
      ["a", true],
      [" a", false],
      ["a ", false],
      ["a  b", false],
      ["é", false],
      ["a\tb", false],
      ["", false],
    ] as const) {
      assert.equal(isPlainAscii(text), plain, JSON.stringify(text));
    }
  });
});

describe("compiled literals stay literals", () => {
  it("puts any case-exact value into exactly one assertion on its attribute", () => {
    const value = fc.oneof(
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }),
      fc
        .array(fc.constantFrom("*", "(", ")", "\\", "\u0000", ")(uid=*", "\\2a", "＊", "（", "é", " "), {
          minLength: 1,
          maxLength: 6,
        })
        .map((p) => p.join("")),
    );
    checkProperty(
      fc.property(value, (v) => {
        const parsed = parseFilter(compile(eq(s.externalId, v)));
        assert.deepEqual(parsed, {
          kind: "or",
          filters: [
            { kind: "equality", attribute: "scimExternalId", value: v },
            { kind: "equality", attribute: "scimJsonAttribute", value: "scimExternalId" },
          ],
        });
      }),
      500,
    );
  });
});
