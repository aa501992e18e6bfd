// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${…}" is the fixture-case variable syntax under test, not a JS template.
// Replay building blocks: every matcher (both ways), JSON paths, templates and filters.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SpecValidator } from "../client/spec-validator.js";
import { UniqueNameSource } from "../engine/run-identity.js";
import type { Matcher } from "./case-format.js";
import { evaluateJsonPath, JsonPathError } from "./json-path.js";
import type { MatchContext } from "./matchers.js";
import { match } from "./matchers.js";
import type { TemplateScope } from "./template.js";
import { expand, TemplateError } from "./template.js";

function scope(values: Record<string, unknown> = {}): TemplateScope {
  return {
    run: { id: "abc123", prefix: "scimc-abc123-", seed: 7, baseUrl: "http://t/scim/v2", profiles: ["rfc"] },
    endpoint: (type) => (type === "User" ? "/Users" : undefined),
    unique: new UniqueNameSource("scimc-abc123-"),
    values: new Map(Object.entries(values)),
    drawn: new Map(),
  };
}

const context: MatchContext = {
  scope: scope({ id: "u1", name: "BJensen", who: { id: "u1" } }),
  validator: SpecValidator.shared(),
};

const table: [string, { matcher: Matcher; pass: unknown[]; fail: unknown[] }][] = [
  ["a scalar means equals", { matcher: "404", pass: ["404"], fail: [404, "405", undefined] }],
  ["an array means equals", { matcher: ["a", "b"], pass: [["a", "b"]], fail: [["b", "a"], "a"] }],
  [
    "equals compares deeply",
    { matcher: { equals: { a: [1] } }, pass: [{ a: [1] }], fail: [{ a: [1], b: 2 }] },
  ],
  ["equals expands templates", { matcher: { equals: "${id}" }, pass: ["u1"], fail: ["u2"] }],
  [
    "equalsIgnoreCase",
    { matcher: { equalsIgnoreCase: "bjensen" }, pass: ["BJENSEN", "bjensen"], fail: ["bjensen2", 1] },
  ],
  ["same compares with a capture", { matcher: { same: "id" }, pass: ["u1"], fail: ["U1", undefined] }],
  ["sameIgnoreCase", { matcher: { sameIgnoreCase: "name" }, pass: ["bjensen"], fail: ["jensen"] }],
  [
    "anyString wants a non-empty string",
    { matcher: { anyString: true }, pass: ["x"], fail: ["", 1, null, undefined] },
  ],
  ["type integer", { matcher: { type: "integer" }, pass: [0, 5], fail: [1.5, "1"] }],
  ["type array", { matcher: { type: "array" }, pass: [[]], fail: [{}] }],
  ["present", { matcher: { present: true }, pass: [0, "", false], fail: [undefined, null, []] }],
  [
    "absent treats null and [] as unassigned (RFC 7643 §2.5)",
    { matcher: { absent: true }, pass: [undefined, null, []], fail: ["", 0] },
  ],
  ["oneOf", { matcher: { oneOf: [200, 204] }, pass: [200, 204], fail: [201] }],
  [
    "matches with flags",
    { matcher: { matches: '^w/"', flags: "i" }, pass: ['W/"1"', 'w/"1"'], fail: ['"1"', 3] },
  ],
  [
    "contains a scalar element",
    { matcher: { contains: "urn:x" }, pass: [["urn:y", "urn:x"]], fail: [["urn:y"], "nope"] },
  ],
  ["contains a substring", { matcher: { contains: "ell" }, pass: ["hello"], fail: ["help"] }],
  [
    "contains an element that includes an object, keys case-insensitively",
    {
      matcher: { contains: { value: "a@b.c", Type: "work" } },
      pass: [[{ value: "a@b.c", type: "work", primary: true }]],
      fail: [[{ value: "a@b.c" }]],
    },
  ],
  [
    "contains an element matching a matcher",
    { matcher: { contains: { matches: "^u\\d$" } }, pass: [["x", "u1"]], fail: [["x"]] },
  ],
  [
    "subset",
    {
      matcher: { subset: { meta: { resourceType: "User" } } },
      pass: [{ id: "1", meta: { resourceType: "User", x: 1 } }],
      fail: [{ meta: {} }],
    },
  ],
  ["length exact", { matcher: { length: 2 }, pass: [[1, 2], "ab"], fail: [[1], 5] }],
  ["length bounds", { matcher: { length: { min: 1, max: 2 } }, pass: [[1], [1, 2]], fail: [[], [1, 2, 3]] }],
  ["atLeast", { matcher: { atLeast: 1 }, pass: [1, 2], fail: [0, "3"] }],
  ["atMost", { matcher: { atMost: 1 }, pass: [0, 1], fail: [2] }],
  [
    "schema",
    { matcher: { schema: { type: "object", required: ["id"] } }, pass: [{ id: "1" }], fail: [{}, "x"] },
  ],
  [
    "specSchema validates against a spec component",
    {
      matcher: { specSchema: "Error" },
      pass: [{ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" }],
      fail: [{ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: 404 }],
    },
  ],
  ["not", { matcher: { not: { equals: "x" } }, pass: ["y"], fail: ["x"] }],
  ["all", { matcher: { all: [{ type: "string" }, { matches: "^a" }] }, pass: ["ab"], fail: ["ba", 1] }],
];

describe("match", () => {
  for (const [name, { matcher, pass, fail }] of table) {
    it(name, () => {
      for (const value of pass)
        assert.equal(match(matcher, value, context), undefined, `${JSON.stringify(value)} should match`);
      for (const value of fail)
        assert.equal(
          typeof match(matcher, value, context),
          "string",
          `${JSON.stringify(value)} should not match`,
        );
    });
  }

  it("says what it saw and what it wanted", () => {
    assert.equal(
      match({ equalsIgnoreCase: "bob" }, "alice", context),
      'is "alice", expected "bob" in any letter case',
    );
  });
});

describe("evaluateJsonPath", () => {
  const doc = {
    Resources: [{ id: "1", emails: [{ value: "a" }, { value: "b" }] }, { id: "2" }],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { employeeNumber: "7" },
    UserName: "bjensen",
  };
  const table: [string, { value: unknown; found: boolean }][] = [
    ["$.Resources[1].id", { value: "2", found: true }],
    ["$.Resources[*].id", { value: ["1", "2"], found: true }],
    ["$.Resources[0].emails[*].value", { value: ["a", "b"], found: true }],
    [
      "$['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].employeeNumber",
      { value: "7", found: true },
    ],
    ["$.userName", { value: "bjensen", found: true }],
    ["$.Resources[5].id", { value: undefined, found: false }],
    ["$", { value: doc, found: true }],
  ];
  for (const [path, want] of table) {
    it(`reads ${path}`, () => assert.deepEqual(evaluateJsonPath(doc, path), want));
  }
  it("rejects a path that does not start with $", () =>
    assert.throws(() => evaluateJsonPath(doc, "Resources"), JsonPathError));
});

describe("expand", () => {
  it("keeps the type of a whole-string variable and fills the rest", () => {
    const s = scope({ count: 3, userName: 'o"brien' });
    assert.deepEqual(expand({ n: "${count}", text: "x${count}y", f: "userName eq ${userName | json}" }, s), {
      n: 3,
      text: "x3y",
      f: 'userName eq "o\\"brien"',
    });
  });

  it("draws a unique value once per name", () => {
    const s = scope();
    const [a, b, c] = expand(
      ["${unique.userName}", "${unique.userName}", "${unique.userName2}"],
      s,
    ) as string[];
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.match(a ?? "", /^scimc-abc123-user-\d+$/);
  });

  it("resolves namespaces, dotted captures and filters", () => {
    const s = scope({ who: { id: "u1" } });
    assert.deepEqual(
      expand(["${endpoint.User}/${who.id}", "${run.prefix | upper}", "${baseUrl}", "${unique.email}"], s),
      ["/Users/u1", "SCIMC-ABC123-", "http://t/scim/v2", "scimc-abc123-mail-1@example.org"],
    );
  });

  for (const [name, text] of [
    ["an unknown variable", "${nope}"],
    ["an unknown filter", "${run.id | shout}"],
    ["an unadvertised endpoint", "${endpoint.Device}"],
  ] as const) {
    it(`throws on ${name}`, () => assert.throws(() => expand(text, scope()), TemplateError));
  }
});
