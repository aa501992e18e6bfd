import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ScimError } from "../errors/scim-error.js";
import { andNode, compareNode } from "../filter/filter-builders.js";
import { checkProperty } from "../testing/check-property.js";
import { patchPathArb } from "../testing/filter-arbitraries.js";
import type { PatchPath } from "./attr-path.js";
import { makeAttrPath } from "./attr-path-syntax.js";
import { parsePatchPath } from "./parse-patch-path.js";
import { printPatchPath } from "./print-patch-path.js";

const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const a = (name: string, subAttr?: string, schema?: string) => makeAttrPath(schema, name, subAttr);
const path = (
  attr: PatchPath["attr"],
  valueFilter?: PatchPath["valueFilter"],
  subAttr?: string,
): PatchPath => ({
  kind: "patchPath",
  attr,
  valueFilter,
  subAttr,
});

describe("parsePatchPath", () => {
  // RFC 7644 §3.5.2 Figure 7 and the examples of §3.5.2.1-§3.5.2.3, plus the extension paths Entra ID sends.
  const cases: [string, { given: string; want: PatchPath }][] = [
    ["a simple attribute", { given: "members", want: path(a("members")) }],
    ["a sub-attribute", { given: "name.familyName", want: path(a("name", "familyName")) }],
    [
      "a value filter",
      {
        given: 'addresses[type eq "work"]',
        want: path(a("addresses"), compareNode(a("type"), "eq", "work")),
      },
    ],
    [
      "a value filter on members",
      {
        given: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
        want: path(a("members"), compareNode(a("value"), "eq", "2819c223-7f76-453a-919d-413861904646")),
      },
    ],
    [
      "a value filter and a sub-attribute",
      {
        given: 'members[value eq "2819c223-7f76-453a-919d-413861904646"].displayName',
        want: path(
          a("members"),
          compareNode(a("value"), "eq", "2819c223-7f76-453a-919d-413861904646"),
          "displayName",
        ),
      },
    ],
    [
      "a sub-attribute of a typed item",
      {
        given: 'addresses[type eq "work"].streetAddress',
        want: path(a("addresses"), compareNode(a("type"), "eq", "work"), "streetAddress"),
      },
    ],
    [
      "a value filter with logic",
      {
        given: 'emails[type eq "work" and value ew "example.com"]',
        want: path(
          a("emails"),
          andNode(compareNode(a("type"), "eq", "work"), compareNode(a("value"), "ew", "example.com")),
        ),
      },
    ],
    [
      "an extension attribute with a sub-attribute",
      {
        given: `${enterprise}:manager.value`,
        want: path(a("manager", "value", enterprise)),
      },
    ],
    [
      "an extension attribute",
      { given: `${enterprise}:employeeNumber`, want: path(a("employeeNumber", undefined, enterprise)) },
    ],
    [
      "a whole extension (schema URN split before its last segment)",
      {
        given: enterprise,
        want: path(a("User", undefined, "urn:ietf:params:scim:schemas:extension:enterprise:2.0")),
      },
    ],
    [
      "a URN-qualified value filter path",
      {
        given: 'urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value',
        want: path(
          a("emails", undefined, "urn:ietf:params:scim:schemas:core:2.0:User"),
          compareNode(a("type"), "eq", "work"),
          "value",
        ),
      },
    ],
    ["surrounding whitespace", { given: "  name.givenName ", want: path(a("name", "givenName")) }],
  ];
  for (const [name, { given, want }] of cases) {
    it(`parses ${name}`, () => {
      assert.deepStrictEqual(parsePatchPath(given), want);
    });
  }

  const errors: [string, { given: string; detail: RegExp }][] = [
    ["an empty path", { given: "", detail: /character 1: expected an attribute path/ }],
    ["an unclosed value filter", { given: 'emails[type eq "work"', detail: /to close the '\['/ }],
    ["a value filter without a value", { given: "emails[type eq]", detail: /expected a value after 'eq'/ }],
    ["two sub-attributes", { given: "name.givenName.x", detail: /more than one sub-attribute/ }],
    [
      "a dot with nothing after it",
      { given: 'members[value eq "x"].', detail: /expected a sub-attribute name/ },
    ],
    [
      "a sub-attribute of a sub-attribute after a filter",
      { given: 'emails[type eq "w"].value.x', detail: /expected a sub-attribute name/ },
    ],
    [
      "a value filter on a sub-attribute",
      { given: "name.givenName[x pr]", detail: /applies to a whole attribute/ },
    ],
    ["trailing text", { given: "emails x", detail: /character 8: expected '\[' or the end of the path/ }],
    ["a nested value filter", { given: "emails[x[y pr]]", detail: /cannot contain another value filter/ }],
  ];
  for (const [name, { given, detail }] of errors) {
    it(`rejects ${name} with 400 invalidPath`, () =>
      assert.throws(
        () => parsePatchPath(given),
        (e: unknown) =>
          e instanceof ScimError && e.status === 400 && e.scimType === "invalidPath" && detail.test(e.detail),
      ));
  }

  it("is the inverse of printPatchPath", () => {
    checkProperty(
      fc.property(patchPathArb, (p) => {
        assert.deepStrictEqual(parsePatchPath(printPatchPath(p)), p);
      }),
      300,
    );
  });
});
