// Contract: group membership (RFC 7643 §4.2 `members`, §4.1.2 user `groups`; RFC 7644 §3.5.2 PATCH of
// members). Members are engine-owned, as PingFederate keeps group membership out of attribute mappings.
import assert from "node:assert/strict";
import { describe } from "node:test";
import type { Datastore } from "../datastore.js";
import { groups, users } from "./contract-fixtures.js";
import type { ContractHarness } from "./contract-harness.js";

async function membersOf(store: Datastore, groupId: string) {
  return (await store.get(groups, groupId, { members: true }))?.members;
}

const user = (value: string) => ({ value, type: "User" });
const group = (value: string) => ({ value, type: "Group" });

export function membershipContract(h: ContractHarness): void {
  describe("members", () => {
    h.test("members are listed with value, type and display, only when asked for", async (store) => {
      const named = await store.create(users, { attributes: { userName: "bjensen", displayName: "Babs" } });
      const plain = await store.create(users, { attributes: { userName: "jsmith" } });
      const bare = await store.create(users, { attributes: { userName: "" } });
      const inner = await store.create(groups, { attributes: { displayName: "Inner" } });
      const created = await store.create(groups, {
        attributes: { displayName: "Outer" },
        members: [user(named.id), user(plain.id), user(bare.id), group(inner.id)],
      });
      assert.equal(created.members, undefined, "create never loads members");
      assert.equal((await store.get(groups, created.id, { members: false }))?.members, undefined);
      // RFC 7643 §4.2: display from the member's displayName, else its userName.
      assert.deepEqual(await membersOf(store, created.id), [
        { value: named.id, type: "User", display: "Babs" },
        { value: plain.id, type: "User", display: "jsmith" },
        { value: bare.id, type: "User", display: undefined },
        { value: inner.id, type: "Group", display: "Inner" },
      ]);
      assert.deepEqual(await membersOf(store, inner.id), []);
      assert.equal((await store.get(users, named.id, { members: true }))?.members, undefined);
    });

    h.test("a member's display follows its current attributes", async (store) => {
      const u = await store.create(users, { attributes: { userName: "bjensen" } });
      const g = await store.create(groups, { attributes: { displayName: "G" }, members: [user(u.id)] });
      await store.update(users, u.id, { attributes: { userName: "bjensen", displayName: "Babs" } });
      assert.deepEqual(await membersOf(store, g.id), [{ value: u.id, type: "User", display: "Babs" }]);
    });

    h.test("add is idempotent, removing an absent member is fine (RFC 7644 §3.5.2.2)", async (store) => {
      const [u1, u2] = [
        await store.create(users, { attributes: { userName: "one" } }),
        await store.create(users, { attributes: { userName: "two" } }),
      ];
      const g = await store.create(groups, {
        attributes: { displayName: "G" },
        members: [user(u1.id), user(u1.id)],
      });
      await store.update(groups, g.id, {
        members: { add: [user(u1.id), user(u2.id)], remove: ["absent", u2.id] },
      });
      assert.deepEqual(
        (await membersOf(store, g.id))?.map((m) => m.value),
        [u1.id],
      );
    });

    h.test("replaceAll replaces the list first, then add and remove apply", async (store) => {
      const [u1, u2, u3] = [
        await store.create(users, { attributes: { userName: "one" } }),
        await store.create(users, { attributes: { userName: "two" } }),
        await store.create(users, { attributes: { userName: "three" } }),
      ];
      const g = await store.create(groups, {
        attributes: { displayName: "G" },
        members: [user(u1.id), user(u2.id)],
      });
      await store.update(groups, g.id, {
        members: { replaceAll: [user(u2.id), user(u3.id)], add: [], remove: [u3.id] },
      });
      assert.deepEqual(
        (await membersOf(store, g.id))?.map((m) => m.value),
        [u2.id],
      );
      await store.update(groups, g.id, { members: { replaceAll: [], add: [], remove: [] } });
      assert.deepEqual(await membersOf(store, g.id), []);
    });

    h.test(
      "a member that does not exist, or is not of its stated type, is 400 invalidValue",
      async (store) => {
        const u = await store.create(users, { attributes: { userName: "one" } });
        const g = await store.create(groups, { attributes: { displayName: "G" }, members: [user(u.id)] });
        for (const ref of [user("no-such-id"), group(u.id), { value: u.id, type: "Device" }]) {
          await assert.rejects(
            store.update(groups, g.id, { members: { add: [ref], remove: [] } }),
            (error: unknown) => {
              const e = error as { status?: number; scimType?: string; detail?: string };
              assert.equal(e.status, 400);
              assert.equal(e.scimType, "invalidValue");
              assert.ok(e.detail?.includes(ref.value), `the detail names the member: ${e.detail}`);
              return true;
            },
          );
        }
        const after = await store.get(groups, g.id, { members: true });
        assert.equal(after?.meta.version, 1, "a refused change leaves the group untouched");
        assert.deepEqual(
          after?.members?.map((m) => m.value),
          [u.id],
        );
        await assert.rejects(
          store.create(groups, {
            attributes: { displayName: "H", externalId: "h" },
            members: [user("no-such-id")],
          }),
          { status: 400, scimType: "invalidValue" },
        );
        // The refused create left nothing behind: its unique externalId is still free.
        await store.create(groups, { attributes: { displayName: "H", externalId: "h" } });
      },
    );

    h.test("members on a resource type without members is 400 invalidValue", async (store) => {
      const u = await store.create(users, { attributes: { userName: "one" } });
      await assert.rejects(store.create(users, { attributes: { userName: "two" }, members: [user(u.id)] }), {
        status: 400,
        scimType: "invalidValue",
      });
      await assert.rejects(store.update(users, u.id, { members: { add: [user(u.id)], remove: [] } }), {
        status: 400,
        scimType: "invalidValue",
      });
    });

    h.test("deleting an entry removes its memberships, as member and as group", async (store) => {
      const u = await store.create(users, { attributes: { userName: "one" } });
      const inner = await store.create(groups, {
        attributes: { displayName: "Inner" },
        members: [user(u.id)],
      });
      const outer = await store.create(groups, {
        attributes: { displayName: "Outer" },
        members: [user(u.id), group(inner.id)],
      });
      await store.delete(users, u.id, "delete");
      assert.deepEqual(
        (await membersOf(store, outer.id))?.map((m) => m.value),
        [inner.id],
      );
      assert.deepEqual(await membersOf(store, inner.id), []);
      const again = await store.create(users, { attributes: { userName: "two" } });
      await store.update(groups, inner.id, { members: { add: [user(again.id)], remove: [] } });
      await store.delete(groups, inner.id, "delete");
      assert.deepEqual(await membersOf(store, outer.id), []);
      assert.deepEqual(await store.groupsOf(users, again.id), []);
    });
  });

  describe("groupsOf", () => {
    h.test("lists direct and indirect groups, each once (RFC 7643 §4.1.2)", async (store) => {
      const u = await store.create(users, { attributes: { userName: "one" } });
      const team = await store.create(groups, { attributes: { displayName: "Team" }, members: [user(u.id)] });
      const dept = await store.create(groups, {
        attributes: { displayName: "Dept" },
        members: [group(team.id)],
      });
      const org = await store.create(groups, {
        attributes: { displayName: "Org" },
        members: [group(dept.id), user(u.id)],
      });
      await store.create(groups, { attributes: { displayName: "Other" } });
      const refs = await store.groupsOf(users, u.id);
      const byId = new Map(refs.map((r) => [r.value, r]));
      assert.equal(refs.length, 3);
      assert.deepEqual(byId.get(team.id), { value: team.id, display: "Team", type: "direct" });
      assert.deepEqual(byId.get(dept.id), { value: dept.id, display: "Dept", type: "indirect" });
      assert.deepEqual(byId.get(org.id), { value: org.id, display: "Org", type: "direct" });
      assert.deepEqual(
        (await store.groupsOf(groups, team.id)).map((r) => [r.value, r.type]).sort(),
        [
          [dept.id, "direct"],
          [org.id, "indirect"],
        ].sort(),
      );
    });

    h.test("nested groups that form a cycle terminate", async (store) => {
      const u = await store.create(users, { attributes: { userName: "one" } });
      const g1 = await store.create(groups, { attributes: { displayName: "G1" }, members: [user(u.id)] });
      const g2 = await store.create(groups, { attributes: { displayName: "G2" }, members: [group(g1.id)] });
      await store.update(groups, g1.id, { members: { add: [group(g2.id), group(g1.id)], remove: [] } });
      const refs = await store.groupsOf(users, u.id);
      assert.deepEqual(
        refs.map((r) => [r.value, r.type]).sort(),
        [
          [g1.id, "direct"],
          [g2.id, "indirect"],
        ].sort(),
      );
      assert.deepEqual(
        (await store.groupsOf(groups, g1.id)).map((r) => [r.value, r.type]).sort(),
        [
          [g1.id, "direct"],
          [g2.id, "direct"],
        ].sort(),
      );
    });

    h.test("an unknown or entry-less member has no groups", async (store) => {
      assert.deepEqual(await store.groupsOf(users, "missing"), []);
      const u = await store.create(users, { attributes: { userName: "one" } });
      assert.deepEqual(await store.groupsOf(users, u.id), []);
    });
  });
}
