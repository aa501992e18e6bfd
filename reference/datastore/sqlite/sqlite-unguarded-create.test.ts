// Creates inside a transaction run without a savepoint of their own (sqlite-session.ts writeUnguarded):
// what may refuse them is checked before they write, and a create that fails half-way all the same makes
// its transaction (or its enclosing savepoint) roll back, so nothing half-written is ever committed.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { everything, users } from "../contract/contract-fixtures.js";
import type { Datastore } from "../datastore.js";
import { SqliteDatastore } from "./sqlite-datastore.js";
import type { SqliteDatabase, SqliteStatement } from "./sqlite-datastore-config.js";
import { openBetterSqlite3 } from "./sqlite-driver.js";

const folder = mkdtempSync(join(tmpdir(), "scim-sqlite-unguarded-"));
after(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

/** The real driver, counting SAVEPOINTs and failing index-row inserts while `failIndexRows` is set. */
function instrumented() {
  const state = { savepoints: 0, failIndexRows: false, db: undefined as SqliteDatabase | undefined };
  const open = (path: string): SqliteDatabase => {
    const db = openBetterSqlite3(path);
    state.db ??= db; // the first connection opened is the writer
    return new Proxy(db, {
      get(target, key) {
        if (key !== "prepare") {
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        }
        return (source: string): SqliteStatement => {
          const statement = target.prepare(source);
          if (source.startsWith("SAVEPOINT")) {
            return {
              ...bound(statement),
              run: (...params) => {
                state.savepoints += 1;
                return statement.run(...params);
              },
            };
          }
          if (!source.startsWith("INSERT INTO entry_keys")) return statement;
          return {
            ...bound(statement),
            run: (...params) => {
              if (state.failIndexRows) throw new Error("injected disk failure");
              return statement.run(...params);
            },
          };
        };
      },
    });
  };
  const store = new SqliteDatastore({ path: join(folder, `store-${++files}.sqlite`), open });
  return { state, store };
}

function bound(statement: SqliteStatement): SqliteStatement {
  return {
    run: (...p) => statement.run(...p),
    get: (...p) => statement.get(...p),
    all: (...p) => statement.all(...p),
  };
}

const user = (userName: string) => ({ attributes: { userName, displayName: userName } });

async function userNames(store: Datastore): Promise<string[]> {
  const result = await store.query(users, everything());
  return result.entries.map((e) => String(e.attributes.userName)).sort();
}

/** Rows nothing should leave behind: index rows of no entry, and the kept count against the real one. */
function strays(db: SqliteDatabase | undefined) {
  const orphanKeys = db
    ?.prepare("SELECT count(*) AS n FROM entry_keys WHERE entry NOT IN (SELECT pk FROM entries)")
    .get() as { n: number };
  const counts = db
    ?.prepare("SELECT sum(entry_count) AS kept, (SELECT count(*) FROM entries) AS real FROM scopes")
    .get() as { kept: number | null; real: number };
  return { orphanKeys: orphanKeys.n, countAgrees: (counts.kept ?? 0) === counts.real };
}

describe("SQLite create inside a transaction", () => {
  it("takes no savepoint, and one refused for a taken unique value writes nothing while the rest commit", async () => {
    const { state, store } = instrumented();
    try {
      await store.create(users, user("warm-up")); // registers the connection's scopes
      const before = state.savepoints;
      await store.transaction(async (tx) => {
        await tx.create(users, user("alice"));
        await assert.rejects(tx.create(users, user("ALICE")), {
          status: 409,
          scimType: "uniqueness",
          detail: "userName is already used by another User",
        });
        await tx.create(users, user("carol"));
      });
      assert.equal(state.savepoints, before, "no SAVEPOINT was run inside the transaction");
      assert.deepEqual(await userNames(store), ["alice", "carol", "warm-up"]);
      assert.deepEqual(strays(state.db), { orphanKeys: 0, countAgrees: true });
    } finally {
      await store.close();
    }
  });

  it("rolls the whole transaction back when a create fails after it began writing", async () => {
    const { state, store } = instrumented();
    try {
      await store.create(users, user("committed-before"));
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.create(users, user("alice"));
          state.failIndexRows = true;
          await assert.rejects(tx.create(users, user("bob")), /injected disk failure/);
          state.failIndexRows = false;
          // The transaction cannot go on: its next write would build on a half-written entry.
          await assert.rejects(tx.create(users, user("carol")), /failed half-way/);
        }),
        /injected disk failure/,
      );
      assert.deepEqual(await userNames(store), ["committed-before"]);
      assert.deepEqual(strays(state.db), { orphanKeys: 0, countAgrees: true });
    } finally {
      await store.close();
    }
  });

  it("undoes only the enclosing savepoint when the half-written create ran inside one", async () => {
    const { state, store } = instrumented();
    try {
      await store.transaction(async (tx) => {
        await tx.create(users, user("alice"));
        await assert.rejects(
          tx.transaction(async (inner) => {
            state.failIndexRows = true;
            try {
              await inner.create(users, user("bob"));
            } finally {
              state.failIndexRows = false;
            }
          }),
          /injected disk failure/,
        );
        await tx.create(users, user("carol"));
      });
      assert.deepEqual(await userNames(store), ["alice", "carol"]);
      assert.deepEqual(strays(state.db), { orphanKeys: 0, countAgrees: true });
    } finally {
      await store.close();
    }
  });
});
