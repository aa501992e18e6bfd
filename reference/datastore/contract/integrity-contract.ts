// Contract: uniqueness (RFC 7643 §2.2, §4.1.1: userName is unique and case-insensitive) and versions with
// optimistic concurrency (RFC 7644 §3.14: If-Match → 412). Every rejected write leaves nothing behind.
import assert from "node:assert/strict";
import { describe } from "node:test";
import { a, groups, idsOf, users } from "./contract-fixtures.js";
import type { ContractHarness } from "./contract-harness.js";

export function integrityContract(h: ContractHarness): void {
  describe("uniqueness", () => {
    h.test("a duplicate userName is 409 uniqueness, whatever its case (RFC 7643 §4.1.1)", async (store) => {
      await store.create(users, { attributes: { userName: "BJensen" } });
      for (const userName of ["BJensen", "bjensen", "BJENSEN"]) {
        await assert.rejects(store.create(users, { attributes: { userName } }), (error: unknown) => {
          const e = error as { status?: number; scimType?: string; detail?: string };
          assert.equal(e.status, 409);
          assert.equal(e.scimType, "uniqueness");
          assert.match(e.detail ?? "", /userName/);
          return true;
        });
      }
      assert.equal((await idsOf(store, users)).length, 1);
    });

    h.test("a case-exact unique attribute allows values that differ only in case", async (store) => {
      await store.create(groups, { attributes: { displayName: "one", externalId: "G-1" } });
      await store.create(groups, { attributes: { displayName: "two", externalId: "g-1" } });
      await assert.rejects(
        store.create(groups, { attributes: { displayName: "three", externalId: "G-1" } }),
        {
          status: 409,
          scimType: "uniqueness",
        },
      );
    });

    h.test("an update to a taken value is 409 and leaves the entry as it was", async (store) => {
      await store.create(users, { attributes: { userName: "taken" } });
      const mine = await store.create(users, { attributes: { userName: "mine", title: "t" } });
      await assert.rejects(store.update(users, mine.id, { attributes: { userName: "TAKEN" } }), {
        status: 409,
        scimType: "uniqueness",
      });
      assert.deepEqual(await store.get(users, mine.id, { members: false }), mine);
      assert.deepEqual(
        await idsOf(store, users, { kind: "compare", attr: a.userName, op: "eq", value: "mine" }),
        [mine.id],
      );
    });

    h.test("an entry may keep or re-case its own unique value", async (store) => {
      const mine = await store.create(users, { attributes: { userName: "mine" } });
      await store.update(users, mine.id, { attributes: { userName: "mine", title: "x" } });
      const recased = await store.update(users, mine.id, { attributes: { userName: "MINE" } });
      assert.equal(recased.attributes.userName, "MINE");
    });

    h.test("entries without the unique attribute never collide", async (store) => {
      await store.create(groups, { attributes: { displayName: "one" } });
      await store.create(groups, { attributes: { displayName: "two" } });
      assert.equal((await idsOf(store, groups)).length, 2);
    });

    h.test("a value freed by rename, delete or disable can be taken again", async (store) => {
      const renamed = await store.create(users, { attributes: { userName: "first" } });
      await store.update(users, renamed.id, { attributes: { userName: "renamed" } });
      await store.create(users, { attributes: { userName: "first" } });
      const deleted = await store.create(users, { attributes: { userName: "second" } });
      await store.delete(users, deleted.id, "delete");
      await store.create(users, { attributes: { userName: "SECOND" } });
      // PingFederate DISABLE_USER: re-creating the same userName is allowed, with a new id.
      const disabled = await store.create(users, { attributes: { userName: "third" } });
      await store.delete(users, disabled.id, "disable");
      const again = await store.create(users, { attributes: { userName: "third" } });
      assert.notEqual(again.id, disabled.id);
    });
  });

  describe("versions and If-Match", () => {
    h.test(
      "ifVersion equal to the current version succeeds; a mismatch is 412 and changes nothing",
      async (store) => {
        const created = await store.create(users, { attributes: { userName: "bjensen" } });
        await assert.rejects(
          store.update(users, created.id, { attributes: { userName: "x" } }, { ifVersion: 2 }),
          {
            status: 412,
          },
        );
        assert.deepEqual(await store.get(users, created.id, { members: false }), created);
        const updated = await store.update(
          users,
          created.id,
          { attributes: { userName: "y" } },
          { ifVersion: 1 },
        );
        assert.equal(updated.meta.version, 2);
        await assert.rejects(store.delete(users, created.id, "delete", { ifVersion: 1 }), { status: 412 });
        assert.notEqual(await store.get(users, created.id, { members: false }), undefined);
        await store.delete(users, created.id, "delete", { ifVersion: 2 });
        assert.equal(await store.get(users, created.id, { members: false }), undefined);
      },
    );

    h.test("an unknown id is 404 even with ifVersion", async (store) => {
      await assert.rejects(store.update(users, "missing", {}, { ifVersion: 1 }), { status: 404 });
      await assert.rejects(store.delete(users, "missing", "delete", { ifVersion: 1 }), { status: 404 });
    });

    h.test("every update increments the version by one, membership changes included", async (store) => {
      const user = await store.create(users, { attributes: { userName: "u" } });
      const group = await store.create(groups, { attributes: { displayName: "G" } });
      const add = await store.update(groups, group.id, {
        members: { add: [{ value: user.id, type: "User" }], remove: [] },
      });
      assert.equal(add.meta.version, 2);
      const remove = await store.update(groups, group.id, { members: { add: [], remove: [user.id] } });
      assert.equal(remove.meta.version, 3);
      const fetched = await store.get(groups, group.id, { members: false });
      assert.equal(fetched?.meta.version, 3);
    });

    h.test("deleting a member increments the version of each group that listed it", async (store) => {
      const user = await store.create(users, { attributes: { userName: "u" } });
      const group = await store.create(groups, {
        attributes: { displayName: "G" },
        members: [{ value: user.id, type: "User" }],
      });
      const untouched = await store.create(groups, { attributes: { displayName: "H" } });
      await store.delete(users, user.id, "delete");
      assert.equal(
        (await store.get(groups, group.id, { members: false }))?.meta.version,
        group.meta.version + 1,
      );
      assert.equal((await store.get(groups, untouched.id, { members: false }))?.meta.version, 1);
    });
  });
}
