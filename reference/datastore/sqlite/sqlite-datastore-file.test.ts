// What only a SQLite file shows: persistence across restarts, WAL and its reader connection, the
// folders a path needs, plans that change between runs, and filters too large for one compound SELECT.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { compareNode, orNode } from "../../protocol/filter/filter-builders.js";
import {
  a,
  contractConnection,
  everything,
  scopeOf,
  userPlan,
  users,
} from "../contract/contract-fixtures.js";
import type { ConnectionPlan, StoreFilter } from "../datastore.js";
import { SqliteDatastore } from "./sqlite-datastore.js";

const folder = mkdtempSync(join(tmpdir(), "scim-sqlite-file-"));
after(() => rmSync(folder, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(folder, `run-${++n}`, "deeper", "scim.sqlite");

describe("SQLite store on a file", () => {
  it("creates the parent folders, uses WAL, and keeps entries and settings across a restart", async () => {
    const path = freshPath();
    const first = new SqliteDatastore({ path });
    const created = await first.create(users, { attributes: { userName: "bjensen" }, passwordHash: "h" });
    await first.putSetting("auth.builtin-token", { sha256: "abc" });
    await first.close();
    assert.ok(existsSync(path));
    const raw = new Database(path, { readonly: true });
    assert.equal(raw.pragma("journal_mode", { simple: true }), "wal");
    raw.close();
    const second = new SqliteDatastore({ path });
    assert.deepEqual(await second.get(users, created.id, { members: false }), created);
    assert.equal(await second.getPasswordHash(users, created.id), "h");
    assert.deepEqual(await second.getSetting("auth.builtin-token"), { sha256: "abc" });
    await assert.rejects(second.create(users, { attributes: { userName: "BJENSEN" } }), { status: 409 });
    await second.close();
  });

  it("serves reads from the last commit while a transaction is open", async () => {
    const store = new SqliteDatastore({ path: freshPath() });
    const kept = await store.create(users, { attributes: { userName: "kept" } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const open = store.transaction(async (tx) => {
      await tx.update(users, kept.id, { attributes: { userName: "renamed" } });
      await gate;
    });
    // Not queued behind the transaction: the reader connection answers at once, with committed data.
    const during = await store.get(users, kept.id, { members: false });
    assert.equal(during?.attributes.userName, "kept");
    release();
    await open;
    assert.equal((await store.get(users, kept.id, { members: false }))?.attributes.userName, "renamed");
    await store.close();
  });

  it("rebuilds index rows when a plan starts indexing or keeping unique an attribute", async () => {
    const path = freshPath();
    const before = new SqliteDatastore({ path });
    await before.create(users, { attributes: { userName: "one", nickName: "Same" } });
    await before.create(users, { attributes: { userName: "two", nickName: "same" } });
    await before.create(users, { attributes: { userName: "three", nickName: "Other" } });
    await before.close();

    const indexed: ConnectionPlan = {
      ...contractConnection("connection-1"),
      resourceTypes: {
        ...contractConnection("connection-1").resourceTypes,
        User: { ...userPlan, indexed: [...userPlan.indexed, a.nickName] },
      },
    };
    const after = new SqliteDatastore({ path });
    const scope = scopeOf(indexed, "User");
    const filter = compareNode(a.nickName, "eq", "Same");
    assert.deepEqual(
      (await after.query(scope, everything(filter))).entries.map((e) => e.attributes.userName),
      ["one"],
    );
    const plan = (await after.explain(scope, everything(filter))).flatMap((e) => e.plan).join(" | ");
    assert.match(plan, /SEARCH k USING PRIMARY KEY/, "nickName is now served by entry_keys");
    await after.close();

    const unique: ConnectionPlan = {
      ...indexed,
      resourceTypes: { ...indexed.resourceTypes, User: { ...userPlan, unique: [a.userName, a.nickName] } },
    };
    const strict = new SqliteDatastore({ path });
    await assert.rejects(
      strict.create(scopeOf(unique, "User"), { attributes: { userName: "four", nickName: "Other" } }),
      {
        status: 409,
        scimType: "uniqueness",
      },
    );
    await strict.close();
  });

  it("answers OR filters with more terms than one compound SELECT may hold", async () => {
    const store = new SqliteDatastore({ path: freshPath() });
    await store.transaction(async (tx) => {
      for (let i = 0; i < 300; i++) await tx.create(users, { attributes: { userName: `user${i}` } });
    });
    let filter: StoreFilter = compareNode(a.userName, "eq", "user0");
    for (let i = 1; i < 300; i++) filter = orNode(filter, compareNode(a.userName, "eq", `USER${i * 7}`));
    const result = await store.query(users, everything(filter));
    assert.equal(
      result.total,
      1 + [...new Set(Array.from({ length: 299 }, (_, i) => (i + 1) * 7).filter((x) => x < 300))].length,
    );
    await store.close();
  });
});

describe("SQLite store on a file that is not a database", () => {
  it("fails to open with a named error, not a raw driver error", () => {
    const path = join(folder, "not-a-database.sqlite");
    writeFileSync(path, "this is not SQLite ".repeat(200));
    assert.throws(
      () => new SqliteDatastore({ path }),
      (error: unknown) =>
        error instanceof Error && /SQLite datastore failure \(SQLITE_NOTADB\)/.test(error.message),
    );
  });
});
