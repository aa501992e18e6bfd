// The derived `groups` of a User (RFC 7643 §4.1.2) is computed on every GET /Users/{id}, so its statement
// must reach entries by primary key only. A plain JOIN let the planner scan the whole entries table in pk
// order (bench: GET /Users/{id} at 20,000 users spent a third of its time there).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { groups, users } from "../contract/contract-fixtures.js";
import { render } from "../sql/sql-fragment.js";
import { SqliteDatastore } from "./sqlite-datastore.js";
import { sqliteDialect } from "./sqlite-dialect.js";
import { openBetterSqlite3 } from "./sqlite-driver.js";
import { groupsOfStatement } from "./sqlite-members.js";

const dir = mkdtempSync(join(tmpdir(), "scim-groups-plan-"));
const path = join(dir, "plan.sqlite");

describe("SQLite groups of a member", () => {
  before(async () => {
    const store = new SqliteDatastore({ path });
    await store.transaction(async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < 500; i++)
        ids.push((await tx.create(users, { attributes: { userName: `user${i}` } })).id);
      const inner = await tx.create(groups, {
        attributes: { displayName: "inner" },
        members: ids.slice(0, 3).map((value) => ({ value, type: "User" })),
      });
      await tx.create(groups, {
        attributes: { displayName: "outer" },
        members: [{ value: inner.id, type: "Group" }],
      });
    });
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reaches group entries by primary key, never by scanning entries", () => {
    const db = openBetterSqlite3(path);
    try {
      const { text, params } = render(groupsOfStatement(1, "no-such-id"), sqliteDialect.placeholder);
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...(params as (string | number)[])) as {
          detail: string;
        }[]
      ).map((row) => row.detail);
      assert.ok(!plan.some((line) => /^SCAN (g|entries)\b/.test(line)), plan.join("\n"));
      assert.ok(
        plan.some((line) => /^SEARCH g USING INTEGER PRIMARY KEY/.test(line)),
        plan.join("\n"),
      );
    } finally {
      db.close();
    }
  });
});
