// The derived `groups` of a User (RFC 7643 §4.1.2) is computed on every GET /Users/{id}, so its statement
// must reach entries by primary key only. A plain JOIN let the planner scan the whole entries table in pk
// order (bench: GET /Users/{id} at 20,000 users spent a third of its time there). A listing page reads the
// groups of all its entries in one statement (EntryQuery.groups); they must equal groupsOf's, entry by
// entry, direct and nested.
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
import { groupsOfEntries, groupsOfStatement } from "./sqlite-members.js";

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
      const outer = await tx.create(groups, {
        attributes: { displayName: "outer" },
        members: [
          { value: inner.id, type: "Group" },
          { value: ids[3] ?? "", type: "User" },
        ],
      });
      // A cycle: inner and outer contain each other; groupsOf must still end and list each group once.
      await tx.update(groups, inner.id, {
        attributes: inner.attributes,
        members: { add: [{ value: outer.id, type: "Group" }], remove: [] },
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

  it("reads a page's groups in one statement, equal to groupsOf for every entry", async () => {
    const store = new SqliteDatastore({ path });
    try {
      const page = await store.query(users, {
        filter: undefined,
        sort: undefined,
        page: { kind: "index", startIndex: 1, count: 1000 },
        members: false,
        groups: true,
      });
      assert.equal(page.entries.length, 500);
      let inGroups = 0;
      for (const entry of page.entries) {
        assert.deepEqual(
          entry.groups,
          await store.groupsOf(users, entry.id),
          entry.attributes.userName as string,
        );
        if ((entry.groups?.length ?? 0) > 0) inGroups += 1;
      }
      // user0-2 are direct members of inner (and so of outer), user3 of outer (and so of inner).
      assert.equal(inGroups, 4);
      const first = page.entries[0]?.groups ?? [];
      assert.deepEqual(
        first.map((g) => [g.display, g.type]),
        [
          ["inner", "direct"],
          ["outer", "indirect"],
        ],
      );
      const without = await store.query(users, {
        filter: undefined,
        sort: undefined,
        page: { kind: "index", startIndex: 1, count: 10 },
        members: false,
      });
      assert.ok(without.entries.every((entry) => entry.groups === undefined));
    } finally {
      await store.close();
    }
  });

  it("reaches a page's groups by primary key, never by scanning entries", () => {
    const db = openBetterSqlite3(path);
    try {
      const log: string[] = [];
      const conn = {
        all: (fragment: Parameters<typeof render>[0]) => {
          const { text, params } = render(fragment, sqliteDialect.placeholder);
          const explain = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...(params as (string | number)[]));
          log.push(...(explain as { detail: string }[]).map((row) => row.detail));
          return db.prepare(text).all(...(params as (string | number)[]));
        },
      };
      groupsOfEntries(conn as never, [1, 2, 3, 4, 5]);
      assert.ok(!log.some((line) => /^SCAN (g|entries|m|d)\b/.test(line)), log.join("\n"));
      assert.ok(
        log.some((line) => /^SEARCH g USING INTEGER PRIMARY KEY/.test(line)),
        log.join("\n"),
      );
    } finally {
      db.close();
    }
  });
});
