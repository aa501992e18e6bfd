// Single-resource operations over HTTP: create (RFC 7644 §3.3), read (§3.4.1), replace (§3.5.1), delete
// (§3.6), ETags and preconditions (§3.14), projection (§3.9), passwords (RFC 7643 §4.1.1) and errors (§3.12).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Scope } from "../datastore/datastore.js";
import {
  createUser,
  enterpriseUrn,
  type Json,
  metaOf,
  startTestServer,
  type TestServer,
  userBody,
  userUrn,
} from "./http-test-support.js";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

/** RFC 7644 §3.3's example request body. */
const rfcUser = {
  schemas: [userUrn],
  userName: "bjensen",
  externalId: "bjensen",
  name: { formatted: "Ms. Barbara J Jensen III", familyName: "Jensen", givenName: "Barbara" },
};

describe("POST /Users (RFC 7644 §3.3)", () => {
  let created: Response;
  let body: Json;
  before(async () => {
    created = await server.request("/Users", { method: "POST", json: rfcUser });
    body = (await created.json()) as Json;
  });

  it("answers 201 with the resource as stored, id and meta set by the server", () => {
    assert.equal(created.status, 201);
    assert.deepEqual(body.schemas, [userUrn]);
    assert.match(String(body.id), /^[0-9a-f-]{36}$/);
    assert.equal(body.userName, "bjensen");
    assert.deepEqual(body.name, rfcUser.name);
    const meta = metaOf(body);
    assert.equal(meta.resourceType, "User");
    assert.equal(meta.created, meta.lastModified);
  });

  it("sets Location to meta.location and ETag to meta.version (RFC 7644 §3.1, §3.14)", () => {
    const meta = metaOf(body);
    assert.equal(created.headers.get("location"), meta.location);
    assert.equal(meta.location, `${server.url}/Users/${body.id}`);
    assert.equal(created.headers.get("etag"), meta.version);
    assert.match(String(meta.version), /^W\/".+"$/);
    assert.equal(created.headers.get("content-type"), "application/scim+json; charset=utf-8");
  });

  it("refuses the same userName in another letter case with 409 uniqueness (RFC 7643 §4.1.1)", async () => {
    const response = await server.request("/Users", { method: "POST", json: userBody("BJENSEN") });
    assert.equal(response.status, 409);
    const error = (await response.json()) as Json;
    assert.equal(error.scimType, "uniqueness");
    assert.equal(error.status, "409");
  });

  it("ignores readOnly values in the body (RFC 7644 §3.3)", async () => {
    const user = await createUser(server, "ro-test", { id: "chosen-by-client", meta: { version: 'W/"99"' } });
    assert.notEqual(user.id, "chosen-by-client");
    assert.equal(metaOf(user).version, 'W/"1"');
  });

  const invalid: [string, { body: unknown; status: number; scimType?: string }][] = [
    ["a body without userName (required, RFC 7643 §4.1.1)", { body: { schemas: [userUrn] }, status: 400 }],
    ["a body without schemas (RFC 7643 §3)", { body: { userName: "x" }, status: 400 }],
    ["a JSON array", { body: [rfcUser], status: 400, scimType: "invalidSyntax" }],
    ["a wrongly typed value", { body: userBody("typed", { active: "maybe" }), status: 400 }],
  ];
  for (const [name, { body: sent, status, scimType }] of invalid) {
    it(`refuses ${name}`, async () => {
      const response = await server.request("/Users", { method: "POST", json: sent });
      assert.equal(response.status, status);
      const error = (await response.json()) as Json;
      assert.equal(error.status, String(status));
      if (scimType !== undefined) assert.equal(error.scimType, scimType);
    });
  }

  it("answers 404 for a resource type the connection does not serve", async () => {
    const response = await server.request("/Devices", { method: "POST", json: { schemas: ["urn:x"] } });
    assert.equal(response.status, 404);
  });
});

describe("GET /Users/{id} (RFC 7644 §3.4.1) and ETags (§3.14)", () => {
  let user: Json;
  before(async () => {
    user = await createUser(server, "reader", { nickName: "Rea", [enterpriseUrn]: { employeeNumber: "42" } });
  });

  it("returns the resource with Location and ETag", async () => {
    const response = await server.request(`/Users/${user.id}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("etag"), 'W/"1"');
    assert.equal(response.headers.get("location"), metaOf(user).location);
    const body = (await response.json()) as Json;
    assert.deepEqual(body.schemas, [userUrn, enterpriseUrn]);
    assert.deepEqual(body[enterpriseUrn], { employeeNumber: "42" });
  });

  const conditional: [string, { header: Record<string, string>; status: number }][] = [
    ["If-None-Match with the current tag → 304", { header: { "If-None-Match": 'W/"1"' }, status: 304 }],
    ["If-None-Match with a stale tag → 200", { header: { "If-None-Match": 'W/"0"' }, status: 200 }],
    ["If-None-Match: * → 304", { header: { "If-None-Match": "*" }, status: 304 }],
  ];
  for (const [name, { header, status }] of conditional) {
    it(`answers ${name} (RFC 7232 §3.2)`, async () => {
      const response = await server.request(`/Users/${user.id}`, { headers: header });
      assert.equal(response.status, status);
      assert.equal(response.headers.get("etag"), 'W/"1"');
      if (status === 304) assert.equal(await response.text(), "");
    });
  }

  const projections: [string, { query: string; present: string[]; absent: string[] }][] = [
    [
      "attributes keeps only what it names plus id and schemas",
      {
        query: "attributes=userName",
        present: ["id", "schemas", "userName"],
        absent: ["nickName", "meta", enterpriseUrn],
      },
    ],
    [
      "excludedAttributes drops what it names",
      {
        query: "excludedAttributes=nickName,meta",
        present: ["id", "userName", enterpriseUrn],
        absent: ["nickName", "meta"],
      },
    ],
    [
      "a whole extension URN selects that extension",
      { query: `attributes=${enterpriseUrn}`, present: ["id", enterpriseUrn], absent: ["userName"] },
    ],
    [
      "excludedAttributes cannot drop id (returned always)",
      { query: "excludedAttributes=id", present: ["id"], absent: [] },
    ],
  ];
  for (const [name, { query, present, absent }] of projections) {
    it(`projects: ${name} (RFC 7644 §3.9)`, async () => {
      const body = await server.json(`/Users/${user.id}?${query}`, 200);
      for (const key of present) assert.ok(key in body, `${key} present`);
      for (const key of absent) assert.ok(!(key in body), `${key} absent`);
    });
  }

  it("refuses attributes and excludedAttributes together with 400 invalidValue (RFC 7644 §3.9)", async () => {
    const response = await server.request(
      `/Users/${user.id}?attributes=userName&excludedAttributes=nickName`,
    );
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).scimType, "invalidValue");
  });

  it("answers an unknown id with 404 and the RFC 7644 §3.12 body", async () => {
    const response = await server.request("/Users/2819c223-7f76-453a-919d-413861904646");
    assert.equal(response.status, 404);
    const error = (await response.json()) as Json;
    assert.equal(error.status, "404");
    assert.match(String(error.detail), /2819c223-7f76-453a-919d-413861904646 not found/);
  });

  it("answers GET /Users/.search with 405 (search is POST only, RFC 7644 §3.4.3)", async () => {
    const response = await server.request("/Users/.search");
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "POST");
  });
});

describe("PUT /Users/{id} (RFC 7644 §3.5.1)", () => {
  it("replaces the resource with the RFC example body and bumps the version", async () => {
    const user = await createUser(server, "putter", { nickName: "gone after PUT" });
    const replaced = await server.json(`/Users/${user.id}`, 200, {
      method: "PUT",
      json: {
        schemas: [userUrn],
        id: user.id,
        userName: "putter",
        externalId: "bjensen",
        name: {
          formatted: "Ms. Barbara J Jensen III",
          familyName: "Jensen",
          givenName: "Barbara",
          middleName: "Jane",
        },
        roles: [],
        emails: [{ value: "bjensen@example.com" }, { value: "babs@jensen.org" }],
      },
    });
    assert.equal(replaced.nickName, undefined, "omitted attributes are cleared");
    assert.equal((replaced.name as Json).middleName, "Jane");
    assert.equal(metaOf(replaced).version, 'W/"2"');
    assert.equal(metaOf(replaced).created, metaOf(user).created);
  });

  it("answers a stale If-Match with 412 and a current one with 200 (RFC 7644 §3.14)", async () => {
    const user = await createUser(server, "conditional-put");
    const stale = await server.request(`/Users/${user.id}`, {
      method: "PUT",
      headers: { "If-Match": 'W/"7"' },
      json: userBody("conditional-put"),
    });
    assert.equal(stale.status, 412);
    assert.equal(((await stale.json()) as Json).status, "412");
    await server.json(`/Users/${user.id}`, 200, {
      method: "PUT",
      headers: { "If-Match": 'W/"1"' },
      json: userBody("conditional-put"),
    });
  });

  it("answers If-None-Match: * with 412, since the resource exists (RFC 7232 §3.2)", async () => {
    const user = await createUser(server, "exists-already");
    const response = await server.request(`/Users/${user.id}`, {
      method: "PUT",
      headers: { "If-None-Match": "*" },
      json: userBody("exists-already"),
    });
    assert.equal(response.status, 412);
  });

  it("answers 404 for an unknown id and never creates (RFC 7644 §3.5.1)", async () => {
    const response = await server.request("/Users/nope", { method: "PUT", json: userBody("ghost") });
    assert.equal(response.status, 404);
    const list = await server.json(`/Users?filter=${encodeURIComponent('userName eq "ghost"')}`, 200);
    assert.equal(list.totalResults, 0);
  });
});

describe("passwords (RFC 7643 §4.1.1: writeOnly, returned never)", () => {
  it("stores only a hash and never returns the password, not even when asked for", async () => {
    const user = await createUser(server, "secretive", { password: "t1meMa$heen" });
    assert.equal(user.password, undefined);
    const asked = await server.json(`/Users/${user.id}?attributes=password,userName`, 200);
    assert.equal(asked.password, undefined);
    const scope: Scope = { connection: server.connection.plan, resourceType: "User" };
    const hash = await server.datastore.getPasswordHash(scope, String(user.id));
    assert.match(hash ?? "", /^scrypt\$/, "the datastore holds a scrypt hash");
    assert.equal(hash?.includes("t1meMa$heen"), false);
  });

  it("refuses a filter on password with 400 invalidFilter", async () => {
    const response = await server.request(`/Users?filter=${encodeURIComponent('password eq "x"')}`);
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).scimType, "invalidFilter");
  });
});

describe("DELETE /Users/{id} (RFC 7644 §3.6)", () => {
  it("answers 204, then 404 to every operation, and the resource leaves every list", async () => {
    const user = await createUser(server, "leaver");
    const path = `/Users/${user.id}`;
    const deleted = await server.request(path, { method: "DELETE" });
    assert.equal(deleted.status, 204);
    for (const [method, json] of [
      ["GET", undefined],
      ["PUT", userBody("leaver")],
      [
        "PATCH",
        {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          Operations: [{ op: "add", path: "nickName", value: "x" }],
        },
      ],
      ["DELETE", undefined],
    ] as const) {
      const response = await server.request(path, { method, ...(json === undefined ? {} : { json }) });
      assert.equal(response.status, 404, `${method} after DELETE`);
    }
    const list = await server.json(`/Users?filter=${encodeURIComponent('userName eq "leaver"')}`, 200);
    assert.equal(list.totalResults, 0);
  });

  it("answers a stale If-Match with 412 and keeps the resource", async () => {
    const user = await createUser(server, "kept");
    const response = await server.request(`/Users/${user.id}`, {
      method: "DELETE",
      headers: { "If-Match": 'W/"5"' },
    });
    assert.equal(response.status, 412);
    await server.json(`/Users/${user.id}`, 200);
  });
});
