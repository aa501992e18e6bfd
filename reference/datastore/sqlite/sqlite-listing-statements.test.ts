// Which statements a listing runs on the reader connection (sqlite-datastore.ts `query`): a listing that
// one statement answers runs without BEGIN and COMMIT (SQLite gives a single statement its own snapshot);
// one that needs a second statement (a count, an existence check, members) runs inside one read
// transaction, from its first statement, so its count and its page come from the same state.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { compareNode } from "../../protocol/filter/filter-builders.js";
import { a, groups, users } from "../contract/contract-fixtures.js";
import type { EntryQuery } from "../datastore.js";
import { SqliteDatastore } from "./sqlite-datastore.js";
import type { SqliteDatabase, SqliteStatement } from "./sqlite-datastore-config.js";
import { openBetterSqlite3 } from "./sqlite-driver.js";

/** Every statement run on the reader connection (the second one opened), in order, by its first word. */
const readerLog: string[] = [];

function recording(db: SqliteDatabase, log: string[]): SqliteDatabase {
  const wrap = (source: string, statement: SqliteStatement): SqliteStatement => {
    const word = source.trim().split(/\s+/)[0]?.toUpperCase() ?? "";
    return {
      run: (...params) => {
        log.push(word);
        return statement.run(...params);
      },
      get: (...params) => {
        log.push(word);
        return statement.get(...params);
      },
      all: (...params) => {
        log.push(word);
        return statement.all(...params);
      },
    };
  };
  return new Proxy(db, {
    get(target, key) {
      if (key === "prepare") return (source: string) => wrap(source, target.prepare(source));
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const dir = mkdtempSync(join(tmpdir(), "scim-listing-statements-"));
let opened = 0;
const store = new SqliteDatastore({
  path: join(dir, "store.sqlite"),
  open: (path) => {
    const db = openBetterSqlite3(path);
    opened += 1;
    return opened === 2 ? recording(db, readerLog) : db;
  },
});

function index(filter: EntryQuery["filter"], count: number): EntryQuery {
  return { filter, sort: undefined, page: { kind: "index", startIndex: 1, count }, members: false };
}

async function statementsOf(scope: typeof users, query: EntryQuery) {
  readerLog.length = 0;
  const result = await store.query(scope, query);
  return { result, statements: [...readerLog] };
}

describe("SQLite listing statements (one statement alone, several in one read transaction)", () => {
  let groupId = "";
  before(async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push((await store.create(users, { attributes: { userName: `user${n}`, title: "t" } })).id);
    }
    const group = await store.create(groups, {
      attributes: { displayName: "g" },
      members: ids.map((value) => ({ value, type: "User" })),
    });
    groupId = group.id;
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers a userName lookup with one statement and no transaction", async () => {
    const { result, statements } = await statementsOf(
      users,
      index(compareNode(a.userName, "eq", "user2"), 10),
    );
    assert.equal(result.total, 1);
    assert.deepEqual(statements, ["SELECT"]);
  });

  it("runs a listing whose first page is full again inside a read transaction, counted there", async () => {
    const { result, statements } = await statementsOf(users, index(compareNode(a.title, "eq", "t"), 2));
    assert.equal(result.total, 3);
    assert.equal(result.entries.length, 2);
    // The first page, found full, is dropped; page and count then come from one snapshot.
    assert.deepEqual(statements, ["SELECT", "BEGIN", "SELECT", "SELECT", "COMMIT"]);
  });

  it("opens the transaction first when the listing is known to need several statements", async () => {
    const first = await store.query(users, {
      filter: undefined,
      sort: undefined,
      page: { kind: "cursor", position: undefined, direction: "next", count: 1 },
      members: false,
    });
    assert.ok(first.nextPosition !== undefined);
    const cursor = await statementsOf(users, {
      filter: undefined,
      sort: undefined,
      page: { kind: "cursor", position: first.nextPosition, direction: "next", count: 1 },
      members: false,
    });
    assert.equal(cursor.statements[0], "BEGIN");
    assert.equal(cursor.statements.at(-1), "COMMIT");

    const withMembers = await statementsOf(groups, { ...index(undefined, 10), members: true });
    assert.equal(withMembers.result.entries[0]?.id, groupId);
    assert.equal(withMembers.result.entries[0]?.members?.length, 3);
    assert.equal(withMembers.statements[0], "BEGIN");
    assert.equal(withMembers.statements.at(-1), "COMMIT");
  });
});
