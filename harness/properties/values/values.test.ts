// Value semantics shared by comparison, filter and sort oracles: dateTimes as instants (RFC 7643
// §2.3.5), caseExact-aware strings (RFC 7643 §2.3.1, §7), code point order (RFC 7644 §3.4.2.3),
// binary by octets (RFC 7643 §2.3.6), and "unknown" where readings of the RFC disagree.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareInstants, parseDateTime } from "./date-time.js";
import { decodeBase64, scalarEquals, scalarOrder } from "./scalar.js";
import { compareCodePoints, textEquals, textMatch, textOrder } from "./text.js";

describe("parseDateTime", () => {
  const same: [string, string][] = [
    ["2015-01-01T01:00:00+01:00", "2015-01-01T00:00:00Z"],
    ["2015-01-01T00:00:00.500Z", "2015-01-01T00:00:00.5Z"],
    ["2014-12-31T19:00:00-05:00", "2015-01-01T00:00:00Z"],
    ["2015-01-01T24:00:00Z", "2015-01-02T00:00:00Z"],
    ["2015-01-01T00:00:00", "2015-01-01T00:00:00Z"],
  ];
  for (const [a, b] of same) {
    it(`reads ${a} and ${b} as one instant`, () => {
      const x = parseDateTime(a);
      const y = parseDateTime(b);
      assert.ok(x && y);
      assert.equal(compareInstants(x, y), 0);
    });
  }
  const invalid = [
    "2015-02-29T00:00:00Z",
    "2015-13-01T00:00:00Z",
    "2015-01-01 00:00:00Z",
    "2015-01-01T00:60:00Z",
    "2015-01-01T00:00:00+15:00",
    "yesterday",
  ];
  for (const text of invalid) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.equal(parseDateTime(text), undefined));
  }
  it("orders by instant and then by fraction", () => {
    const at = (t: string) => parseDateTime(t) ?? assert.fail(t);
    assert.equal(compareInstants(at("2015-01-01T00:00:00.09Z"), at("2015-01-01T00:00:00.1Z")), -1);
    assert.equal(compareInstants(at("2016-01-01T00:00:00+14:00"), at("2015-12-31T09:59:59Z")), 1);
  });
});

describe("text semantics", () => {
  it("compares caseExact=false strings case-insensitively and caseExact=true exactly", () => {
    assert.equal(textEquals("Babs", "BABS", false), true);
    assert.equal(textEquals("Babs", "BABS", true), false);
  });
  it("leaves canonically equivalent strings open, as servers may or may not normalise (NFC)", () => {
    assert.equal(textEquals("e\u0301", "\u00e9", true), "unknown");
    assert.equal(textMatch("sw", "e\u0301x", "e", true), "unknown");
  });
  it("answers unknown where lower- and upper-casing disagree", () => {
    assert.equal(textEquals("straße", "STRASSE", false), "unknown");
  });
  it("orders by code point, so an astral character sorts after U+FFFD", () => {
    assert.equal(compareCodePoints("\u{1F600}", "\uFFFD"), 1);
    assert.equal(textOrder("\u{1F600}", "\uFFFD", true), "unknown"); // UTF-16 code units disagree
    assert.equal(textOrder("B", "a", true), -1);
    assert.equal(textOrder("B", "a", false), 1);
    assert.equal(textOrder("_", "a", false), "unknown"); // "_" sits between upper and lower case
  });
  it("leaves an order open that normalising after case mapping reverses", () => {
    // "Α͂" lower-cases to α + U+0342, which NFC composes into U+1FB6 (after Arabic U+063A); found by the
    // paging walk against the reference server, which folds that way (compare-values.ts foldCase).
    assert.equal(textOrder("\u063a\u{28a09}\u03a0z", "\u0391\u0342", false), "unknown");
    assert.equal(textOrder("\u063a", "\u0391", false), 1); // no combining mark: every reading agrees
    assert.equal(textEquals("\u0391\u0342", "\u1fb6", false), "unknown");
  });
  it("matches co, sw and ew honouring caseExact", () => {
    assert.equal(textMatch("co", "Barbara", "RBA", false), true);
    assert.equal(textMatch("co", "Barbara", "RBA", true), false);
    assert.equal(textMatch("sw", "Barbara", "bar", false), true);
    assert.equal(textMatch("ew", "Barbara", "ARA", false), true);
  });
});

describe("scalar semantics by type", () => {
  const s = (
    type: "string" | "integer" | "decimal" | "dateTime" | "binary" | "boolean" | "reference",
    caseExact = false,
  ) => ({ type, caseExact });
  it("compares numbers numerically and never a number with its string", () => {
    assert.equal(scalarEquals(s("decimal"), 1.5, 1.5), true);
    assert.equal(scalarEquals(s("integer"), 5, "5"), false);
  });
  it("compares binary by decoded octets", () => {
    assert.equal(scalarEquals(s("binary", true), "AQID", "AQID"), true);
    assert.equal(scalarEquals(s("binary", true), "AQI=", "AQI"), true);
    assert.equal(decodeBase64("**"), undefined);
  });
  it("compares dateTimes as instants", () => {
    assert.equal(scalarEquals(s("dateTime"), "2011-05-13T04:42:34Z", "2011-05-13T06:42:34.000+02:00"), true);
  });
  it("has no order for booleans and binary (RFC 7644 §3.4.2.2)", () => {
    assert.equal(scalarOrder(s("boolean"), true, false), "incomparable");
    assert.equal(scalarOrder(s("binary"), "AA", "AB"), "incomparable");
    assert.equal(scalarOrder(s("integer"), 2, 10), -1);
  });
});
