// The HTTP binding's frame, independent of resources: authentication (RFC 7235, RFC 6750, RFC 7617),
// discovery (RFC 7644 §4), error rendering (RFC 7644 §3.12), content types (RFC 7644 §3.8, §8.1),
// routing (404/405), body limits (413) and request ids.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import { coreSchemaUrns, messageUrns } from "../protocol/schema/schema-definition.js";
import type { HttpLogger } from "./http-logger.js";
import { startTestServer, type TestServer, testToken } from "./http-test-support.js";

class RecordingLogger implements HttpLogger {
  readonly lines: object[] = [];
  info(obj: object) {
    this.lines.push(obj);
  }
  warn(obj: object) {
    this.lines.push(obj);
  }
  error(obj: object) {
    this.lines.push(obj);
  }
  child(bindings: Record<string, unknown>): HttpLogger {
    return {
      info: (obj) => this.info({ ...bindings, ...obj }),
      warn: (obj) => this.warn({ ...bindings, ...obj }),
      error: (obj) => this.error({ ...bindings, ...obj }),
      child: (more) => this.child({ ...bindings, ...more }),
    };
  }
}

const ent = coreSchemaUrns.enterpriseUser;
let server: TestServer;
const logger = new RecordingLogger();

before(async () => {
  server = await startTestServer({ logger });
});
after(() => server.close());

async function errorBody(response: Response) {
  assert.equal(response.headers.get("content-type"), "application/scim+json; charset=utf-8");
  const body = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(body.schemas, [messageUrns.error]);
  assert.equal(body.status, String(response.status), "RFC 7644 §3.12: status is the code as a string");
  return body;
}

describe("authentication (RFC 7644 §2, RFC 7235 §3.1)", () => {
  const cases: [string, { headers: Record<string, string>; challenge: RegExp }][] = [
    ["no Authorization header", { headers: { Authorization: "" }, challenge: /^Bearer realm="scim"$/ }],
    [
      "a wrong bearer token",
      { headers: { Authorization: "Bearer nope" }, challenge: /error="invalid_token"/ },
    ],
    ["an unknown scheme", { headers: { Authorization: "Digest x" }, challenge: /^Bearer realm="scim"$/ }],
    [
      "Basic credentials nobody configured",
      { headers: { Authorization: `Basic ${btoa("a:b")}` }, challenge: /Bearer/ },
    ],
  ];
  for (const [name, { headers, challenge }] of cases) {
    it(`answers ${name} with 401, a SCIM error and WWW-Authenticate`, async () => {
      const response = await server.request("/Users", { headers });
      assert.equal(response.status, 401);
      assert.match(response.headers.get("www-authenticate") ?? "", challenge);
      const body = await errorBody(response);
      assert.equal(String(body.detail).includes("nope"), false, "the detail never echoes the credential");
    });
  }

  it("never logs the Authorization header", async () => {
    await server.request("/ServiceProviderConfig");
    assert.equal(JSON.stringify(logger.lines).includes(testToken), false);
  });
});

describe("discovery (RFC 7644 §4)", () => {
  it("serves /ServiceProviderConfig with the RFC 9865 pagination block and the accepted schemes", async () => {
    const response = await server.request("/ServiceProviderConfig");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/scim+json; charset=utf-8");
    const spc = (await response.json()) as Record<string, Record<string, unknown>>;
    assert.deepEqual(spc.schemas, [coreSchemaUrns.serviceProviderConfig]);
    assert.equal(spc.filter?.supported, true);
    assert.equal(spc.filter?.maxResults, 1000);
    assert.equal(spc.pagination?.index, true);
    assert.equal(spc.pagination?.defaultPaginationMethod, "index");
    assert.equal(spc.pagination?.maxPageSize, 1000);
    assert.deepEqual(
      (spc.authenticationSchemes as unknown as { type: string }[]).map((s) => s.type),
      ["oauthbearertoken"],
    );
    assert.equal(spc.meta?.location, `${server.url}/ServiceProviderConfig`);
  });

  it("states exactly what the pipeline does (RFC 7643 §5, RFC 9865 §4)", async () => {
    const spc = (await (await server.request("/ServiceProviderConfig")).json()) as Record<string, unknown>;
    assert.deepEqual(
      {
        patch: spc.patch,
        changePassword: spc.changePassword,
        sort: spc.sort,
        etag: spc.etag,
        bulk: spc.bulk,
      },
      {
        patch: { supported: true },
        changePassword: { supported: true },
        sort: { supported: true },
        etag: { supported: true },
        bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 4194304 },
      },
    );
    assert.deepEqual(spc.pagination, {
      cursor: true,
      index: true,
      defaultPaginationMethod: "index",
      defaultPageSize: 100,
      maxPageSize: 1000,
      cursorTimeout: 3600,
    });
  });

  it("lists both resource types and serves each by id", async () => {
    const list = (await (await server.request("/ResourceTypes")).json()) as {
      totalResults: number;
      Resources: { id: string }[];
    };
    assert.deepEqual(
      list.Resources.map((r) => r.id),
      ["User", "Group"],
    );
    assert.equal(list.totalResults, 2);
    const user = (await (await server.request("/ResourceTypes/User")).json()) as Record<string, unknown>;
    assert.equal(user.endpoint, "/Users");
    assert.deepEqual(user.schemaExtensions, [{ schema: ent, required: false }]);
    assert.equal((user.meta as { location: string }).location, `${server.url}/ResourceTypes/User`);
  });

  it("lists the served schemas and finds one by URN in any letter case", async () => {
    const list = (await (await server.request("/Schemas")).json()) as { Resources: { id: string }[] };
    assert.deepEqual(
      list.Resources.map((r) => r.id),
      [
        coreSchemaUrns.user,
        ent,
        coreSchemaUrns.group,
        coreSchemaUrns.serviceProviderConfig,
        coreSchemaUrns.resourceType,
        coreSchemaUrns.schema,
      ],
    );
    const response = await server.request(`/Schemas/${coreSchemaUrns.user.toUpperCase()}`);
    assert.equal(response.status, 200);
    const schema = (await response.json()) as {
      id: string;
      attributes: { name: string; uniqueness: string }[];
    };
    assert.equal(schema.id, coreSchemaUrns.user);
    assert.equal(schema.attributes.find((a) => a.name === "userName")?.uniqueness, "server");
  });

  const refused: [string, { method: string; path: string; status: number; allow?: string }][] = [
    [
      "a filter on /Schemas with 403 (RFC 7644 §4)",
      { method: "GET", path: "/Schemas?filter=id%20pr", status: 403 },
    ],
    [
      "a filter on /ResourceTypes with 403",
      { method: "GET", path: "/ResourceTypes?filter=id%20pr", status: 403 },
    ],
    ["an unknown resource type id with 404", { method: "GET", path: "/ResourceTypes/Device", status: 404 }],
    ["an unknown schema id with 404", { method: "GET", path: "/Schemas/urn:nope", status: 404 }],
    ["POST /Schemas with 405", { method: "POST", path: "/Schemas", status: 405, allow: "GET, HEAD" }],
    [
      "DELETE /ServiceProviderConfig with 405",
      { method: "DELETE", path: "/ServiceProviderConfig", status: 405, allow: "GET, HEAD" },
    ],
    [
      "PUT /ResourceTypes/User with 405",
      { method: "PUT", path: "/ResourceTypes/User", status: 405, allow: "GET, HEAD" },
    ],
    ["GET /Bulk with 405", { method: "GET", path: "/Bulk", status: 405, allow: "POST" }],
    ["GET /.search with 405", { method: "GET", path: "/.search", status: 405, allow: "POST" }],
    [
      "PUT /Users (no id) with 405 (RFC 7644 §3.2)",
      { method: "PUT", path: "/Users", status: 405, allow: "HEAD, GET, POST" },
    ],
    [
      "POST /Users/{id} with 405",
      { method: "POST", path: "/Users/abc", status: 405, allow: "HEAD, GET, PUT, PATCH, DELETE" },
    ],
  ];
  for (const [name, { method, path, status, allow }] of refused) {
    it(`answers ${name}`, async () => {
      const response = await server.request(path, {
        method,
        ...(method === "GET" || method === "DELETE" ? {} : { json: {} }),
      });
      assert.equal(response.status, status);
      if (allow !== undefined) assert.equal(response.headers.get("allow"), allow);
      await errorBody(response);
    });
  }

  it("ignores paging and sorting parameters on discovery endpoints (RFC 7644 §4)", async () => {
    const list = (await (await server.request("/Schemas?count=1&startIndex=3&sortBy=id")).json()) as {
      Resources: unknown[];
    };
    assert.equal(list.Resources.length, 6);
  });

  it("answers HEAD like GET without a body", async () => {
    const response = await server.request("/ServiceProviderConfig", { method: "HEAD" });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "");
  });
});

describe("routing and request bodies", () => {
  it("answers an unknown path under the base with a SCIM 404", async () => {
    const response = await server.request("/Nothing/here/at/all");
    assert.equal(response.status, 404);
    await errorBody(response);
  });

  it("answers a path outside the base with a SCIM 404 without asking for credentials", async () => {
    const response = await fetch(server.url.replace("/scim/v2", "/elsewhere"));
    assert.equal(response.status, 404);
    await errorBody(response);
  });

  it("refuses a body in another media type with 415 (RFC 7644 §3.8)", async () => {
    const response = await server.request("/Users", {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "userName=bjensen",
    });
    assert.equal(response.status, 415);
    await errorBody(response);
  });

  it("accepts a GET that names a Content-Type without sending a body", async () => {
    const response = await server.request("/Users", { headers: { "Content-Type": "application/scim+json" } });
    assert.equal(response.status, 200);
  });

  it("refuses a body in another charset with 415 (RFC 7644 §3.8: UTF-8)", async () => {
    const response = await server.request("/Users", {
      method: "POST",
      headers: { "Content-Type": "application/scim+json; charset=x-unknown-charset" },
      body: "{}",
    });
    assert.equal(response.status, 415);
    await errorBody(response);
  });

  it("answers malformed JSON with 400 invalidSyntax (RFC 7644 §3.12)", async () => {
    const response = await server.request("/Users", {
      method: "POST",
      headers: { "Content-Type": "application/scim+json" },
      body: '{"userName": ',
    });
    assert.equal(response.status, 400);
    assert.equal((await errorBody(response)).scimType, "invalidSyntax");
  });

  it("answers a body over the limit with 413", async () => {
    const response = await server.request("/Bulk", {
      method: "POST",
      json: { padding: "x".repeat(4 * 1024 * 1024 + 1) },
    });
    assert.equal(response.status, 413);
    assert.match(String((await errorBody(response)).detail), /maxPayloadSize \(4194304\)/);
  });
});

describe("request ids", () => {
  it("echoes a client's X-Request-Id and logs the request under it", async () => {
    const response = await server.request("/ServiceProviderConfig", {
      headers: { "X-Request-Id": "abc-123" },
    });
    assert.equal(response.headers.get("x-request-id"), "abc-123");
    const line = logger.lines.find((l) => (l as { requestId?: string }).requestId === "abc-123") as Record<
      string,
      unknown
    >;
    assert.equal(line?.status, 200);
    assert.equal(line?.method, "GET");
    assert.equal(line?.path, "/scim/v2/ServiceProviderConfig");
    assert.equal(typeof line?.latencyMs, "number");
  });

  it("generates a request id when the client's is missing or unsafe", async () => {
    const response = await server.request("/ServiceProviderConfig", {
      headers: { "X-Request-Id": "bad id\n" },
    });
    assert.match(response.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
  });
});

describe("unexpected failures (STYLE.md §7)", () => {
  it("answers anything that is not a ScimError with an opaque 500 and logs it", async () => {
    const memory = new MemoryDatastore();
    const broken = new Proxy(memory, {
      get(target, prop, receiver) {
        if (prop === "get") return async () => Promise.reject(new Error("disk on fire: /secret/path"));
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const failing = new RecordingLogger();
    const other = await startTestServer({ datastore: broken, logger: failing });
    try {
      const response = await other.request("/Users/some-id");
      assert.equal(response.status, 500);
      const body = await errorBody(response);
      assert.equal(String(body.detail).includes("disk on fire"), false, "no internals leak to the client");
      assert.match(String(body.detail), /request [0-9a-f-]{36}/);
      assert.ok(failing.lines.some((l) => (l as { err?: Error }).err?.message.includes("disk on fire")));
    } finally {
      await other.close();
    }
  });
});

describe("HTTP Basic (RFC 7617)", () => {
  it("accepts the configured Basic credential, advertises it and challenges for it", async () => {
    const basic = await startTestServer({
      env: { SCIM_BASIC_USER: "idp", SCIM_BASIC_PASSWORD: "s3cret:with:colons" },
    });
    try {
      const ok = await basic.request("/ServiceProviderConfig", {
        headers: { Authorization: `Basic ${Buffer.from("idp:s3cret:with:colons").toString("base64")}` },
      });
      assert.equal(ok.status, 200);
      const spc = (await ok.json()) as { authenticationSchemes: { type: string }[] };
      assert.deepEqual(
        spc.authenticationSchemes.map((s) => s.type),
        ["httpbasic"],
      );
      const refused = await basic.request("/Users", {
        headers: { Authorization: `Basic ${btoa("idp:wrong")}` },
      });
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get("www-authenticate"), 'Basic realm="scim", charset="UTF-8"');
    } finally {
      await basic.close();
    }
  });
});
