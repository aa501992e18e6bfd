import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonValue } from "../resource/json.js";
import type { AttributeDefinition, AttributeType } from "../schema/schema-definition.js";
import { applyOperator, compareKeys, compareValues, comparisonKey, foldCase } from "./compare-values.js";
import type { CompareOperator } from "./filter-node.js";

function leaf(type: AttributeType, caseExact = false): AttributeDefinition {
  return {
    name: "x",
    type,
    multiValued: false,
    required: false,
    caseExact,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
  };
}

describe("comparisonKey", () => {
  const cases: [
    string,
    { value: JsonValue; leaf: AttributeDefinition; want: string | number | undefined },
  ][] = [
    ["folds ASCII case when caseExact=false", { value: "BJensen", leaf: leaf("string"), want: "bjensen" }],
    ["keeps case when caseExact=true", { value: "BJensen", leaf: leaf("string", true), want: "BJensen" }],
    ["composes to NFC", { value: "Ame\u0301lie", leaf: leaf("string"), want: "amélie" }],
    ["folds final sigma like any sigma", { value: "ΟΔΟΣ", leaf: leaf("string"), want: "οδοσ" }],
    ["folds lower-case final sigma too", { value: "οδος", leaf: leaf("string"), want: "οδοσ" }],
    // RFC 7644 §5 → RFC 8265 UsernameCaseMapped: width mapping before case mapping.
    [
      "maps fullwidth letters to ASCII",
      { value: "\uff22\uff4a\uff45\uff4e", leaf: leaf("string"), want: "bjen" },
    ],
    ["maps the ideographic space to a space", { value: "a\u3000b", leaf: leaf("string"), want: "a b" }],
    [
      "maps halfwidth katakana with a voiced mark to the composed fullwidth letter",
      { value: "\uff76\uff9e", leaf: leaf("string"), want: "\u30ac" },
    ],
    [
      "keeps fullwidth letters when caseExact",
      { value: "\uff21", leaf: leaf("string", true), want: "\uff21" },
    ],
    [
      "keeps references exact even if the schema says caseExact=false",
      {
        value: "https://Example.com/A",
        leaf: leaf("reference"),
        want: "https://Example.com/A",
      },
    ],
    ["keeps binary exact", { value: "QUJD", leaf: leaf("binary"), want: "QUJD" }],
    ["replaces a lone surrogate", { value: "a\ud800b", leaf: leaf("string", true), want: "a\ufffdb" }],
    [
      "normalises dateTime to the UTC instant",
      {
        value: "2011-05-13T06:42:34+02:00",
        leaf: leaf("dateTime"),
        want: "2011-05-13T04:42:34.000000000Z",
      },
    ],
    ["has none for an invalid dateTime", { value: "yesterday", leaf: leaf("dateTime"), want: undefined }],
    ["keeps integers as numbers", { value: 42, leaf: leaf("integer"), want: 42 }],
    ["keeps decimals as numbers", { value: 4.2, leaf: leaf("decimal"), want: 4.2 }],
    ["turns -0 into 0", { value: -0, leaf: leaf("decimal"), want: 0 }],
    ["maps booleans to 0 and 1", { value: true, leaf: leaf("boolean"), want: 1 }],
    [
      "has none for a string in a boolean attribute",
      { value: "True", leaf: leaf("boolean"), want: undefined },
    ],
    ["has none for a number in a string attribute", { value: 5, leaf: leaf("string"), want: undefined }],
    ["has none for null", { value: null, leaf: leaf("string"), want: undefined }],
    ["has none for complex values", { value: { a: "b" }, leaf: leaf("complex"), want: undefined }],
  ];
  for (const [name, { value, leaf: l, want }] of cases) {
    it(name, () => assert.equal(comparisonKey(value, l), want));
  }

  it("is idempotent on text keys (a stored key folds to itself)", () => {
    for (const s of [
      "BJensen",
      "ΟΔΟΣ",
      "Ame\u0301lie",
      "İstanbul",
      "STRASSE ẞ",
      "😀A",
      "\uff21\uff76\uff9e",
    ]) {
      const once = foldCase(s);
      assert.equal(foldCase(once), once, s);
    }
  });
});

describe("compareKeys", () => {
  it("orders text by code point, not by UTF-16 code unit", () => {
    // U+FF21 (fullwidth A) is below U+1F600 as a code point, above it as a UTF-16 code unit.
    assert.equal(compareKeys("\uff21", "😀"), -1);
    assert.equal(compareKeys("😀", "\uff21"), 1);
    assert.equal(compareKeys("a", "ab"), -1);
    assert.equal(compareKeys("b", "ab"), 1);
    assert.equal(compareKeys("ab", "ab"), 0);
  });

  it("agrees with the byte order of UTF-8 (SQLite's BINARY collation)", () => {
    const samples = ["a", "B", "é", "\uffff", "\ue000", "😀", "𝒜", "\ud7ff", "z", "", "aa"];
    const byBytes = [...samples].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    assert.deepEqual([...samples].sort(compareKeys), byBytes);
  });

  it("orders numbers numerically", () => {
    assert.equal(compareKeys(9, 10), -1);
    assert.equal(compareKeys(10, 9), 1);
    assert.equal(compareKeys(2, 2), 0);
  });
});

describe("applyOperator", () => {
  // RFC 7644 §3.4.2.2 Table 3, on keys.
  const table: [CompareOperator, ComparisonPair, boolean][] = [
    ["eq", ["bjensen", "bjensen"], true],
    ["eq", ["bjensen", "jensen"], false],
    ["ne", ["bjensen", "jensen"], true],
    ["co", ["bjensen", "jen"], true],
    ["co", ["bjensen", "xyz"], false],
    ["sw", ["bjensen", "bj"], true],
    ["sw", ["bjensen", "bjensen"], true],
    ["sw", ["bjensen", "je"], false],
    ["ew", ["bjensen", "sen"], true],
    ["ew", ["bjensen", "bje"], false],
    ["co", [5, 5], false],
    ["gt", ["b", "a"], true],
    ["gt", ["a", "a"], false],
    ["ge", ["a", "a"], true],
    ["lt", [1, 2], true],
    ["le", [2, 2], true],
    ["le", [3, 2], false],
  ];
  for (const [op, [actual, expected], want] of table) {
    it(`${JSON.stringify(actual)} ${op} ${JSON.stringify(expected)} is ${want}`, () =>
      assert.equal(applyOperator(op, actual, expected), want));
  }
});

type ComparisonPair = [string | number, string | number];

describe("compareValues", () => {
  it("compares dateTimes as instants", () => {
    assert.equal(compareValues("2011-05-13T04:42:34Z", "2011-05-13T06:42:34+02:00", leaf("dateTime")), 0);
    assert.equal(compareValues("2011-05-13T04:42:34.001Z", "2011-05-13T04:42:34Z", leaf("dateTime")), 1);
  });

  it("compares caseExact=false strings without case", () => {
    assert.equal(compareValues("Alice", "alice", leaf("string")), 0);
    assert.equal(compareValues("Alice", "alice", leaf("string", true)), -1);
  });

  it("is undefined when a side has no key", () => {
    assert.equal(compareValues(undefined, "a", leaf("string")), undefined);
    assert.equal(compareValues(true, "a", leaf("string")), undefined);
  });
});
