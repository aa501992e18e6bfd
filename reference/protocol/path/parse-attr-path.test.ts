import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ScimError } from "../errors/scim-error.js";
import { checkProperty } from "../testing/check-property.js";
import { attrPathArb } from "../testing/filter-arbitraries.js";
import type { AttrPath } from "./attr-path.js";
import { makeAttrPath } from "./attr-path-syntax.js";
import { parseAttrPath, parseAttrPathList } from "./parse-attr-path.js";
import { printAttrPath } from "./print-attr-path.js";

const core = "urn:ietf:params:scim:schemas:core:2.0:User";
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("parseAttrPath", () => {
  // RFC 7644 §3.10 attribute notation.
  const cases: [string, AttrPath][] = [
    ["userName", makeAttrPath(undefined, "userName", undefined)],
    ["name.givenName", makeAttrPath(undefined, "name", "givenName")],
    [`${core}:name.givenName`, makeAttrPath(core, "name", "givenName")],
    [`${enterprise}:manager.value`, makeAttrPath(enterprise, "manager", "value")],
    [enterprise, makeAttrPath("urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", undefined)],
    ["groups.$ref", makeAttrPath(undefined, "groups", "$ref")],
    [" emails ", makeAttrPath(undefined, "emails", undefined)],
  ];
  for (const [given, want] of cases) {
    it(`parses ${JSON.stringify(given)}`, () => assert.deepStrictEqual(parseAttrPath(given), want));
  }

  const errors: [string, RegExp][] = [
    ["", /expected an attribute path/],
    ["a b", /character 2: unexpected character " "/],
    ["1abc", /'1abc' is not an attribute name/],
    ["a.b.c", /more than one sub-attribute/],
    ['emails[type eq "work"]', /unexpected character "\["/],
  ];
  for (const [given, detail] of errors) {
    it(`rejects ${JSON.stringify(given)} with 400 invalidValue`, () =>
      assert.throws(
        () => parseAttrPath(given),
        (e: unknown) =>
          e instanceof ScimError &&
          e.status === 400 &&
          e.scimType === "invalidValue" &&
          detail.test(e.detail),
      ));
  }

  it("uses the scimType the caller asks for", () =>
    assert.throws(
      () => parseAttrPath("a b", "invalidPath"),
      (e: unknown) => e instanceof ScimError && e.scimType === "invalidPath",
    ));

  it("is the inverse of printAttrPath", () => {
    checkProperty(
      fc.property(attrPathArb, (p) => assert.deepStrictEqual(parseAttrPath(printAttrPath(p)), p)),
      300,
    );
  });
});

describe("parseAttrPathList", () => {
  it("splits on commas and ignores spaces around them", () => {
    assert.deepStrictEqual(parseAttrPathList(`userName , name.givenName,${enterprise}:employeeNumber`), [
      makeAttrPath(undefined, "userName", undefined),
      makeAttrPath(undefined, "name", "givenName"),
      makeAttrPath(enterprise, "employeeNumber", undefined),
    ]);
  });

  it("reads an empty text as an empty list", () => assert.deepStrictEqual(parseAttrPathList("  "), []));

  for (const given of ["a,,b", "a,", ",a"]) {
    it(`rejects the empty item in ${JSON.stringify(given)}`, () =>
      assert.throws(
        () => parseAttrPathList(given),
        (e: unknown) => e instanceof ScimError && e.scimType === "invalidValue",
      ));
  }

  it("reports positions within the whole list", () =>
    assert.throws(
      () => parseAttrPathList("userName,name.given Name"),
      (e: unknown) => e instanceof ScimError && /character 20:/.test(e.detail),
    ));
});
