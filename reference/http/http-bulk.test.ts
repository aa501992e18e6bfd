// Bulk over HTTP (RFC 7644 §3.7): the RFC's examples (bulkId references §3.7.2, circular references
// §3.7.1, failOnErrors and error responses §3.7.3), limits (§3.7.4), savepoint atomicity per operation,
// and method validation.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  createUser,
  enterpriseUrn,
  groupUrn,
  type Json,
  metaOf,
  patchUrn,
  startTestServer,
  type TestServer,
  userUrn,
} from "./http-test-support.js";

const bulkUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
let server: TestServer;
before(async () => {
  server = await startTestServer({
    provisioning: { limits: { bulkMaxOperations: 10, bulkMaxPayloadSize: 64 * 1024 } },
  });
});
after(() => server.close());

const bulk = async (operations: Json[], extra: Json = {}) => {
  const body = await server.json("/Bulk", 200, {
    method: "POST",
    json: { schemas: [bulkUrn], Operations: operations, ...extra },
  });
  assert.deepEqual(body.schemas, ["urn:ietf:params:scim:api:messages:2.0:BulkResponse"]);
  return body.Operations as Json[];
};

describe("bulkId references (RFC 7644 §3.7.2)", () => {
  it("creates Alice and a group holding her, answering the §3.7.2 response shape", async () => {
    const ops = await bulk([
      { method: "POST", path: "/Users", bulkId: "qwerty", data: { schemas: [userUrn], userName: "Alice" } },
      {
        method: "POST",
        path: "/Groups",
        bulkId: "ytrewq",
        data: {
          schemas: [groupUrn],
          displayName: "Tour Guides",
          members: [{ type: "User", value: "bulkId:qwerty" }],
        },
      },
    ]);
    assert.deepEqual(
      ops.map((o) => [o.method, o.bulkId, o.status]),
      [
        ["POST", "qwerty", "201"],
        ["POST", "ytrewq", "201"],
      ],
    );
    const alice = await server.json(String(ops[0]?.location), 200);
    assert.equal(ops[0]?.version, metaOf(alice).version);
    const group = await server.json(String(ops[1]?.location), 200);
    assert.deepEqual(
      (group.members as Json[]).map((m) => m.value),
      [alice.id],
    );
  });

  it("resolves a reference in the enterprise manager and in a PATCH path", async () => {
    const ops = await bulk([
      {
        method: "POST",
        path: "/Users",
        bulkId: "bob",
        data: {
          schemas: [userUrn, enterpriseUrn],
          userName: "Bob",
          [enterpriseUrn]: { employeeNumber: "11250", manager: { value: "bulkId:boss" } },
        },
      },
      {
        method: "PATCH",
        path: "/Users/bulkId:bob",
        data: { schemas: [patchUrn], Operations: [{ op: "add", path: "nickName", value: "Bobby" }] },
      },
      { method: "POST", path: "/Users", bulkId: "boss", data: { schemas: [userUrn], userName: "Boss" } },
    ]);
    assert.deepEqual(
      ops.map((o) => o.status),
      ["201", "200", "201"],
      "reported in the client's order",
    );
    const bob = await server.json(String(ops[0]?.location), 200);
    const boss = await server.json(String(ops[2]?.location), 200);
    assert.equal((bob[enterpriseUrn] as { manager: Json }).manager.value, boss.id);
    assert.equal(bob.nickName, "Bobby");
  });

  it("fails an operation that refers to a bulkId nobody defines", async () => {
    const ops = await bulk([
      {
        method: "POST",
        path: "/Groups",
        bulkId: "g",
        data: { schemas: [groupUrn], displayName: "Dangling", members: [{ value: "bulkId:ghost" }] },
      },
    ]);
    assert.equal(ops[0]?.status, "400");
    assert.equal(ops[0]?.location, undefined, "a failed POST has no location (§3.7.3)");
    assert.equal((ops[0]?.response as Json | undefined)?.scimType, "invalidValue");
  });
});

describe("circular references (RFC 7644 §3.7.1)", () => {
  it("resolves the §3.7.1 example: two groups that are members of each other", async () => {
    const ops = await bulk([
      {
        method: "POST",
        path: "/Groups",
        bulkId: "qwerty",
        data: {
          schemas: [groupUrn],
          displayName: "Group A",
          members: [{ type: "Group", value: "bulkId:ytrewq" }],
        },
      },
      {
        method: "POST",
        path: "/Groups",
        bulkId: "ytrewq",
        data: {
          schemas: [groupUrn],
          displayName: "Group B",
          members: [{ type: "Group", value: "bulkId:qwerty" }],
        },
      },
    ]);
    assert.deepEqual(
      ops.map((o) => o.status),
      ["201", "201"],
    );
    const a = await server.json(String(ops[0]?.location), 200);
    const b = await server.json(String(ops[1]?.location), 200);
    assert.deepEqual(
      (a.members as Json[]).map((m) => m.value),
      [b.id],
    );
    assert.deepEqual(
      (b.members as Json[]).map((m) => m.value),
      [a.id],
    );
    const listed = await server.json(`/Groups?filter=${encodeURIComponent('displayName sw "Group"')}`, 200);
    assert.equal(listed.totalResults, 2);
  });

  it("answers 409 and leaves nothing behind when a cycle cannot be completed", async () => {
    const ops = await bulk([
      {
        method: "POST",
        path: "/Groups",
        bulkId: "c1",
        data: {
          schemas: [groupUrn],
          displayName: "Cycle 1",
          members: [{ type: "Group", value: "bulkId:c2" }],
        },
      },
      {
        method: "POST",
        path: "/Groups",
        bulkId: "c2",
        data: { schemas: [groupUrn], members: [{ type: "Group", value: "bulkId:c1" }] },
      },
    ]);
    assert.equal(ops[1]?.status, "400", "the invalid group fails in the first pass");
    assert.equal(ops[0]?.status, "409");
    const listed = await server.json(`/Groups?filter=${encodeURIComponent('displayName eq "Cycle 1"')}`, 200);
    assert.equal(listed.totalResults, 0);
  });
});

describe("errors and failOnErrors (RFC 7644 §3.7.3)", () => {
  it("continues past failures without failOnErrors and reports each with its error body", async () => {
    const existing = await createUser(server, "existing");
    const ops = await bulk([
      { method: "POST", path: "/Users", bulkId: "dup", data: { schemas: [userUrn], userName: "existing" } },
      {
        method: "PUT",
        path: `/Users/${existing.id}`,
        version: 'W/"9"',
        data: { schemas: [userUrn], userName: "existing" },
      },
      { method: "DELETE", path: "/Users/e9025315-6bea-44e1-899c-1e07454e468b" },
      { method: "POST", path: "/Users", bulkId: "ok", data: { schemas: [userUrn], userName: "fine" } },
    ]);
    assert.deepEqual(
      ops.map((o) => o.status),
      ["409", "412", "404", "201"],
    );
    assert.deepEqual((ops[0]?.response as Json | undefined)?.status, "409");
    assert.equal(ops[1]?.location, `${server.url}/Users/${existing.id}`);
    assert.equal(ops[2]?.location, `${server.url}/Users/e9025315-6bea-44e1-899c-1e07454e468b`);
  });

  it("stops after failOnErrors errors and reports only what ran", async () => {
    const ops = await bulk(
      [
        { method: "POST", path: "/Users", bulkId: "a", data: { schemas: [userUrn] } },
        { method: "POST", path: "/Users", bulkId: "b", data: { schemas: [userUrn], userName: "never-made" } },
      ],
      { failOnErrors: 1 },
    );
    assert.deepEqual(
      ops.map((o) => o.status),
      ["400"],
    );
    const listed = await server.json(`/Users?filter=${encodeURIComponent('userName eq "never-made"')}`, 200);
    assert.equal(listed.totalResults, 0);
  });

  it("keeps each operation atomic: a failed PATCH leaves its resource as it was", async () => {
    const user = await createUser(server, "atomic-bulk", { nickName: "kept" });
    const ops = await bulk([
      {
        method: "PATCH",
        path: `/Users/${user.id}`,
        data: {
          schemas: [patchUrn],
          Operations: [
            { op: "replace", path: "nickName", value: "lost" },
            { op: "remove", path: "userName" },
          ],
        },
      },
    ]);
    assert.equal(ops[0]?.status, "400");
    assert.equal((await server.json(`/Users/${user.id}`, 200)).nickName, "kept");
  });

  const malformed: [string, Json][] = [
    ["an unknown method", { method: "GET", path: "/Users" }],
    [
      "a POST without bulkId",
      { method: "POST", path: "/Users", data: { schemas: [userUrn], userName: "nobulk" } },
    ],
    [
      "a PUT without an id in its path",
      { method: "PUT", path: "/Users", data: { schemas: [userUrn], userName: "x" } },
    ],
  ];
  for (const [name, op] of malformed) {
    it(`fails ${name} with 400 invalidSyntax and runs the rest`, async () => {
      const ops = await bulk([op, { method: "DELETE", path: "/Users/none" }]);
      assert.equal(ops[0]?.status, "400");
      assert.equal((ops[0]?.response as Json | undefined)?.scimType, "invalidSyntax");
      assert.equal(ops[1]?.status, "404");
    });
  }
});

describe("limits (RFC 7644 §3.7.4)", () => {
  it("answers more operations than maxOperations with 413 naming the limit", async () => {
    const operations = Array.from({ length: 11 }, (_, i) => ({ method: "DELETE", path: `/Users/x${i}` }));
    const response = await server.request("/Bulk", {
      method: "POST",
      json: { schemas: [bulkUrn], Operations: operations },
    });
    assert.equal(response.status, 413);
    assert.match(String(((await response.json()) as Json).detail), /maxOperations \(10\)/);
  });

  it("answers a payload over maxPayloadSize with 413 naming the limit", async () => {
    const response = await server.request("/Bulk", {
      method: "POST",
      json: { schemas: [bulkUrn], Operations: [], padding: "x".repeat(70 * 1024) },
    });
    assert.equal(response.status, 413);
    assert.match(String(((await response.json()) as Json).detail), /maxPayloadSize \(65536\)/);
  });

  it("advertises the same limits in /ServiceProviderConfig", async () => {
    const spc = await server.json("/ServiceProviderConfig", 200);
    assert.deepEqual(spc.bulk, { supported: true, maxOperations: 10, maxPayloadSize: 65536 });
  });

  it("refuses a body without the BulkRequest schema with 400 invalidSyntax", async () => {
    const response = await server.request("/Bulk", { method: "POST", json: { Operations: [] } });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).scimType, "invalidSyntax");
  });
});
