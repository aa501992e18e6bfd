// The hot-path matcher must answer exactly as @koa/router does: the same requests against the same
// datastore, once through hot-routes.ts and once through the router alone, get the same status, body and
// headers (RFC 7644 §3.4.1, §3.4.2, §3.12 errors, RFC 7231 §6.5.5 405 with Allow).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MemoryDatastore } from "../../datastore/memory/memory-datastore.js";
import { createGroup, createUser, startTestServer, type TestServer } from "../http-test-support.js";

let hot: TestServer;
let routed: TestServer;
let userId = "";
let groupId = "";

before(async () => {
  const datastore = new MemoryDatastore();
  hot = await startTestServer({ datastore });
  routed = await startTestServer({ datastore, hotRoutes: false });
  userId = String((await createUser(hot, "hot.path@example.com")).id);
  groupId = String((await createGroup(hot, "hot path", [userId])).id);
});
after(async () => {
  await hot.close();
  await routed.close();
});

const comparedHeaders = ["content-type", "etag", "location", "allow", "www-authenticate"];

async function answer(server: TestServer, path: string, init: RequestInit) {
  const response = await server.request(
    path.replaceAll("{user}", userId).replaceAll("{group}", groupId),
    init,
  );
  const text = await response.text();
  return {
    status: response.status,
    // Locations carry each server's own port.
    body: text.replaceAll(server.url, "{base}"),
    headers: comparedHeaders.map((h) => [h, response.headers.get(h)?.replaceAll(server.url, "{base}")]),
  };
}

describe("hotRoutes", () => {
  const cases: [string, { path: string; init?: RequestInit; status: number }][] = [
    ["a user by id", { path: "/Users/{user}", status: 200 }],
    ["a group by id, projected", { path: "/Groups/{group}?excludedAttributes=members", status: 200 }],
    ["an endpoint in another case", { path: "/users/{user}", status: 200 }],
    ["a percent-encoded id", { path: "/Users/%7Buser%7D", status: 404 }],
    ["malformed percent-encoding", { path: "/Users/%E0%A4%A", status: 404 }],
    ["an unknown id", { path: "/Users/nobody", status: 404 }],
    ["an unknown endpoint", { path: "/Widgets/1", status: 404 }],
    [".search read as an id", { path: "/Users/.search", status: 405 }],
    ["a trailing slash", { path: "/Users/{user}/", status: 200 }],
    ["an empty segment", { path: "//Users/{user}", status: 404 }],
    ["three segments", { path: "/Users/{user}/x", status: 404 }],
    [
      "a filter",
      { path: `/Users?filter=${encodeURIComponent('userName eq "hot.path@example.com"')}`, status: 200 },
    ],
    ["a bad filter", { path: "/Users?filter=userName%20zz%201", status: 400 }],
    ["a listing of groups", { path: "/Groups", status: 200 }],
    [
      "a schema by id (a fixed endpoint)",
      { path: "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", status: 200 },
    ],
    ["a resource type, lower case", { path: "/resourcetypes/User", status: 200 }],
    ["/Bulk read with GET", { path: "/Bulk", status: 405 }],
    ["/Me without a linked user", { path: "/Me", status: 501 }],
    ["/Me with an id", { path: "/Me/{user}", status: 404 }],
    ["a HEAD", { path: "/Users/{user}", init: { method: "HEAD" }, status: 200 }],
    ["no credential", { path: "/Users/{user}", init: { headers: { Authorization: "" } }, status: 401 }],
    ["a precondition", { path: "/Users/{user}", init: { headers: { "If-None-Match": "*" } }, status: 304 }],
  ];
  for (const [name, { path, init, status }] of cases) {
    it(`answers ${name} exactly as the router does`, async () => {
      const fast = await answer(hot, path, init ?? {});
      const slow = await answer(routed, path, init ?? {});
      assert.equal(fast.status, status, fast.body);
      assert.deepEqual(fast, slow);
    });
  }
});
