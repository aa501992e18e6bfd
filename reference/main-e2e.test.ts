// The whole data path on the composition `npm start` runs — Koa, the pipeline, the direct mapping and
// embedded SQLite — replaying RFC 7644 examples: create (§3.3), filter (§3.4.2.2), PATCH members
// (§3.5.2), a cursor walk (RFC 9865), Bulk with bulkId and circular references (§3.7.1, §3.7.2) and
// DELETE (§3.6). The detailed behaviour is tested on the memory store in reference/http/; this file
// proves the SQLite adapter is wired and behaves the same through HTTP.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { type ReferenceServer, startReferenceServer } from "./main.js";

const token = "e2e-token";
let server: ReferenceServer;
before(async () => {
  server = await startReferenceServer({
    db: ":memory:",
    env: { SCIM_BEARER_TOKEN: token },
    logger: pino({ level: "silent" }),
    // The generated admin token would otherwise be printed on the test's stdout.
    announce: () => {},
  });
});
after(() => server.close());

type Json = Record<string, unknown>;
async function call(method: string, path: string, body?: unknown, status = 200): Promise<Json> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  assert.equal(response.status, status, `${method} ${path}: ${text}`);
  return text === "" ? {} : (JSON.parse(text) as Json);
}
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const groupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
const patchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const f = (filter: string) => `filter=${encodeURIComponent(filter)}`;

describe("the reference server on SQLite", () => {
  it("creates, finds, patches group membership and deletes", async () => {
    const babs = await call(
      "POST",
      "/Users",
      { schemas: [userUrn], userName: "bjensen", name: { givenName: "Barbara" } },
      201,
    );
    const found = await call("GET", `/Users?${f('userName eq "BJensen"')}`);
    assert.equal(found.totalResults, 1);
    const group = await call("POST", "/Groups", { schemas: [groupUrn], displayName: "Tour Guides" }, 201);
    const patched = await call("PATCH", `/Groups/${group.id}`, {
      schemas: [patchUrn],
      Operations: [{ op: "add", path: "members", value: [{ value: babs.id }] }],
    });
    assert.deepEqual(
      (patched.members as Json[]).map((m) => m.display),
      ["bjensen"],
    );
    const user = await call("GET", `/Users/${babs.id}`);
    assert.deepEqual(
      (user.groups as Json[]).map((g) => g.display),
      ["Tour Guides"],
    );
    const byMember = await call(
      "GET",
      `/Groups?${f(`members[value eq "${babs.id}"]`)}&excludedAttributes=members`,
    );
    assert.equal(byMember.totalResults, 1);
    await call("DELETE", `/Users/${babs.id}`, undefined, 204);
    await call("GET", `/Users/${babs.id}`, undefined, 404);
    assert.equal((await call("GET", `/Groups/${group.id}`)).members, undefined);
  });

  it("keeps the demo extension's badgeId immutable and its roomNumber for those who ask (RFC 7643 §7)", async () => {
    const demoUrn = "urn:ietf:params:scim:schemas:extension:demo:2.0:User";
    const body = (ext: Json) => ({ schemas: [userUrn, demoUrn], userName: "rroom", [demoUrn]: ext });
    const created = await call("POST", "/Users", body({ roomNumber: "4.12" }), 201);
    // Returned from the POST because the client sent it, then only when named in attributes=.
    assert.deepEqual(created[demoUrn], { roomNumber: "4.12" });
    assert.equal((await call("GET", `/Users/${created.id}`))[demoUrn], undefined);
    const asked = await call("GET", `/Users/${created.id}?attributes=${demoUrn}:roomNumber`);
    assert.deepEqual(asked[demoUrn], { roomNumber: "4.12" });
    // An immutable attribute without a value may be set once (RFC 7644 §3.5.1), then never changed.
    await call("PUT", `/Users/${created.id}`, body({ badgeId: "B-1" }));
    const changed = await call("PUT", `/Users/${created.id}`, body({ badgeId: "B-2" }), 400);
    assert.equal(changed.scimType, "mutability");
    const read = await call("GET", `/Users/${created.id}?attributes=${demoUrn}`);
    assert.deepEqual(read[demoUrn], { badgeId: "B-1" });
    await call("DELETE", `/Users/${created.id}`, undefined, 204);
  });

  it("walks users with RFC 9865 cursors", async () => {
    for (let i = 0; i < 7; i++)
      await call("POST", "/Users", { schemas: [userUrn], userName: `walker${i}` }, 201);
    const seen: unknown[] = [];
    let page = await call("GET", `/Users?${f('userName sw "walker"')}&cursor&count=3&sortBy=userName`);
    for (let guard = 0; ; guard++) {
      assert.ok(guard < 100, "a cursor walk ends");
      seen.push(...(page.Resources as Json[]).map((r) => r.userName));
      if (page.nextCursor === undefined) break;
      page = await call(
        "GET",
        `/Users?${f('userName sw "walker"')}&cursor=${page.nextCursor}&count=3&sortBy=userName`,
      );
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 7 }, (_, i) => `walker${i}`),
    );
  });

  it("runs a Bulk request with bulkId and circular references", async () => {
    const response = await call("POST", "/Bulk", {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
      Operations: [
        {
          method: "POST",
          path: "/Groups",
          bulkId: "a",
          data: {
            schemas: [groupUrn],
            displayName: "Group A",
            members: [{ type: "Group", value: "bulkId:b" }],
          },
        },
        {
          method: "POST",
          path: "/Groups",
          bulkId: "b",
          data: {
            schemas: [groupUrn],
            displayName: "Group B",
            members: [
              { type: "Group", value: "bulkId:a" },
              { type: "User", value: "bulkId:u" },
            ],
          },
        },
        { method: "POST", path: "/Users", bulkId: "u", data: { schemas: [userUrn], userName: "alice" } },
      ],
    });
    const ops = response.Operations as Json[];
    assert.deepEqual(
      ops.map((o) => o.status),
      ["201", "201", "201"],
    );
    const b = await call("GET", `/Groups?${f('displayName eq "Group B"')}`);
    const members = (((b.Resources as Json[])[0]?.members as Json[] | undefined) ?? [])
      .map((m) => m.display)
      .sort();
    assert.deepEqual(members, ["Group A", "alice"]);
  });
});
