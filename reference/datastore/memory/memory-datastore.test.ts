import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConnectionPlan, Scope, StoreAttribute } from "../datastore.js";
import { MemoryDatastore } from "./memory-datastore.js";

const userName: StoreAttribute = {
  source: "entry",
  name: "userName",
  subPath: undefined,
  type: "string",
  caseExact: false,
  multiValued: false,
};
const connection: ConnectionPlan = {
  connectionId: "c1",
  resourceTypes: {
    User: { indexed: [userName], unique: [userName], hasMembers: false, displayAttributes: ["userName"] },
    Group: { indexed: [], unique: [], hasMembers: true, displayAttributes: ["displayName"] },
  },
};
const users: Scope = { connection, resourceType: "User" };
const groups: Scope = { connection, resourceType: "Group" };

describe("MemoryDatastore", () => {
  it("creates, finds by a case-insensitive filter and lists members with their display", async () => {
    const store = new MemoryDatastore();
    const user = await store.create(users, { attributes: { userName: "BJensen" } });
    const group = await store.create(groups, {
      attributes: { displayName: "Admins" },
      members: [{ value: user.id, type: "User" }],
    });
    const found = await store.query(users, {
      filter: { kind: "compare", attr: userName, op: "eq", value: "bjensen" },
      sort: undefined,
      page: { kind: "index", startIndex: 1, count: 10 },
      members: false,
    });
    assert.deepEqual(
      found.entries.map((e) => e.id),
      [user.id],
    );
    const loaded = await store.get(groups, group.id, { members: true });
    assert.deepEqual(loaded?.members, [{ value: user.id, type: "User", display: "BJensen" }]);
    await assert.rejects(store.create(users, { attributes: { userName: "bjensen" } }), { status: 409 });
  });
});
