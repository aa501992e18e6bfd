// Groups and membership over HTTP (RFC 7643 §4.2 members, §4.1.2 the derived user.groups): display and
// $ref filled in by the server, nested groups, unknown members refused, memberships removed with the
// member, and projection pushed down so that an excluded `members` is never loaded (issue "Groups at
// scale"; server-anchors.md §3.5: WSO2 #8498, UAA #824) — proven by a datastore spy.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Datastore } from "../datastore/datastore.js";
import { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import {
  createGroup,
  createUser,
  groupBody,
  type Json,
  patchBody,
  startTestServer,
  type TestServer,
} from "./http-test-support.js";

interface Call {
  readonly method: string;
  readonly resourceType: string;
  readonly members: boolean | undefined;
}

/** Records which reads asked the datastore for members, and how often `groupsOf` ran; also the reads
 *  made on a transaction's store (PUT and PATCH read the entry inside one). */
function spyOn(store: Datastore, calls: Call[] = []): { store: Datastore; calls: Call[] } {
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const scope = args[0] as { resourceType?: string } | undefined;
        if (prop === "get")
          calls.push({
            method: "get",
            resourceType: scope?.resourceType ?? "",
            members: (args[2] as { members: boolean }).members,
          });
        if (prop === "query")
          calls.push({
            method: "query",
            resourceType: scope?.resourceType ?? "",
            members: (args[1] as { members: boolean }).members,
          });
        if (prop === "groupsOf")
          calls.push({ method: "groupsOf", resourceType: scope?.resourceType ?? "", members: undefined });
        if (prop === "transaction") {
          const work = args[0] as (tx: Datastore) => Promise<unknown>;
          return target.transaction((tx) => work(spyOn(tx, calls).store));
        }
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

let server: TestServer;
let calls: Call[];
before(async () => {
  const spy = spyOn(new MemoryDatastore());
  calls = spy.calls;
  server = await startTestServer({ datastore: spy.store });
});
after(() => server.close());

const memberIds = (group: Json) => ((group.members as Json[] | undefined) ?? []).map((m) => m.value);

describe("members and groups", () => {
  it("creates a group with user and group members, typed by the server when the client omits type", async () => {
    const alice = await createUser(server, "alice", { displayName: "Alice A." });
    const inner = await createGroup(server, "Inner", [String(alice.id)]);
    const outer = await createGroup(server, "Outer", [String(inner.id)]);
    assert.deepEqual(outer.members, [
      { value: inner.id, $ref: `${server.url}/Groups/${inner.id}`, display: "Inner", type: "Group" },
    ]);
    assert.deepEqual((inner.members as Json[])[0], {
      value: alice.id,
      $ref: `${server.url}/Users/${alice.id}`,
      display: "Alice A.",
      type: "User",
    });
    const user = await server.json(`/Users/${alice.id}`, 200);
    const groups = (user.groups as Json[]).map((g) => [g.display, g.type]);
    assert.deepEqual(
      groups,
      [
        ["Inner", "direct"],
        ["Outer", "indirect"],
      ],
      "user.groups is derived, direct and through nesting (RFC 7643 §4.1.2)",
    );
  });

  it("refuses an unknown member id with 400 invalidValue", async () => {
    const response = await server.request("/Groups", {
      method: "POST",
      json: groupBody("Broken", ["no-such-id"]),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).scimType, "invalidValue");
  });

  it("ignores groups sent by a client: the attribute is readOnly (RFC 7643 §4.1.2)", async () => {
    const group = await createGroup(server, "Not mine");
    const user = await createUser(server, "claimer", { groups: [{ value: group.id }] });
    assert.equal(user.groups, undefined);
  });

  it("removes a deleted user from every group", async () => {
    const user = await createUser(server, "departing");
    const group = await createGroup(server, "Left behind", [String(user.id)]);
    await server.json(`/Users/${user.id}`, 204, { method: "DELETE" });
    assert.deepEqual(memberIds(await server.json(`/Groups/${group.id}`, 200)), []);
  });
});

describe("projection pushdown (RFC 7644 §3.9)", () => {
  let group: Json;
  before(async () => {
    const users = await Promise.all(["p1", "p2", "p3"].map((n) => createUser(server, n)));
    group = await createGroup(
      server,
      "Pushdown",
      users.map((u) => String(u.id)),
    );
  });

  const cases: [string, { path: string; method: "get" | "query"; members: boolean }][] = [
    [
      "GET a group with excludedAttributes=members never loads members",
      { path: "excludedAttributes=members", method: "get", members: false },
    ],
    [
      "GET a group with attributes=displayName never loads members",
      { path: "attributes=displayName", method: "get", members: false },
    ],
    ["GET a group by default loads members", { path: "", method: "get", members: true }],
  ];
  for (const [name, { path, method, members }] of cases) {
    it(name, async () => {
      calls.length = 0;
      const body = await server.json(`/Groups/${group.id}?${path}`, 200);
      const read = calls.find((c) => c.method === method && c.resourceType === "Group");
      assert.equal(read?.members, members);
      assert.equal("members" in body, members);
    });
  }

  it("lists groups with excludedAttributes=members without loading any member", async () => {
    calls.length = 0;
    const body = await server.json("/Groups?excludedAttributes=members", 200);
    assert.ok((body.Resources as Json[]).length > 0);
    assert.deepEqual(
      calls.filter((c) => c.method === "query").map((c) => c.members),
      [false],
    );
  });

  it("computes user.groups only when the response shows it", async () => {
    const user = await createUser(server, "lonely");
    calls.length = 0;
    await server.json(`/Users/${user.id}?excludedAttributes=groups`, 200);
    assert.equal(calls.filter((c) => c.method === "groupsOf").length, 0);
    await server.json(`/Users/${user.id}`, 200);
    assert.equal(calls.filter((c) => c.method === "groupsOf").length, 1);
  });

  it("PATCHes a member in without loading the member list (O(changed members))", async () => {
    const newcomer = await createUser(server, "newcomer");
    calls.length = 0;
    await server.json(`/Groups/${group.id}?excludedAttributes=members`, 200, {
      method: "PATCH",
      json: patchBody({ op: "add", path: "members", value: [{ value: newcomer.id, type: "User" }] }),
    });
    const groupReads = calls.filter((c) => c.resourceType === "Group" && c.method === "get");
    assert.ok(groupReads.length > 0);
    assert.ok(
      groupReads.every((c) => c.members === false),
      JSON.stringify(groupReads),
    );
    assert.equal(memberIds(await server.json(`/Groups/${group.id}`, 200)).length, 4);
  });
});
