// The sort oracle on RFC 7644 §3.4.2.3's rules: caseExact-aware order, missing values last ascending
// and first descending, multi-valued attributes by their primary (else first) value, ties free.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { JsonObject } from "../../json/json.js";
import { assertProperty } from "../../testing/fc-seed.js";
import { specModel } from "../../testing/spec-model.js";
import type { SortOrder } from "./sort-oracle.js";
import { oracleSort, orderViolations, sortKey } from "./sort-oracle.js";

const user = specModel().resourceType("User") ?? assert.fail("no User");
const at = (path: string) => user.resolve(path) ?? assert.fail(path);

const u = (id: string, fields: JsonObject): JsonObject => ({ id, ...fields });

describe("sortKey", () => {
  it("uses the primary value of a multi-valued attribute, else the first (RFC 7644 §3.4.2.3)", () => {
    const emails = [
      { value: "b@x", type: "work" },
      { value: "a@x", primary: true },
    ];
    assert.deepEqual(sortKey({ emails }, at("emails.value")), { kind: "value", value: "a@x" });
    assert.deepEqual(sortKey({ emails: [{ value: "c@x" }, { value: "a@x" }] }, at("emails")), {
      kind: "value",
      value: "c@x",
    });
    assert.deepEqual(sortKey({}, at("emails.value")), { kind: "missing" });
  });

  it("is open when the chosen value lacks the sub-attribute another value has", () => {
    assert.deepEqual(
      sortKey({ emails: [{ value: "a@x" }, { value: "b@x", type: "home" }] }, at("emails.type")),
      { kind: "open" },
    );
  });
});

describe("orderViolations", () => {
  const cases: [
    string,
    { path: string; order: SortOrder; ids: string[]; resources: JsonObject[]; violations: number },
  ][] = [
    [
      "ascending, case-insensitive userName",
      {
        path: "userName",
        order: "ascending",
        ids: [],
        resources: [
          u("1", { userName: "alice" }),
          u("2", { userName: "Bob" }),
          u("3", { userName: "carol" }),
        ],
        violations: 0,
      },
    ],
    [
      "ascending out of order",
      {
        path: "userName",
        order: "ascending",
        ids: [],
        resources: [u("1", { userName: "Bob" }), u("2", { userName: "alice" })],
        violations: 1,
      },
    ],
    [
      "caseExact externalId: B before a",
      {
        path: "externalId",
        order: "ascending",
        ids: [],
        resources: [u("1", { externalId: "B" }), u("2", { externalId: "a" })],
        violations: 0,
      },
    ],
    [
      "caseExact externalId: a before B is wrong",
      {
        path: "externalId",
        order: "ascending",
        ids: [],
        resources: [u("1", { externalId: "a" }), u("2", { externalId: "B" })],
        violations: 1,
      },
    ],
    [
      "missing values last ascending",
      {
        path: "title",
        order: "ascending",
        ids: [],
        resources: [u("1", { title: "a" }), u("2", {})],
        violations: 0,
      },
    ],
    [
      "missing values first ascending is wrong",
      {
        path: "title",
        order: "ascending",
        ids: [],
        resources: [u("2", {}), u("1", { title: "a" })],
        violations: 1,
      },
    ],
    [
      "missing values first descending",
      {
        path: "title",
        order: "descending",
        ids: [],
        resources: [u("2", {}), u("1", { title: "b" }), u("3", { title: "a" })],
        violations: 0,
      },
    ],
    [
      "ties in any order",
      {
        path: "title",
        order: "ascending",
        ids: [],
        resources: [u("2", { title: "X" }), u("1", { title: "x" })],
        violations: 0,
      },
    ],
    [
      "dateTime chronologically",
      {
        path: "meta.lastModified",
        order: "ascending",
        ids: [],
        resources: [
          u("1", { meta: { lastModified: "2020-01-01T10:00:00+05:00" } }),
          u("2", { meta: { lastModified: "2020-01-01T06:00:00Z" } }),
        ],
        violations: 0,
      },
    ],
    [
      "sub-attribute name.familyName",
      {
        path: "name.familyName",
        order: "descending",
        ids: [],
        resources: [u("1", { name: { familyName: "Z" } }), u("2", { name: { familyName: "a" } })],
        violations: 0,
      },
    ],
  ];
  for (const [name, { path, order, resources, violations }] of cases) {
    it(`finds ${violations} violation(s): ${name}`, () => {
      assert.equal(orderViolations(resources, at(path), order).length, violations);
    });
  }

  it("accepts its own order and rejects the reversal of any order with distinct keys", () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), {
      minLength: 2,
      maxLength: 8,
      selector: (s) => s.toLowerCase(),
    });
    assertProperty(
      fc.property(
        names,
        fc.constantFrom<SortOrder>("ascending", "descending"),
        fc.boolean(),
        (list, order, holes) => {
          const resources = list.map((n, i) => u(String(i), holes && i % 3 === 0 ? {} : { title: n }));
          const sorted = oracleSort(resources, at("title"), order);
          assert.deepEqual(orderViolations(sorted, at("title"), order), []);
          const reversed = [...sorted].reverse();
          const distinct = new Set(sorted.map((r) => String(r.title ?? "\u0000"))).size === sorted.length;
          if (distinct) assert.ok(orderViolations(reversed, at("title"), order).length > 0);
        },
      ),
    );
  });
});
