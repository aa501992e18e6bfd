// Transactions of many creates side by side on one PostgreSQL store, as concurrent Bulk requests make them
// (RFC 7644 §3.7): every one commits, none is a deadlock victim answered 503, and the counts add up.
// Each create updates one of 16 counter shards, so without the per-scope count lock
// (postgres-session.ts lockCounts) two such transactions take shards in opposite orders and deadlock.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { everything, users } from "../contract/contract-fixtures.js";
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
  });
}
