import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ScimError } from "../errors/scim-error.js";
import { parseAttrPath } from "../path/parse-attr-path.js";
import type { JsonObject } from "../resource/json.js";
import type { ResourceTypeDefinition } from "../schema/schema-definition.js";
import { checkProperty } from "../testing/check-property.js";
import { specRegistry } from "../testing/spec-registry.js";
import { compareForSort, resolveSortBy } from "./sort-compare.js";

const registry = specRegistry();
const User = registry.resourceType("User") as ResourceTypeDefinition;

function sortIds(sortBy: string, descending: boolean, resources: JsonObject[]): string[] {
  const attr = resolveSortBy(registry, User, parseAttrPath(sortBy));
  return [...resources].sort(compareForSort(attr, descending)).map((r) => String(r.id));
}

describe("compareForSort", () => {
  const byName: JsonObject[] = [
    { id: "1", userName: "bob" },
    { id: "2", userName: "Alice" },
    { id: "3" },
    { id: "4", userName: "carol" },
    { id: "5", userName: null },
    { id: "6", userName: "ALICE" },
  ];
  const cases: [string, { sortBy: string; descending: boolean; resources: JsonObject[]; want: string[] }][] =
    [
      // RFC 7644 §3.4.2.3: caseExact=false sorts without case; no data is last when ascending...
      [
        "sorts ascending without case, missing values last, ties by id",
        {
          sortBy: "userName",
          descending: false,
          resources: byName,
          want: ["2", "6", "1", "4", "3", "5"],
        },
      ],
      // ...and first when descending; ties stay in id order.
      [
        "sorts descending with missing values first",
        {
          sortBy: "userName",
          descending: true,
          resources: byName,
          want: ["3", "5", "4", "1", "2", "6"],
        },
      ],
      [
        "sorts caseExact attributes by code point (upper case first)",
        {
          sortBy: "externalId",
          descending: false,
          resources: [
            { id: "1", externalId: "b" },
            { id: "2", externalId: "B" },
            { id: "3", externalId: "a" },
          ],
          want: ["2", "3", "1"],
        },
      ],
      [
        "sorts dateTimes as instants",
        {
          sortBy: "meta.lastModified",
          descending: false,
          resources: [
            { id: "1", meta: { lastModified: "2011-05-13T04:42:34Z" } },
            { id: "2", meta: { lastModified: "2011-05-13T05:42:33+02:00" } },
            { id: "3", meta: { lastModified: "2011-05-13T04:42:34.5Z" } },
            { id: "4", meta: { lastModified: "not a date" } },
          ],
          want: ["2", "1", "3", "4"],
        },
      ],
      [
        "sorts booleans false first",
        {
          sortBy: "active",
          descending: false,
          resources: [{ id: "1", active: true }, { id: "2", active: false }, { id: "3" }],
          want: ["2", "1", "3"],
        },
      ],
      [
        "sorts a multi-valued attribute by its primary value",
        {
          sortBy: "emails.value",
          descending: false,
          resources: [
            { id: "1", emails: [{ value: "a@x" }, { value: "z@x", primary: true }] },
            { id: "2", emails: [{ value: "m@x" }] },
            { id: "3", emails: [{ value: "b@x", primary: true }] },
          ],
          want: ["3", "2", "1"],
        },
      ],
      [
        "sorts a multi-valued attribute by its first value when none is primary",
        {
          sortBy: "emails.value",
          descending: false,
          resources: [
            { id: "1", emails: [{ value: "c@x" }, { value: "a@x" }] },
            { id: "2", emails: [{ value: "b@x" }] },
          ],
          want: ["2", "1"],
        },
      ],
      [
        "sorts a multi-valued complex attribute without a sub-attribute by value",
        {
          sortBy: "emails",
          descending: true,
          resources: [
            { id: "1", emails: [{ value: "a@x", primary: true }] },
            { id: "2", emails: [] },
            { id: "3", emails: [{ value: "b@x" }] },
          ],
          want: ["2", "3", "1"],
        },
      ],
      [
        "sorts by a sub-attribute of a single-valued complex attribute",
        {
          sortBy: "name.familyName",
          descending: false,
          resources: [
            { id: "1", name: { familyName: "Zeta" } },
            { id: "2", name: { familyName: "alpha" } },
            { id: "3", name: {} },
          ],
          want: ["2", "1", "3"],
        },
      ],
      [
        "sorts by an extension attribute under its URN",
        {
          sortBy: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
          descending: false,
          resources: [
            {
              id: "1",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { employeeNumber: "9" },
            },
            {
              id: "2",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { employeeNumber: "10" },
            },
          ],
          want: ["2", "1"],
        },
      ],
    ];
  for (const [name, { sortBy, descending, resources, want }] of cases) {
    it(name, () => assert.deepEqual(sortIds(sortBy, descending, resources), want));
  }

  it("is a total order: any permutation sorts to the same sequence, and descending reverses the present values", () => {
    const user = fc.record(
      {
        id: fc.uuid(),
        userName: fc.option(fc.constantFrom("a", "A", "b", "B", "é", "E\u0301", "z", ""), { nil: undefined }),
      },
      { requiredKeys: ["id"] },
    );
    checkProperty(
      fc.property(fc.uniqueArray(user, { selector: (u) => u.id, maxLength: 12 }), (users) => {
        const attr = resolveSortBy(registry, User, parseAttrPath("userName"));
        const ascending = [...users].sort(compareForSort(attr, false));
        const again = [...users].reverse().sort(compareForSort(attr, false));
        assert.deepEqual(again, ascending);
        const cmp = compareForSort(attr, false);
        for (let i = 1; i < ascending.length; i++) {
          assert.ok(cmp(ascending[i - 1] as JsonObject, ascending[i] as JsonObject) < 0);
        }
      }),
      200,
    );
  });
});

describe("resolveSortBy", () => {
  const errors: [string, RegExp][] = [
    ["nope", /unknown attribute 'nope'/],
    ["password", /never returned/],
    ["name", /'name' is a complex attribute/],
    ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", /names a schema/],
  ];
  for (const [sortBy, detail] of errors) {
    it(`rejects sortBy=${sortBy} with 400 invalidValue`, () =>
      assert.throws(
        () => resolveSortBy(registry, User, parseAttrPath(sortBy)),
        (e: unknown) =>
          e instanceof ScimError &&
          e.status === 400 &&
          e.scimType === "invalidValue" &&
          detail.test(e.detail),
      ));
  }

  it("accepts the schemas attribute", () =>
    assert.equal(resolveSortBy(registry, User, parseAttrPath("schemas")).path, "schemas"));
});
