// Several stores on one schema, each with its own pool: what two server processes share is exactly this
// (the race through HTTP is postgres-race.test.ts). Uniqueness, If-Match, membership, counts, settings,
// migrations and index rebuilds must hold across them, because the database decides, not a process.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { compareNode } from "../../protocol/filter/filter-builders.js";
import {
  a,
  contractConnection,
  everything,
  groups,
  scopeOf,
  userPlan,
  users,
} from "../contract/contract-fixtures.js";
import type { ConnectionPlan, Datastore } from "../datastore.js";
import { openDatastore } from "../open-datastore.js";
import type { PostgresDatastore } from "./postgres-datastore.js";
import { openPostgresUrl } from "./postgres-driver.js";
import { freshSchemaName, pgUrl, schemaUrl } from "./postgres-test-database.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function statuses(results: readonly PromiseSettledResult<unknown>[]): Record<string, number> {
  const byStatus: Record<string, number> = {};
  for (const r of results) {
    const key =
      r.status === "fulfilled"
        ? "ok"
        : String((r.reason as { status?: number }).status ?? (r.reason as Error).message);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  return byStatus;
}

// Declared only with a database: postgres-datastore.test.ts prints the one skip line otherwise.
if (pgUrl !== undefined) {
  const url = pgUrl;
  const open = (schema: string) => openPostgresUrl({ url, schema, poolSize: 5 });

  describe("PostgreSQL stores sharing one schema", () => {
    let schema: string;
    let one: PostgresDatastore;
    let two: PostgresDatastore;
    /** The store for the i-th operation: operations alternate between the two. */
    const at = (i: number): Datastore => (i % 2 === 0 ? one : two);

    before(async () => {
      schema = freshSchemaName();
      // Four processes starting at once on an empty schema: the advisory lock lets one migrate.
      const stores = await Promise.all(range(4).map(() => open(schema)));
      await Promise.all(stores.slice(2).map((s) => s.close()));
      [one, two] = stores as [PostgresDatastore, PostgresDatastore];
    });
    after(async () => {
      await one?.close();
      await two?.close();
    });

    it("migrates once when several stores open a new schema at once", async () => {
      const { openPgPool } = await import("./postgres-driver.js");
      const pool = openPgPool(url, { schema, poolSize: 1 });
      try {
        const rows = await pool.query<{ version: number }>({ text: "SELECT version FROM scim_migrations" });
        assert.deepEqual(
          rows.rows.map((r) => r.version),
          [1],
        );
      } finally {
        await pool.end();
      }
    });

    it("lets one of 30 concurrent creates of one userName through and answers 409 uniqueness to the rest", async () => {
      const results = await Promise.allSettled(
        range(30).map((i) =>
          at(i).create(users, { attributes: { userName: i % 3 === 0 ? "Race" : "race" } }),
        ),
      );
      assert.deepEqual(statuses(results), { ok: 1, 409: 29 });
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      assert.match(String(refused.reason.detail), /userName is already used by another User/);
      assert.equal((await two.query(users, everything(compareNode(a.userName, "eq", "RACE")))).total, 1);
    });

    it("keeps every one of 40 concurrent member adds, each a version of its own", async () => {
      const members = await Promise.all(
        range(40).map((i) => at(i).create(users, { attributes: { userName: `m${i}` } })),
      );
      const group = await one.create(groups, { attributes: { displayName: "Busy" } });
      await Promise.all(
        members.map((m, i) =>
          at(i).update(groups, group.id, { members: { add: [{ value: m.id, type: "User" }], remove: [] } }),
        ),
      );
      const final = await two.get(groups, group.id, { members: true });
      assert.equal(final?.members?.length, 40);
      assert.equal(final?.meta.version, 41);
    });

    it("lets exactly one of 20 concurrent updates with the same ifVersion succeed", async () => {
      const user = await one.create(users, { attributes: { userName: "pinned" } });
      const results = await Promise.allSettled(
        range(20).map((i) =>
          at(i).update(
            users,
            user.id,
            { attributes: { userName: "pinned", title: `t${i}` } },
            { ifVersion: 1 },
          ),
        ),
      );
      assert.deepEqual(statuses(results), { ok: 1, 412: 19 });
    });

    it("serialises read-modify-writes that read forUpdate inside a transaction: none is lost", async () => {
      const user = await one.create(users, { attributes: { userName: "counter", loginCount: 0 } });
      await Promise.all(
        range(20).map((i) =>
          at(i).transaction(async (tx) => {
            const entry = await tx.get(users, user.id, { members: false, forUpdate: true });
            const count = Number(entry?.attributes.loginCount ?? 0);
            await tx.update(
              users,
              user.id,
              { attributes: { ...entry?.attributes, loginCount: count + 1 } },
              { ifVersion: entry?.meta.version ?? 0 },
            );
          }),
        ),
      );
      const final = await two.get(users, user.id, { members: false });
      assert.equal(final?.attributes.loginCount, 20);
      assert.equal(final?.meta.version, 21);
    });

    it("counts live entries right whichever store created or deleted them (sharded counters)", async () => {
      const scope = scopeOf(contractConnection("counted"), "User");
      const created = await Promise.all(
        range(50).map((i) => at(i).create(scope, { attributes: { userName: `c${i}` } })),
      );
      await Promise.all(
        created.slice(0, 17).map((e, i) => at(i + 1).delete(scope, e.id, i % 2 === 0 ? "delete" : "disable")),
      );
      for (const store of [one, two]) {
        const page = await store.query(scope, {
          ...everything(),
          page: { kind: "cursor", position: undefined, direction: "next", count: 5 },
        });
        assert.equal(page.total, 33);
      }
    });

    it("answers a deadlock inside a caller's transaction with 503, and the other transaction commits", async () => {
      const [x, y] = await Promise.all([
        one.create(users, { attributes: { userName: "dx" } }),
        one.create(users, { attributes: { userName: "dy" } }),
      ]);
      let bothHold!: () => void;
      const held = new Promise<void>((resolve) => {
        let waiting = 2;
        bothHold = () => {
          waiting -= 1;
          if (waiting === 0) resolve();
        };
      });
      // Opposite lock orders: PostgreSQL aborts one as the deadlock victim (40P01) after deadlock_timeout.
      const cross = (store: Datastore, first: string, second: string) =>
        store.transaction(async (tx) => {
          await tx.update(users, first, {
            attributes: { userName: first === x.id ? "dx" : "dy", title: "1" },
          });
          bothHold();
          await held;
          await tx.update(users, second, {
            attributes: { userName: second === x.id ? "dx" : "dy", title: "2" },
          });
        });
      const results = await Promise.allSettled([cross(one, x.id, y.id), cross(two, y.id, x.id)]);
      assert.deepEqual(statuses(results), { ok: 1, 503: 1 });
    });

    it("claims a setting once: of concurrent claims from both stores, every one gets the first value", async () => {
      const claimed = await Promise.all(
        range(10).map((i) => (i % 2 === 0 ? one : two).claimSetting("cursor-key", `value-${i}`)),
      );
      assert.equal(new Set(claimed).size, 1);
      assert.equal(await one.getSetting("cursor-key"), claimed[0]);
    });

    it("tells one store within a second when another writes a setting (LISTEN/NOTIFY)", async () => {
      const seen: string[] = [];
      let arrived!: () => void;
      const notified = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const stop = await two.watchSettings((key) => {
        seen.push(key);
        if (key === "connections.admin") arrived();
      });
      try {
        const start = Date.now();
        await one.putSetting("connections.admin", { changes: {} });
        await Promise.race([
          notified,
          new Promise((_, reject) => setTimeout(() => reject(new Error("no notification in 1 s")), 1000)),
        ]);
        assert.ok(Date.now() - start < 1000);
        assert.deepEqual(await two.getSetting("connections.admin"), { changes: {} });
        assert.deepEqual(seen, ["connections.admin"]);
      } finally {
        stop();
      }
    });

    it("rebuilds index rows once when stores start with a plan that indexes more, and filters agree", async () => {
      const base = contractConnection("replanned");
      await one.create(scopeOf(base, "User"), { attributes: { userName: "one", nickName: "Same" } });
      await one.create(scopeOf(base, "User"), { attributes: { userName: "two", nickName: "same" } });
      const indexed: ConnectionPlan = {
        ...base,
        resourceTypes: {
          ...base.resourceTypes,
          User: { ...userPlan, indexed: [...userPlan.indexed, a.nickName] },
        },
      };
      const [p, q] = await Promise.all([open(schema), open(schema)]);
      try {
        const filter = compareNode(a.nickName, "eq", "Same");
        const answers = await Promise.all(
          [p, q].map((s) => s.query(scopeOf(indexed, "User"), everything(filter))),
        );
        for (const answer of answers)
          assert.deepEqual(
            answer.entries.map((e) => e.attributes.userName),
            ["one"],
          );
      } finally {
        await p.close();
        await q.close();
      }
    });

    it("refuses a duplicate inside a transaction without aborting it: the transaction goes on and commits", async () => {
      const scope = scopeOf(contractConnection("bulk"), "User");
      await one.create(scope, { attributes: { userName: "taken" } });
      await one.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) {
          await assert.rejects(tx.create(scope, { attributes: { userName: "TAKEN" } }), {
            status: 409,
            scimType: "uniqueness",
          });
          await tx.create(scope, { attributes: { userName: `fresh${i}` } });
        }
      });
      const all = await two.query(scope, everything());
      assert.deepEqual(all.entries.map((e) => e.attributes.userName).sort(), [
        "fresh0",
        "fresh1",
        "fresh2",
        "taken",
      ]);
      assert.equal(all.total, 4);
      const counted = await two.query(scope, {
        ...everything(),
        page: { kind: "index", startIndex: 2, count: 1 },
      });
      assert.equal(counted.total, 4, "the refused creates left no count behind");
    });

    it("refuses an indexed value too long for a B-tree entry with 400 invalidValue before writing", async () => {
      await assert.rejects(one.create(users, { attributes: { userName: "x".repeat(3000) } }), {
        status: 400,
        scimType: "invalidValue",
      });
      await one.create(users, { attributes: { userName: "long-title", title: "y".repeat(100_000) } });
    });

    it("refuses U+0000, which PostgreSQL text cannot hold, with 400 invalidValue", async () => {
      await assert.rejects(one.create(users, { attributes: { userName: "nul", title: "a\u0000b" } }), {
        status: 400,
        scimType: "invalidValue",
      });
      await assert.rejects(one.query(users, everything(compareNode(a.title, "eq", "a\u0000b"))), {
        status: 400,
        scimType: "invalidValue",
      });
    });

    it("opens through --db with ?schema=, as the server does", async () => {
      const store = await openDatastore(schemaUrl(schema));
      try {
        assert.equal(store.name, "postgres");
        assert.equal((await store.query(users, everything(compareNode(a.userName, "eq", "race")))).total, 1);
      } finally {
        await store.close();
      }
    });
  });
}
