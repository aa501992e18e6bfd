// copyJson: a deep copy of JSON data that shares nothing mutable with its input.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { copyJson, type JsonData } from "./copy-json.js";

const cases: readonly [string, JsonData][] = [
  ["a string", "bjensen"],
  ["a number", 42.5],
  ["a boolean", false],
  ["null", null],
  ["an array of strings", ["top", "person"]],
  ["a multi-valued complex value", [{ value: "b@example.com", type: "work", primary: true }]],
  ["nested objects and arrays", { a: { b: [1, [2, { c: null }]] }, d: [] }],
];

function sharesMutable(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null) return false;
  if (a === b) return true;
  return Object.keys(a).some((k) =>
    sharesMutable((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

describe("copyJson", () => {
  for (const [name, value] of cases) {
    it(`copies ${name} into an equal value sharing no object or array`, () => {
      const copy = copyJson(value);
      assert.deepEqual(copy, value);
      assert.equal(sharesMutable(copy, value), false);
    });
  }

  it('keeps a "__proto__" key that JSON.parse made an own property, without touching the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as JsonData;
    const copy = copyJson(parsed) as Record<string, JsonData>;
    assert.deepEqual(Object.keys(copy), ["__proto__", "x"]);
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal((copy as { polluted?: unknown }).polluted, undefined);
  });
});
