// The background checkpointer (sqlite-checkpointer.ts): it copies the log into the database file while
// the writer's own automatic checkpoint is held back, it hands SQLite's default back when its worker
// fails, and it closes before the datastore's connections so that the log is removed on close.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { everything, users } from "../contract/contract-fixtures.js";
import { Checkpointer } from "./sqlite-checkpointer.js";
import { SqliteDatastore } from "./sqlite-datastore.js";
import type { SqliteDatabase } from "./sqlite-datastore-config.js";

const folder = mkdtempSync(join(tmpdir(), "scim-sqlite-checkpoint-"));
after(() => rmSync(folder, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(folder, `db-${++n}.sqlite`);

function walWriter(path: string): Database.Database {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE t (v BLOB)");
  return db;
}

/** Waits until `test` holds, for at most `ms`; false when it never did. */
async function eventually(test: () => boolean, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (test()) return true;
    await sleep(20);
  }
  return test();
}

describe("Checkpointer", () => {
  it("copies committed pages into the database file while the writer's autocheckpoint waits", async () => {
    const path = freshPath();
    const writer = walWriter(path);
    const checkpointer = new Checkpointer(path, writer as unknown as SqliteDatabase, {
      intervalMs: 10,
      backstopPages: 100_000,
    });
    try {
      assert.equal(writer.pragma("wal_autocheckpoint", { simple: true }), 100_000);
      const insert = writer.prepare("INSERT INTO t (v) VALUES (?)");
      // 4 MiB in 64 commits: far below the backstop (400 MiB), so only the worker can move it.
      for (let i = 0; i < 64; i++) writer.transaction(() => insert.run(Buffer.alloc(64 * 1024, i)))();
      const copied = await eventually(() => statSync(path).size >= 4 * 1024 * 1024);
      assert.ok(copied, `the database file stayed at ${statSync(path).size} bytes: nothing was checkpointed`);
    } finally {
      await checkpointer.close();
      writer.close();
    }
  });

  it("gives the writer SQLite's default autocheckpoint back when its worker fails", async () => {
    const path = freshPath();
    const writer = walWriter(path);
    // The worker cannot open a database in a folder that does not exist.
    const checkpointer = new Checkpointer(
      join(folder, "missing", "db.sqlite"),
      writer as unknown as SqliteDatabase,
    );
    try {
      // The worker is unref'd, so a timer keeps this test's event loop alive while it fails.
      const alive = new AbortController();
      await Promise.race([checkpointer.stopped, sleep(10_000, undefined, { signal: alive.signal })]);
      alive.abort();
      assert.equal(writer.pragma("wal_autocheckpoint", { simple: true }), 1000);
    } finally {
      await checkpointer.close();
      writer.close();
    }
  });
});

describe("SQLite store with background checkpoints", () => {
  it("closes the worker's connection first, so the writer's close removes the log", async () => {
    const path = freshPath();
    const store = new SqliteDatastore({ path, backgroundCheckpoints: { intervalMs: 10 } });
    for (let i = 0; i < 20; i++) await store.create(users, { attributes: { userName: `u${i}` } });
    assert.ok(existsSync(`${path}-wal`));
    await store.close();
    assert.equal(existsSync(`${path}-wal`), false, "the log outlived the store");
    const reopened = new SqliteDatastore({ path });
    assert.equal((await reopened.query(users, everything())).total, 20);
    await reopened.close();
  });
});
