// getIgnoringCase (RFC 7643 §2.1: attribute names are case insensitive): own properties only, the exact
// spelling first, otherwise the first key in property order whose lower case matches.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { getIgnoringCase } from "./resource-values.js";

const inherited = Object.assign(Object.create({ userName: "from the prototype" }) as JsonObject, {
  displayName: "own",
});

const cases: [string, JsonObject, string, JsonValue | undefined][] = [
  ["the exact spelling", { userName: "a" }, "userName", "a"],
  ["another case", { USERNAME: "a" }, "userName", "a"],
  ["the exact spelling before an earlier other case", { USERNAME: "x", userName: "a" }, "userName", "a"],
  ["the first of several other cases", { UserName: "x", USERNAME: "y" }, "username", "x"],
  ["a key of the same length that differs", { nickName: "x" }, "userName", undefined],
  ["no such key", { displayName: "x" }, "userName", undefined],
  ["an empty object", {}, "userName", undefined],
  ["never an inherited property", inherited, "userName", undefined],
  ["never Object.prototype's", {}, "constructor", undefined],
  ["a null value, which is a value", { userName: null }, "USERNAME", null],
];

describe("getIgnoringCase", () => {
  for (const [label, object, name, expected] of cases) {
    it(`finds ${label}`, () => {
      assert.deepEqual(getIgnoringCase(object, name), expected);
      assert.deepEqual(getIgnoringCase(object, name, name.toLowerCase()), expected);
    });
  }
});
