// Entry rows and their StoredEntry form: instant keys and the entry a write answers with.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { instantFromKey, instantKey, writtenEntry } from "./sqlite-entries.js";

describe("instantKey", () => {
  it("gives each instant its dateTime key, also when the same millisecond comes again", () => {
    const instants = ["2024-05-01T10:00:00.123Z", "2024-05-01T10:00:00.123Z", "2024-05-01T10:00:00.124Z"];
    const keys = instants.map((iso) => instantKey(new Date(iso)));
    assert.deepEqual(keys.map(instantFromKey), instants);
    assert.equal(keys[0], keys[1]);
    assert.notEqual(keys[1], keys[2]);
  });
});

describe("writtenEntry", () => {
  const doc = '{"uid":"bjensen","scimEmails":[{"value":"b@example.com"}]}';
  const row = {
    id: "e1",
    doc,
    created: instantKey(new Date(0)),
    modified: instantKey(new Date(1)),
    version: 2,
  };

  it("answers id, type and meta like a read of the row", () => {
    const entry = writtenEntry(row, "User");
    assert.equal(entry.id, "e1");
    assert.equal(entry.resourceType, "User");
    assert.deepEqual(entry.meta, {
      created: "1970-01-01T00:00:00.000Z",
      lastModified: "1970-01-01T00:00:00.001Z",
      version: 2,
    });
  });

  it("parses the stored document once, when its attributes are first read", () => {
    const entry = writtenEntry(row, "User");
    assert.deepEqual(entry.attributes, JSON.parse(doc));
    assert.equal(entry.attributes, entry.attributes);
    assert.deepEqual({ ...entry }.attributes, JSON.parse(doc), "a spread copy carries the attributes");
  });

  it("never parses a document nobody reads (a Bulk operation answers without it)", () => {
    const entry = writtenEntry({ ...row, doc: "not JSON" }, "User");
    assert.equal(entry.id, "e1");
    assert.throws(() => entry.attributes, SyntaxError);
  });
});
