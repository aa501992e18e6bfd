// Contract: create, get, update, delete, password hashes and tenant isolation (datastore.ts; RFC 7644 §3.3,
// §3.4.1, §3.5.1, §3.6; PingFederate connections never see each other's data).
import assert from "node:assert/strict";
import { describe } from "node:test";
import { a, everything, groups, idsOf, otherGroups, otherUsers, users } from "./contract-fixtures.js";
import type { ContractHarness } from "./contract-harness.js";

export function crudContract(h: ContractHarness): void {
  describe("create, get, update, delete", () => {
    h.test(
      "create returns the entry with a new id, version 1 and created equal to lastModified",
      async (store) => {
        const created = await store.create(users, { attributes: { userName: "bjensen", title: "Guide" } });
        assert.match(created.id, /^[0-9a-f-]{8,}$/);
        assert.equal(created.resourceType, "User");
        assert.deepEqual(created.attributes, { userName: "bjensen", title: "Guide" });
        assert.equal(created.meta.version, 1);
        assert.equal(created.meta.created, created.meta.lastModified);
        assert.ok(!Number.isNaN(Date.parse(created.meta.created)));
        assert.equal(created.members, undefined);
        const other = await store.create(users, { attributes: { userName: "other" } });
        assert.notEqual(other.id, created.id);
      },
    );

    h.test("get returns what was stored, and undefined for an unknown id", async (store) => {
      const attributes = {
        userName: "bjensen",
        emails: [{ value: "b@example.com", type: "work", primary: true }],
        name: { givenName: "Barbara" },
        age: 42,
        score: 1.5,
        active: false,
        tags: ["x", "y"],
        [a.employeeNumber.name]: "E-1",
      };
      const created = await store.create(users, { attributes });
      const got = await store.get(users, created.id, { members: false });
      assert.deepEqual(got, created);
      assert.deepEqual(got?.attributes, attributes);
      assert.equal(await store.get(users, "no-such-id", { members: false }), undefined);
    });

    h.test("an entry belongs to its resource type: a User id is unknown to Groups", async (store) => {
      const user = await store.create(users, { attributes: { userName: "bjensen" } });
      assert.equal(await store.get(groups, user.id, { members: false }), undefined);
      await assert.rejects(store.update(groups, user.id, { attributes: {} }), { status: 404 });
      await assert.rejects(store.delete(groups, user.id, "delete"), { status: 404 });
    });

    h.test(
      "stored attributes are copies: changing the caller's object afterwards changes nothing",
      async (store) => {
        const attributes = { userName: "bjensen", emails: [{ value: "b@example.com" }] };
        const created = await store.create(users, { attributes });
        attributes.emails[0] = { value: "changed@example.com" };
        const got = await store.get(users, created.id, { members: false });
        assert.deepEqual(got?.attributes, { userName: "bjensen", emails: [{ value: "b@example.com" }] });
      },
    );

    h.test("update replaces the attributes, increments the version and moves lastModified", async (store) => {
      const created = await store.create(users, { attributes: { userName: "bjensen", title: "Guide" } });
      const updated = await store.update(users, created.id, {
        attributes: { userName: "bjensen", nickName: "Babs" },
      });
      assert.deepEqual(updated.attributes, { userName: "bjensen", nickName: "Babs" });
      assert.equal(updated.meta.version, 2);
      assert.equal(updated.meta.created, created.meta.created);
      assert.ok(updated.meta.lastModified >= created.meta.lastModified);
      assert.deepEqual(await store.get(users, created.id, { members: false }), updated);
    });

    h.test("update without attributes keeps them and still increments the version", async (store) => {
      const created = await store.create(users, { attributes: { userName: "bjensen" } });
      const updated = await store.update(users, created.id, {});
      assert.deepEqual(updated.attributes, created.attributes);
      assert.equal(updated.meta.version, 2);
    });

    h.test("update and delete of an unknown id reject with 404", async (store) => {
      await assert.rejects(store.update(users, "missing", { attributes: { userName: "x" } }), {
        status: 404,
      });
      await assert.rejects(store.delete(users, "missing", "delete"), { status: 404 });
      await assert.rejects(store.delete(users, "missing", "disable"), { status: 404 });
    });

    h.test("delete removes the entry from get, update, delete and query (RFC 7644 §3.6)", async (store) => {
      const kept = await store.create(users, { attributes: { userName: "kept" } });
      const gone = await store.create(users, { attributes: { userName: "gone" } });
      await store.delete(users, gone.id, "delete");
      assert.equal(await store.get(users, gone.id, { members: false }), undefined);
      await assert.rejects(store.update(users, gone.id, {}), { status: 404 });
      await assert.rejects(store.delete(users, gone.id, "delete"), { status: 404 });
      assert.deepEqual(await idsOf(store, users), [kept.id]);
    });

    h.test("disable hides the entry everywhere, like a delete (PingFederate DISABLE_USER)", async (store) => {
      const user = await store.create(users, { attributes: { userName: "bjensen" }, passwordHash: "h" });
      const group = await store.create(groups, {
        attributes: { displayName: "G" },
        members: [{ value: user.id, type: "User" }],
      });
      await store.delete(users, user.id, "disable");
      assert.equal(await store.get(users, user.id, { members: false }), undefined);
      assert.equal(await store.getPasswordHash(users, user.id), undefined);
      await assert.rejects(store.update(users, user.id, {}), { status: 404 });
      await assert.rejects(store.delete(users, user.id, "disable"), { status: 404 });
      assert.deepEqual(await idsOf(store, users), []);
      assert.deepEqual((await store.get(groups, group.id, { members: true }))?.members, []);
    });

    h.test("password hashes are kept apart from attributes: set, kept, replaced, cleared", async (store) => {
      const created = await store.create(users, {
        attributes: { userName: "bjensen" },
        passwordHash: "hash-1",
      });
      assert.equal(await store.getPasswordHash(users, created.id), "hash-1");
      assert.deepEqual(created.attributes, { userName: "bjensen" });
      await store.update(users, created.id, { attributes: { userName: "bjensen", title: "x" } });
      assert.equal(await store.getPasswordHash(users, created.id), "hash-1");
      await store.update(users, created.id, { passwordHash: "hash-2" });
      assert.equal(await store.getPasswordHash(users, created.id), "hash-2");
      await store.update(users, created.id, { passwordHash: null });
      assert.equal(await store.getPasswordHash(users, created.id), undefined);
      const none = await store.create(users, { attributes: { userName: "nopass" } });
      assert.equal(await store.getPasswordHash(users, none.id), undefined);
      assert.equal(await store.getPasswordHash(users, "missing"), undefined);
    });
  });

  describe("tenant isolation", () => {
    h.test(
      "an entry is invisible from another connection: get, update, delete, query, groupsOf",
      async (store) => {
        const user = await store.create(users, { attributes: { userName: "bjensen" } });
        const group = await store.create(groups, {
          attributes: { displayName: "G" },
          members: [{ value: user.id, type: "User" }],
        });
        assert.equal(await store.get(otherUsers, user.id, { members: false }), undefined);
        assert.equal(await store.get(otherGroups, group.id, { members: true }), undefined);
        assert.equal(await store.getPasswordHash(otherUsers, user.id), undefined);
        await assert.rejects(store.update(otherUsers, user.id, {}), { status: 404 });
        await assert.rejects(store.delete(otherUsers, user.id, "delete"), { status: 404 });
        assert.deepEqual(await idsOf(store, otherUsers), []);
        assert.deepEqual(
          await idsOf(store, otherUsers, { kind: "compare", attr: a.userName, op: "eq", value: "bjensen" }),
          [],
        );
        assert.deepEqual(await store.groupsOf(otherUsers, user.id), []);
        assert.equal((await store.query(otherGroups, everything(undefined, true))).total, 0);
      },
    );

    h.test("the same unique value may exist once in each connection", async (store) => {
      const one = await store.create(users, { attributes: { userName: "bjensen" } });
      const two = await store.create(otherUsers, { attributes: { userName: "BJENSEN" } });
      assert.deepEqual(
        await idsOf(store, users, { kind: "compare", attr: a.userName, op: "eq", value: "bjensen" }),
        [one.id],
      );
      assert.deepEqual(
        await idsOf(store, otherUsers, { kind: "compare", attr: a.userName, op: "eq", value: "bjensen" }),
        [two.id],
      );
    });

    h.test("a member from another connection is refused with 400 invalidValue", async (store) => {
      const stranger = await store.create(otherUsers, { attributes: { userName: "stranger" } });
      await assert.rejects(
        store.create(groups, {
          attributes: { displayName: "G" },
          members: [{ value: stranger.id, type: "User" }],
        }),
        { status: 400, scimType: "invalidValue" },
      );
      const group = await store.create(groups, { attributes: { displayName: "G" } });
      await assert.rejects(
        store.update(groups, group.id, {
          members: { add: [{ value: stranger.id, type: "User" }], remove: [] },
        }),
        { status: 400, scimType: "invalidValue" },
      );
    });
  });
}
