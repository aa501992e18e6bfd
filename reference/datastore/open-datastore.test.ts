import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { datastoreLabel, isPostgresUrl, openDatastore } from "./open-datastore.js";

describe("openDatastore", () => {
  it("tells PostgreSQL URLs from SQLite paths", () => {
    const cases: readonly [string, boolean][] = [
      ["postgres://u:p@localhost/db", true],
      ["postgresql://localhost/db?schema=t", true],
      ["POSTGRES://localhost/db", true],
      ["./data/scim.sqlite", false],
      [":memory:", false],
      ["postgres.sqlite", false],
    ];
    for (const [db, want] of cases) assert.equal(isPostgresUrl(db), want, db);
  });

  it("opens an SQLite store for a path", async () => {
    const store = await openDatastore(":memory:");
    try {
      assert.equal(store.name, "sqlite");
    } finally {
      await store.close();
    }
  });

  it("never shows a PostgreSQL password in what it logs", () => {
    const label = datastoreLabel("postgres://scim:s3cret@db.example:5432/scim?schema=a");
    assert.ok(!label.includes("s3cret"), label);
    assert.match(label, /scim:\*\*\*@db\.example:5432\/scim/);
    assert.equal(datastoreLabel("./data/scim.sqlite"), "./data/scim.sqlite");
  });
});
