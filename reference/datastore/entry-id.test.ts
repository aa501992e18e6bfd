// New entry ids are UUIDv7 (entry-id.ts): valid, lower case, distinct, and increasing in the order they
// were issued, also within one millisecond, which is what keeps a store's id index appended at its end.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validate, version } from "uuid";
import { newEntryId } from "./entry-id.js";

describe("new entry ids", () => {
  it("are lower-case UUIDv7s, distinct and increasing in issue order", () => {
    const ids = Array.from({ length: 5000 }, () => newEntryId());
    for (const id of ids) {
      assert.ok(validate(id), id);
      assert.equal(version(id), 7, id);
      assert.equal(id, id.toLowerCase());
    }
    assert.equal(new Set(ids).size, ids.length);
    for (let k = 1; k < ids.length; k++) {
      assert.ok((ids[k - 1] ?? "") < (ids[k] ?? ""), `${ids[k - 1]} then ${ids[k]}`);
    }
  });

  it("start with the issuing millisecond", () => {
    const before = Date.now();
    const id = newEntryId();
    const after = Date.now();
    const ms = Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    assert.ok(ms >= before && ms <= after + 1, `${ms} not in [${before}, ${after}]`);
  });
});
