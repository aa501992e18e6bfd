import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AttributeType } from "./schema-definition.js";
import { simpleValueProblem } from "./simple-value.js";
import { isXsdDateTime } from "./xsd-date-time.js";

describe("isXsdDateTime (RFC 7643 §2.3.5: xsd:dateTime with date and time)", () => {
  const cases: [string, boolean][] = [
    ["2008-01-23T04:56:22Z", true],
    ["2008-01-23T04:56:22.5Z", true],
    ["2008-01-23T04:56:22.123456789+05:30", true],
    ["2008-01-23T04:56:22-14:00", true],
    ["2008-01-23T04:56:22", true], // the timezone is optional in xsd
    ["2016-02-29T00:00:00Z", true], // leap year
    ["2000-02-29T00:00:00Z", true], // divisible by 400
    ["0000-01-01T00:00:00Z", true], // XSD 1.1 allows year zero
    ["1900-02-29T00:00:00Z", false], // divisible by 100, not by 400
    ["2015-02-29T00:00:00Z", false],
    ["2015-04-31T00:00:00Z", false],
    ["2015-13-01T00:00:00Z", false],
    ["2015-00-01T00:00:00Z", false],
    ["2015-01-00T00:00:00Z", false],
    ["2015-01-01T25:00:00Z", false],
    ["2015-01-01T23:60:00Z", false],
    ["2015-01-01T23:59:60Z", false], // no leap seconds in xsd
    ["2015-01-01T24:00:00Z", true], // xsd 1.1 end-of-day form
    ["2015-01-01T24:00:01Z", false],
    ["2015-01-01T00:00:00+14:01", false],
    ["2015-01-01T00:00:00+15:00", false],
    ["2015-01-01t00:00:00z", false], // xsd requires upper-case T and Z
    ["2015-01-01 00:00:00Z", false],
    ["2015-01-01", false],
    ["15-01-01T00:00:00Z", false],
    ["02015-01-01T00:00:00Z", false], // no leading zero beyond four digits
    ["2015-01-01T00:00:00.Z", false],
    ["", false],
  ];
  for (const [text, valid] of cases) {
    it(`${valid ? "accepts" : "refuses"} ${JSON.stringify(text)}`, () =>
      assert.equal(isXsdDateTime(text), valid));
  }
});

describe("simpleValueProblem (RFC 7643 §2.3)", () => {
  const cases: [Exclude<AttributeType, "complex">, unknown, boolean][] = [
    ["string", "", true],
    ["string", 1, false],
    ["string", null, false],
    ["boolean", true, true],
    ["boolean", "true", false],
    ["boolean", 0, false],
    ["decimal", 1, true],
    ["decimal", -0.5, true],
    ["decimal", Number.POSITIVE_INFINITY, false],
    ["decimal", "1.5", false],
    ["integer", 0, true],
    ["integer", Number.MAX_SAFE_INTEGER, true],
    ["integer", Number.MAX_SAFE_INTEGER + 1, false],
    ["integer", 1.25, false],
    ["dateTime", "2015-09-30T04:56:22Z", true],
    ["dateTime", "2015-01-01T24:00:00Z", true], // xsd 1.1 end of day; keyed as the next midnight
    ["dateTime", "10000-01-01T00:00:00Z", false], // beyond what filters and sorting can order
    ["dateTime", 1443588982, false],
    ["binary", "", true],
    ["binary", "aGVsbG8=", true],
    ["binary", "aGVsbA==", true],
    ["binary", "aGVsbG8", false],
    ["binary", "aGVs\nbG8=", false],
    ["binary", "aGVsbG8-", false],
    ["reference", "https://example.com/v2/Users/2819c223", true],
    ["reference", "../Users/2819c223", true],
    ["reference", "urn:ietf:params:scim:schemas:core:2.0:User", true],
    ["reference", "https://example.com/%7Euser", true],
    ["reference", "https://example.com/café", true], // RFC 3987 IRI characters
    ["reference", "https://example.com/%zz", false],
    ["reference", "has space", false],
    ["reference", "https://example.com/<x>", false],
    ["reference", ":nothing", false],
    ["reference", "", false],
  ];
  for (const [type, value, valid] of cases) {
    it(`${type}: ${valid ? "accepts" : "refuses"} ${JSON.stringify(value) ?? String(value)}`, () => {
      assert.equal(simpleValueProblem(type, value) === undefined, valid);
    });
  }
});
