// The filter oracle: the printer always produces RFC 7644 §3.4.2.2 text that parses back to the same
// tree; the evaluator gives the RFC's answers on its Figure 2 examples against the RFC 7643 §8.2 and
// §8.3 users, stays three-valued where the RFC is open, and refuses what a target must refuse.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { finalizeDraft, resourceArbitrary } from "../../arbitraries/resource-arbitrary.js";
import type { JsonObject } from "../../json/json.js";
import { assertProperty } from "../../testing/fc-seed.js";
import { enterpriseUrn, rfcEnterpriseUser, rfcFullUser } from "../../testing/rfc-examples.js";
import { customModel, specModel } from "../../testing/spec-model.js";
import { parseFilter } from "../../testing/tiny-filter-parser.js";
import type { Tri } from "../../values/text.js";
import { expectedSet, InvalidFilter, matches } from "./evaluate-filter.js";
import { filterArbitrary, scoped } from "./filter-arbitrary.js";
import { filter } from "./filter-ast.js";
import { printFilter } from "./print-filter.js";

const user = specModel().resourceType("User") ?? assert.fail("no User type");
const custom = customModel().resourceType("User") ?? assert.fail("no custom User type");

const figure2: [string, { text: string; want: Tri; resource?: JsonObject }][] = [
  ["eq on a different userName", { text: 'userName eq "bjensen"', want: false }],
  ["co with an apostrophe", { text: `name.familyName co "O'Malley"`, want: false }],
  ["sw that does not match", { text: 'userName sw "J"', want: false }],
  ["sw ignoring case (caseExact=false)", { text: 'userName sw "BJ"', want: true }],
  [
    "a URN-qualified core attribute",
    { text: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bjen"', want: true },
  ],
  ["pr", { text: "title pr", want: true }],
  ["gt on an equal dateTime", { text: 'meta.lastModified gt "2011-05-13T04:42:34Z"', want: false }],
  ["ge on an equal dateTime", { text: 'meta.lastModified ge "2011-05-13T04:42:34Z"', want: true }],
  ["lt on an equal dateTime", { text: 'meta.lastModified lt "2011-05-13T04:42:34Z"', want: false }],
  ["le on an equal dateTime", { text: 'meta.lastModified le "2011-05-13T04:42:34Z"', want: true }],
  [
    "gt on the same instant in another offset",
    { text: 'meta.lastModified gt "2011-05-13T06:42:34+02:00"', want: false },
  ],
  ["and", { text: 'title pr and userType eq "Employee"', want: true }],
  ["or", { text: 'title pr or userType eq "Intern"', want: true }],
  ["schemas without the extension", { text: `schemas eq "${enterpriseUrn}"`, want: false }],
  [
    "schemas with the extension",
    { text: `schemas eq "${enterpriseUrn}"`, want: true, resource: rfcEnterpriseUser },
  ],
  [
    "a complex attribute compared on its value",
    {
      text: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      want: true,
    },
  ],
  [
    "ne and not",
    {
      text: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      want: false,
    },
  ],
  [
    "a multi-valued sub-attribute",
    { text: 'userType eq "Employee" and (emails.type eq "work")', want: true },
  ],
  [
    "a value path",
    { text: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', want: true },
  ],
  [
    "value paths joined by or",
    {
      text: 'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      want: true,
    },
  ],
  [
    "a value path whose conditions hold on different values",
    { text: 'emails[type eq "home" and value co "@example.com"]', want: false },
  ],
  ["a caseExact=false sub-attribute in another case", { text: 'name.familyName eq "jensen"', want: true }],
  [
    "a caseExact=true id in another case",
    { text: 'id eq "2819C223-7F76-453A-919D-413861904646"', want: false },
  ],
  [
    "an extension attribute",
    { text: `${enterpriseUrn}:employeeNumber eq "701984"`, want: true, resource: rfcEnterpriseUser },
  ],
  [
    "an extension sub-attribute",
    {
      text: `${enterpriseUrn}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`,
      want: true,
      resource: rfcEnterpriseUser,
    },
  ],
  ["a boolean", { text: "active eq true", want: true }],
  ["attribute names and operators in any case", { text: 'USERTYPE EQ "Employee" AND Title PR', want: true }],
  [
    "precedence: and binds tighter than or",
    { text: 'title pr or userType eq "Employee" and nickName eq "x"', want: true },
  ],
  [
    "grouping overrides precedence",
    { text: '(title pr or userType eq "Employee") and nickName eq "x"', want: false },
  ],
  ["not", { text: "not (title pr)", want: false }],
  ["pr on a complex attribute", { text: "name pr", want: true }],
  ["pr on an absent attribute", { text: `${enterpriseUrn}:costCenter pr`, want: false }],
  ["ne on a single present value", { text: 'nickName ne "x"', want: true }],
  ["ne on an absent attribute (open)", { text: `${enterpriseUrn}:employeeNumber ne "1"`, want: "unknown" }],
  ["ne where one of several values is equal (open)", { text: 'emails.type ne "work"', want: "unknown" }],
  ["ne where no value is equal", { text: 'emails.type ne "other"', want: true }],
  ["eq null (open)", { text: "userName eq null", want: "unknown" }],
  ["unknown inside or is absorbed by true", { text: "userName eq null or title pr", want: true }],
  ["unknown inside and is absorbed by false", { text: 'userName eq null and title eq "x"', want: false }],
  ["a number compared with a string never matches", { text: "userName eq 5", want: false }],
];

describe("matches on RFC 7644 §3.4.2.2 Figure 2 and the RFC 7643 §8.2 User", () => {
  for (const [name, { text, want, resource }] of figure2) {
    it(`answers ${JSON.stringify(want)} for ${name}: ${text}`, () => {
      assert.equal(matches(parseFilter(text), resource ?? rfcFullUser, user), want);
    });
  }

  const refused: [string, string][] = [
    ["gt on a boolean", "active gt true"],
    ["le on binary", 'x509Certificates.value le "AAAA"'],
    ["an unknown attribute", "shoeSize eq 44"],
    ["an unknown sub-attribute in a value path", 'emails[colour eq "red"]'],
    ["a value path on a simple attribute", 'userName[value eq "x"]'],
  ];
  for (const [name, text] of refused) {
    it(`refuses ${name} (400 invalidFilter): ${text}`, () => {
      assert.throws(() => matches(parseFilter(text), rfcFullUser, user), InvalidFilter);
    });
  }
});

describe("printFilter", () => {
  const table: [string, { node: ReturnType<typeof filter.compare>; want: string }][] = [
    [
      "quotes and backslashes escaped",
      { node: filter.compare({ name: "title" }, "eq", 'a "b" \\c'), want: 'title eq "a \\"b\\" \\\\c"' },
    ],
    [
      "control characters escaped",
      { node: filter.compare({ name: "title" }, "co", "a\nb\u0001"), want: 'title co "a\\nb\\u0001"' },
    ],
    [
      "Unicode kept as UTF-8",
      { node: filter.compare({ name: "title" }, "sw", "é😀"), want: 'title sw "é😀"' },
    ],
    [
      "numbers, booleans and null as JSON",
      {
        node: filter.and(
          filter.compare({ name: "a" }, "gt", -1.5),
          filter.or(filter.compare({ name: "b" }, "eq", true), filter.compare({ name: "c" }, "eq", null)),
        ),
        want: "a gt -1.5 and (b eq true or c eq null)",
      },
    ],
    [
      "a URN-qualified sub-attribute",
      {
        node: filter.present({ uri: enterpriseUrn, name: "manager", sub: "value" }),
        want: `${enterpriseUrn}:manager.value pr`,
      },
    ],
    ["not with parentheses", { node: filter.not(filter.present({ name: "title" })), want: "not (title pr)" }],
    [
      "a value path",
      {
        node: filter.valuePath(
          { name: "emails" },
          filter.and(filter.compare({ name: "type" }, "eq", "work"), filter.present({ name: "value" })),
        ),
        want: 'emails[type eq "work" and value pr]',
      },
    ],
    [
      "right-nested and kept grouped",
      {
        node: filter.and(
          filter.present({ name: "a" }),
          filter.and(filter.present({ name: "b" }), filter.present({ name: "c" })),
        ),
        want: "a pr and (b pr and c pr)",
      },
    ],
  ];
  for (const [name, { node, want }] of table) {
    it(`prints ${name}`, () => assert.equal(printFilter(node), want));
  }

  it("prints upper-case operators on request (operators are case-insensitive)", () => {
    assert.equal(
      printFilter(filter.not(filter.present({ name: "a" })), { operatorCase: "upper" }),
      "NOT (a PR)",
    );
  });
});

/** Generated resources of a type, finalised with distinct unique values. */
function resourcesOf(type: typeof user, n: number, seed: number): JsonObject[] {
  let counter = 0;
  return fc.sample(resourceArbitrary(type, { mode: "create" }), { numRuns: n, seed }).map((d, i) => ({
    ...finalizeDraft(d, (label) => {
      counter += 1;
      return `t-${label}-${counter}`;
    }),
    id: `id-${i}`,
  }));
}

describe("filterArbitrary", () => {
  for (const [label, type] of [
    ["the RFC 7643 User", user],
    ["a User with a custom extension", custom],
  ] as const) {
    it(`generates filters over ${label} whose printed text parses back to the same tree`, () => {
      const resources = resourcesOf(type, 8, 7);
      assertProperty(
        fc.property(
          filterArbitrary(type, resources),
          fc.constantFrom("lower", "upper" as const),
          (node, operatorCase) => {
            const text = printFilter(node, { operatorCase: operatorCase as "lower" | "upper" });
            assert.deepEqual(parseFilter(text), node, text);
          },
        ),
        200,
      );
    });

    it(`generates filters over ${label} that the oracle evaluates on every resource`, () => {
      const resources = resourcesOf(type, 8, 11);
      let selective = 0;
      assertProperty(
        fc.property(filterArbitrary(type, resources), (node) => {
          const set = expectedSet(scoped({ name: "userName" }, "t-", node), resources, type);
          for (const id of set.required) assert.ok(set.allowed.has(id));
          if (set.required.size > 0 && set.required.size < resources.length) selective += 1;
        }),
        200,
      );
      // Operands come from the resources' own values, so some filters select a proper subset.
      assert.ok(selective > 10, `only ${selective} of 200 filters selected a proper subset`);
    });
  }

  it("scopes a filter to the run's resources", () => {
    const node = scoped({ name: "userName" }, "scimc-abc-", filter.present({ name: "title" }));
    assert.equal(printFilter(node), 'userName sw "scimc-abc-" and title pr');
    assert.equal(matches(node, rfcFullUser, user), false);
  });
});
