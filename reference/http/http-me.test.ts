// /Me (RFC 7644 §3.11): 501 for a credential linked to no User; otherwise GET, PUT, PATCH and DELETE on
// the linked User, answered directly with Location = the User's permanent location.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  createUser,
  type Json,
  patchBody,
  startTestServer,
  type TestServer,
  userBody,
} from "./http-test-support.js";

describe("/Me without a linked User", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  for (const method of ["GET", "PUT", "PATCH", "DELETE", "POST"]) {
    it(`answers ${method} /Me with 501 (RFC 7644 §3.11)`, async () => {
      const response = await server.request("/Me", {
        method,
        ...(method === "GET" || method === "DELETE" ? {} : { json: {} }),
      });
      assert.equal(response.status, 501);
      assert.equal(((await response.json()) as Json).status, "501");
    });
  }
});

describe("/Me with a linked User", () => {
  let server: TestServer;
  let linked: string | undefined;
  let me: Json;
  before(async () => {
    server = await startTestServer({ linkedUserId: () => linked });
    me = await createUser(server, "self", { nickName: "Me" });
    linked = String(me.id);
  });
  after(() => server.close());

  it("reads the linked User with Location = its permanent location", async () => {
    const response = await server.request("/Me");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("location"), `${server.url}/Users/${me.id}`);
    assert.equal(((await response.json()) as Json).userName, "self");
  });

  it("patches and replaces the linked User", async () => {
    const patched = await server.json("/Me", 200, {
      method: "PATCH",
      json: patchBody({ op: "replace", path: "nickName", value: "Myself" }),
    });
    assert.equal(patched.nickName, "Myself");
    const replaced = await server.json("/Me", 200, {
      method: "PUT",
      json: userBody("self", { title: "Owner" }),
    });
    assert.equal(replaced.title, "Owner");
    assert.equal(replaced.nickName, undefined);
  });

  it("still refuses POST /Me with 501", async () => {
    const response = await server.request("/Me", { method: "POST", json: userBody("other") });
    assert.equal(response.status, 501);
  });

  it("deletes the linked User, after which /Me is 404", async () => {
    const response = await server.request("/Me", { method: "DELETE" });
    assert.equal(response.status, 204);
    assert.equal((await server.request("/Me")).status, 404);
  });
});
