// Transactions of many creates side by side on one PostgreSQL store, as concurrent Bulk requests make them
// (RFC 7644 §3.7): every one commits, none is a deadlock victim answered 503, the counts add up, and none
// waits for another. Each create changes one of 16 counter shards; written as they happened, two such
// transactions took shards in opposite orders and deadlocked, and an open one held every shard of its
// scope until it committed. The changes are now written in shard order with the COMMIT
// (postgres-count-journal.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { everything, tick, users } from "../contract/contract-fixtures.js";
import type { PostgresDatastore } from "./postgres-datastore.js";
import { freshPostgresStore, pgUrl } from "./postgres-test-database.js";

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
