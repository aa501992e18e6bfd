// Transactions of many creates side by side on one PostgreSQL store, as concurrent Bulk requests make them
// (RFC 7644 §3.7): every one commits, none is a deadlock victim answered 503, the counts add up, and none
// waits for another. Each create changes one of 16 counter shards; written as they happened, two such
// transactions took shards in opposite orders and deadlocked, and an open one held every shard of its
// scope until it committed. The changes are now written in shard order with the COMMIT
// (postgres-count-journal.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { everything, groups, tick, users } from "../contract/contract-fixtures.js";
import type { PostgresDatastore } from "./postgres-datastore.js";
import type { PgPool } from "./postgres-datastore-config.js";
import { openPgPool, openPostgresUrl } from "./postgres-driver.js";
import { freshPostgresStore, freshSchemaName, pgUrl } from "./postgres-test-database.js";

// Declared only with a database: postgres-datastore.test.ts prints the one skip line otherwise.
if (pgUrl !== undefined) {
  describe("PostgreSQL transactions of many creates at once", () => {
    let store: PostgresDatastore;
    before(async () => {
      store = await freshPostgresStore({ poolSize: 6 });
    });
    after(() => store.close());

    it("commits every one of four concurrent 200-create transactions", async () => {
      const transactions = Array.from({ length: 4 }, (_, t) =>
        store.transaction(async (tx) => {
          for (let i = 0; i < 200; i++) await tx.create(users, { attributes: { userName: `t${t}-u${i}` } });
        }),
      );
      const outcomes = await Promise.allSettled(transactions);
      assert.deepEqual(
        outcomes.map((o) => (o.status === "fulfilled" ? "committed" : String((o.reason as Error).message))),
        ["committed", "committed", "committed", "committed"],
      );
      assert.equal((await store.query(users, everything())).total, 800);
    });

    it("lets other transactions and single creates of the scope commit while a transaction of creates is open", async () => {
      const onePage = { ...everything(), page: { kind: "index", startIndex: 1, count: 1 } } as const;
      const before = (await store.query(users, onePage)).total;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let created = 0;
      const open = store.transaction(async (tx) => {
        // Consecutive pks: one create on every counter shard of the scope.
        for (let i = 0; i < 20; i++) {
          await tx.create(users, { attributes: { userName: `open-${i}` } });
          created += 1;
        }
        await gate;
      });
      while (created < 20) await tick();
      const others = Promise.all([
        store.transaction(async (tx) => {
          for (let i = 0; i < 20; i++) await tx.create(users, { attributes: { userName: `other-${i}` } });
        }),
        store.create(users, { attributes: { userName: "single" } }),
      ]).then(() => "committed" as const);
      // Not a timing: without the journal both waited for the open transaction until it committed.
      const outcome = await Promise.race([others, tick(5_000).then(() => "waiting" as const)]);
      release();
      await open;
      await others;
      assert.equal(outcome, "committed");
      assert.equal((await store.query(users, onePage)).total, before + 41);
    });
  });
}

// A single write moves its counter row in its own statement. If it did so before it waited for a row
// that a Bulk request's transaction holds, it would hold the counter row while waiting, and that
// transaction's COMMIT, which writes its counts, would wait for it: a deadlock. These cases hold the
// row another transaction would, and ask (NOWAIT) whether the waiting write holds any counter row.
if (pgUrl !== undefined) {
  describe("PostgreSQL single writes that wait hold no counter row", () => {
    const schema = freshSchemaName();
    let store: PostgresDatastore;
    let pool: PgPool;
    before(async () => {
      store = await openPostgresUrl({ url: pgUrl as string, schema, poolSize: 4 });
      pool = openPgPool(pgUrl as string, { schema, poolSize: 3 });
    });
    after(async () => {
      await store.close();
      await pool.end();
    });

    /** Whether another transaction holds any counter row of the scope: FOR UPDATE NOWAIT fails then. */
    async function countersFree(scope: number): Promise<boolean> {
      const client = await pool.connect();
      try {
        await client.query({ text: "BEGIN" });
        await client.query({ text: `SELECT n FROM entry_counts WHERE scope = ${scope} FOR UPDATE NOWAIT` });
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === "55P03") return false;
        throw error;
      } finally {
        await client.query({ text: "ROLLBACK" });
        client.release();
      }
    }

    async function rowOf(id: string): Promise<{ pk: number; scope: number }> {
      const result = await pool.query<{ pk: number; scope: number }>({
        text: "SELECT pk, scope FROM entries WHERE id = $1",
        values: [id],
      });
      return result.rows[0] as { pk: number; scope: number };
    }

    /**
     * Until a statement like `statement` waits for a lock (for `holder`'s, when given). Other test files
     * may run beside this one: without a holder a wait of theirs could be taken for ours, which would
     * only make the check below weaker, never fail it.
     */
    async function waitingFor(statement: string, holder?: number): Promise<void> {
      for (let i = 0; i < 500; i++) {
        const waiting = await pool.query<{ n: number }>({
          text: `SELECT count(*)::int AS n FROM pg_stat_activity
                 WHERE cardinality(pg_blocking_pids(pid)) > 0 AND position($1 in query) > 0
                   AND ($2::int IS NULL OR $2::int = ANY(pg_blocking_pids(pid)))`,
          values: [statement, holder ?? null],
        });
        if ((waiting.rows[0]?.n ?? 0) > 0) return;
        await tick(10);
      }
      throw new Error(`no "${statement}" waited for the held row`);
    }

    it("a delete waiting for a group row that another transaction holds", async () => {
      // Every shard row exists, so a held one cannot hide as an uncommitted insert.
      for (let i = 0; i < 16; i++) await store.create(users, { attributes: { userName: `d${i}` } });
      const member = await store.create(users, { attributes: { userName: "member" } });
      const group = await store.create(groups, {
        attributes: { displayName: "G" },
        members: [{ value: member.id, type: "User" }],
      });
      const holder = await pool.connect();
      try {
        await holder.query({ text: "BEGIN" });
        const held = (await holder.query<{ pid: number }>({ text: "SELECT pg_backend_pid() AS pid" }))
          .rows[0];
        const g = await rowOf(group.id);
        // As a Bulk request's PATCH of the group holds it until its COMMIT.
        await holder.query({ text: `SELECT pk FROM entries WHERE pk = ${g.pk} FOR UPDATE` });
        const deleting = store.delete(users, member.id, "delete");
        await waitingFor("touched AS", held?.pid);
        const free = await countersFree((await rowOf(member.id)).scope);
        await holder.query({ text: "COMMIT" });
        await deleting;
        assert.equal(free, true, "the waiting delete held a counter row");
      } finally {
        holder.release();
      }
    });

    it("a create waiting for a unique value that another transaction is creating", async () => {
      const scope = (await rowOf((await store.create(users, { attributes: { userName: "scoped" } })).id))
        .scope;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let created = false;
      const open = store.transaction(async (tx) => {
        await tx.create(users, { attributes: { userName: "contested" } });
        created = true;
        await gate;
      });
      while (!created) await tick();
      const single = store.create(users, { attributes: { userName: "contested" } });
      // Its 409 may come back while `open` is still committing: handled now, asserted below, so the
      // runner never sees it as an unhandled rejection (it failed npm test so once).
      single.catch(() => {});
      await waitingFor("INSERT INTO entry_keys");
      const free = await countersFree(scope);
      release();
      await open;
      await assert.rejects(single, { status: 409 });
      assert.equal(free, true, "the waiting create held a counter row");
    });
  });
}
