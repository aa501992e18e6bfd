// The background checkpointer (sqlite-checkpointer.ts): it runs while commits appear and copies the log into
// the database file while the writer's own automatic checkpoint is held back; it stops when nothing is
// written and for good when its worker fails, handing SQLite's default back each time; and the store's close
// waits for its connection, so that the last connection has checkpointed and removed the log by then.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { everything, users } from "../contract/contract-fixtures.js";
import { Checkpointer } from "./sqlite-checkpointer.js";
import { SqliteDatastore } from "./sqlite-datastore.js";
import type { CheckpointerOptions, SqliteDatabase } from "./sqlite-datastore-config.js";

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

/**
 * Runs `body` with a WAL writer on a fresh file and a Checkpointer (on `checkpointed`, the writer's file by
 * default), closing both afterwards whatever the body did.
 */
async function withCheckpointer(
  options: CheckpointerOptions,
  body: (writer: Database.Database, checkpointer: Checkpointer, path: string) => Promise<void>,
  checkpointed?: string,
): Promise<void> {
  const path = freshPath();
  const writer = walWriter(path);
  const checkpointer = new Checkpointer(checkpointed ?? path, writer as unknown as SqliteDatabase, options);
  try {
    await body(writer, checkpointer, path);
  } finally {
    await checkpointer.close();
    writer.close();
  }
}

describe("Checkpointer", () => {
  it("starts on commits and copies them into the database file while the writer's autocheckpoint waits", () =>
    withCheckpointer(
      { intervalMs: 10, pollMs: 10, backstopPages: 100_000 },
      async (writer, checkpointer, path) => {
        await sleep(50);
        assert.equal(checkpointer.running, false, "started before anything was written");
        const insert = writer.prepare("INSERT INTO t (v) VALUES (?)");
        // 4 MiB in 64 commits: far below the backstop (400 MiB), so only the worker can move it.
        for (let i = 0; i < 64; i++) writer.transaction(() => insert.run(Buffer.alloc(64 * 1024, i)))();
        assert.ok(await eventually(() => checkpointer.running), "no worker started after commits");
        assert.equal(writer.pragma("wal_autocheckpoint", { simple: true }), 100_000);
        const copied = await eventually(() => statSync(path).size >= 4 * 1024 * 1024);
        assert.ok(
          copied,
          `the database file stayed at ${statSync(path).size} bytes: nothing was checkpointed`,
        );
      },
    ));

  it("stops when nothing is written, giving the writer its own checkpoints back, and starts again", () =>
    withCheckpointer({ intervalMs: 10, pollMs: 10, idleMs: 100 }, async (writer, checkpointer) => {
      const insert = writer.prepare("INSERT INTO t (v) VALUES (?)");
      insert.run(Buffer.alloc(16));
      assert.ok(await eventually(() => checkpointer.running), "no worker started after a commit");
      assert.ok(await eventually(() => !checkpointer.running), "the worker outlived the idle time");
      assert.ok(await eventually(() => writer.pragma("wal_autocheckpoint", { simple: true }) === 1000));
      insert.run(Buffer.alloc(16));
      assert.ok(await eventually(() => checkpointer.running), "no worker started after the next commit");
    }));

  for (const [name, throws] of [
    ["reports a failed worker and gives the writer SQLite's default autocheckpoint back for good", false],
    ["survives a failure report that throws (no uncaught exception ends the process)", true],
  ] as const)
    it(name, () => {
      // The worker's connection cannot use a file that is not a database; touching its log starts one.
      const garbage = join(folder, `not-a-database-${throws}`);
      writeFileSync(garbage, "not a database file, and longer than a header would be ".repeat(4));
      const reported: Error[] = [];
      const onFailure = (error: Error) => {
        reported.push(error);
        if (throws) throw new Error("the reporter failed");
      };
      return withCheckpointer(
        { pollMs: 10, onFailure },
        async (writer, checkpointer) => {
          writeFileSync(`${garbage}-wal`, "activity");
          assert.ok(await eventually(() => checkpointer.failed), "the worker did not fail");
          assert.equal(reported.length, 1, "the failure was not reported once");
          assert.match(reported[0]?.message ?? "", /not a database/);
          assert.ok(await eventually(() => !checkpointer.running));
          assert.equal(writer.pragma("wal_autocheckpoint", { simple: true }), 1000);
          writeFileSync(`${garbage}-wal`, "more activity");
          await sleep(50);
          assert.equal(checkpointer.running, false, "a failed worker was started again");
        },
        garbage,
      );
    });
});

describe("SQLite store with background checkpoints", () => {
  it("waits for the worker's connection on close, so the log is gone when close() resolves", async () => {
    const path = freshPath();
    const store = new SqliteDatastore({ path, backgroundCheckpoints: { intervalMs: 10, pollMs: 10 } });
    for (let i = 0; i < 20; i++) await store.create(users, { attributes: { userName: `u${i}` } });
    assert.ok(existsSync(`${path}-wal`));
    // Several polls: the commits have started the worker, whose connection close() must wait for.
    await sleep(100);
    await store.close();
    assert.equal(existsSync(`${path}-wal`), false, "the log outlived the store");
    const reopened = new SqliteDatastore({ path });
    assert.equal((await reopened.query(users, everything())).total, 20);
    await reopened.close();
  });
});
