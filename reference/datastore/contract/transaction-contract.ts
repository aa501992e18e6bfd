// Contract: transactions (all-or-nothing, savepoints when nested, isolated from concurrent requests) and
// settings. Bulk (RFC 7644 §3.7) and multi-step PATCH rely on the first; the built-in connection's
// generated token hash relies on the second.
import assert from "node:assert/strict";
import { describe } from "node:test";
import { a, everything, groups, idsOf, tick, users } from "./contract-fixtures.js";
import type { ContractHarness } from "./contract-harness.js";

const userNamed = (userName: string) =>
  ({ kind: "compare", attr: a.userName, op: "eq", value: userName }) as const;

export function transactionContract(h: ContractHarness): void {
  describe("transactions", () => {
    h.test(
      "commits every write of the work and returns its result",
      async (store) => {
        const result = await store.transaction(async (tx) => {
          const u = await tx.create(users, { attributes: { userName: "one" } });
          await tx.create(groups, {
            attributes: { displayName: "G" },
            members: [{ value: u.id, type: "User" }],
          });
          assert.equal(
            (await tx.get(users, u.id, { members: false }))?.id,
            u.id,
            "the work sees its own writes",
          );
          return u.id;
        });
        assert.equal((await store.get(users, result, { members: false }))?.attributes.userName, "one");
        assert.equal((await store.groupsOf(users, result)).length, 1);
      },
      ["transactions"],
    );

    h.test(
      "a throw rolls everything back, settings and freed unique values included",
      async (store) => {
        const kept = await store.create(users, { attributes: { userName: "kept" } });
        await store.putSetting("s", "before");
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.create(users, { attributes: { userName: "new" } });
            await tx.update(users, kept.id, { attributes: { userName: "renamed" } });
            await tx.putSetting("s", "during");
            throw new Error("boom");
          }),
          /boom/,
        );
        assert.deepEqual(await idsOf(store, users), [kept.id]);
        assert.deepEqual(await store.get(users, kept.id, { members: false }), kept);
        assert.equal(await store.getSetting("s"), "before");
        await store.create(users, { attributes: { userName: "new" } });
        await assert.rejects(store.create(users, { attributes: { userName: "kept" } }), { status: 409 });
      },
      ["transactions"],
    );

    h.test(
      "a nested transaction is a savepoint: its failure undoes only its own writes",
      async (store) => {
        await store.transaction(async (tx) => {
          await tx.create(users, { attributes: { userName: "outer" } });
          await assert.rejects(
            tx.transaction(async (inner) => {
              await inner.create(users, { attributes: { userName: "inner" } });
              throw new Error("inner fails");
            }),
            /inner fails/,
          );
          await tx.transaction(async (inner) => {
            await inner.create(users, { attributes: { userName: "inner-ok" } });
          });
        });
        for (const [name, count] of [
          ["outer", 1],
          ["inner", 0],
          ["inner-ok", 1],
        ] as const) {
          assert.equal((await idsOf(store, users, userNamed(name))).length, count, name);
        }
      },
      ["transactions"],
    );

    // The unfiltered total is the one a ListResponse's totalResults reports (RFC 7644 §3.4.2); a store may
    // keep it apart from the entries (PostgreSQL's counter shards, written at COMMIT), and must still
    // count what the transaction itself did, and nothing of a savepoint it rolled back.
    h.test(
      "an unfiltered total inside a transaction counts its own creates and deletes, not refused or rolled-back ones",
      async (store) => {
        // An empty page (RFC 7644 §3.4.2.4, count=0): its total is always counted, where a page that shows
        // every entry gives it from its rows.
        const noPage = { ...everything(), page: { kind: "index", startIndex: 1, count: 0 } } as const;
        const total = async (s: typeof store) => (await s.query(users, noPage)).total;
        const before = await store.create(users, { attributes: { userName: "before" } });
        const gone = await store.create(users, { attributes: { userName: "gone" } });
        await store.delete(users, gone.id, "delete");
        await assert.rejects(store.create(users, { attributes: { userName: "before" } }), { status: 409 });
        assert.equal(
          await total(store),
          1,
          "single writes: a create, a create and a delete, a refused create",
        );
        await store.transaction(async (tx) => {
          const kept = await tx.create(users, { attributes: { userName: "a" } });
          await tx.create(users, { attributes: { userName: "b" } });
          await assert.rejects(tx.create(users, { attributes: { userName: "b" } }), { status: 409 });
          assert.equal(await total(tx), 3, "its own creates, not the refused one");
          await tx.delete(users, before.id, "delete");
          assert.equal(await total(tx), 2, "its own delete");
          await assert.rejects(
            tx.transaction(async (inner) => {
              await inner.create(users, { attributes: { userName: "c" } });
              await inner.delete(users, kept.id, "disable");
              assert.equal(await total(inner), 2, "the savepoint's create and delete");
              await inner.create(users, { attributes: { userName: "d" } });
              throw new Error("inner fails");
            }),
            /inner fails/,
          );
          assert.equal(await total(tx), 2, "after the failed savepoint");
          await tx.create(users, { attributes: { userName: "e" } });
        });
        assert.equal(await total(store), 3, "committed");
        assert.equal((await idsOf(store, users)).length, 3);
      },
      ["transactions"],
    );

    h.test(
      "a failed method inside a transaction leaves nothing behind, and the transaction may go on",
      async (store) => {
        await store.transaction(async (tx) => {
          await assert.rejects(
            tx.create(groups, {
              attributes: { displayName: "G", externalId: "g" },
              members: [{ value: "missing", type: "User" }],
            }),
            { status: 400 },
          );
          await tx.create(groups, { attributes: { displayName: "G", externalId: "g" } });
        });
        assert.equal((await idsOf(store, groups)).length, 1);
      },
      ["transactions"],
    );

    h.test(
      "other requests neither see uncommitted writes nor interleave with an open transaction",
      async (store) => {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let created = "";
        const open = store.transaction(async (tx) => {
          created = (await tx.create(users, { attributes: { userName: "inside" } })).id;
          await gate;
        });
        await tick();
        // A read either runs on the last committed state or waits; it never sees "inside".
        const read = store.get(users, created, { members: false });
        const outsideWrite = store.create(users, { attributes: { userName: "inside" } });
        const raced = await Promise.race([read, tick(20).then(() => "pending" as const)]);
        assert.ok(raced === undefined || raced === "pending", "an uncommitted entry was visible");
        release();
        await open;
        // The outside write ran after the commit, so it met the committed userName.
        await assert.rejects(outsideWrite, { status: 409 });
        const after = await read;
        assert.ok(after === undefined || after.id === created);
      },
      ["transactions"],
    );

    h.test(
      "a transaction's store cannot be used after it ends",
      async (store) => {
        let leaked: typeof store | undefined;
        await store.transaction(async (tx) => {
          leaked = tx;
        });
        await assert.rejects(async () => leaked?.create(users, { attributes: { userName: "late" } }));
        assert.deepEqual(await idsOf(store, users), []);
      },
      ["transactions"],
    );

    h.test("each method is atomic on its own: a refused update changes nothing", async (store) => {
      const g = await store.create(groups, { attributes: { displayName: "G" } });
      await assert.rejects(
        store.update(groups, g.id, {
          attributes: { displayName: "Renamed" },
          members: { add: [{ value: "missing", type: "User" }], remove: [] },
        }),
        { status: 400, scimType: "invalidValue" },
      );
      assert.deepEqual(await store.get(groups, g.id, { members: false }), g);
      assert.deepEqual(
        await idsOf(store, groups, { kind: "compare", attr: a.displayName, op: "eq", value: "Renamed" }),
        [],
      );
    });
  });

  describe("settings", () => {
    h.test("returns undefined for an unknown key and round-trips JSON values", async (store) => {
      assert.equal(await store.getSetting("auth.builtin-token"), undefined);
      const values = ["text", 42, true, null, ["a", 1], { hash: "abc", nested: { list: [1, 2] } }] as const;
      for (const [i, value] of values.entries()) {
        await store.putSetting(`k${i}`, value);
        assert.deepEqual(await store.getSetting(`k${i}`), value);
      }
      await store.putSetting("k0", "replaced");
      assert.equal(await store.getSetting("k0"), "replaced");
    });
  });
}
