// /ServiceProviderConfig without credentials (RFC 7643 §5: "the service provider SHOULD, with the
// appropriate security considerations, make the authenticationSchemes attribute publicly accessible
// without prior authentication"; catalogue rfc7643.auth.authentication-schemes-public). Without any
// credential it is the server-wide document: the union of the schemes the active connections accept,
// the features every connection shares, no connection's documentationUri. With a credential it is that
// connection's own document; a wrong credential is still 401, and /ResourceTypes and /Schemas, which
// describe one connection's schema, still need a credential.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { basicHeader, testConnection } from "../connections/connection-fixtures.js";
import { coreSchemaUrns } from "../protocol/schema/schema-definition.js";
import {
  type ConfiguredServer,
  errorUrn,
  type Json,
  startConfiguredServer,
} from "./configured-test-server.js";

const docs = (id: string) => `https://docs.example.com/${id}`;
const schemes = (spc: Json) =>
  (spc.authenticationSchemes as Json[]).map((s) => [s.type as string, s.primary as boolean]);

describe("the server-wide /ServiceProviderConfig (RFC 7643 §5)", () => {
  let server: ConfiguredServer;
  before(async () => {
    server = await startConfiguredServer({
      connections: [
        testConnection("basic-only", {
          basic: { username: "alpha", password: "alpha-pw" },
          documentationUri: docs("basic-only"),
        }),
        testConnection("bearer-only", { tokens: ["beta-token"], documentationUri: docs("bearer-only") }),
      ],
      throttle: false,
    });
  });
  after(() => server.close());

  it("answers GET without credentials with 200 and the union of the accepted schemes, bearer first", async () => {
    const response = await server.as(undefined).request("/ServiceProviderConfig");
    const spc = (await response.json()) as Json;
    assert.equal(response.status, 200, JSON.stringify(spc));
    assert.equal(response.headers.get("content-type"), "application/scim+json; charset=utf-8");
    assert.equal(response.headers.get("location"), `${server.url}/ServiceProviderConfig`);
    assert.deepEqual(spc.schemas, [coreSchemaUrns.serviceProviderConfig]);
    assert.deepEqual(schemes(spc), [
      ["oauthbearertoken", true],
      ["httpbasic", false],
    ]);
    assert.equal((spc.meta as Json).location, `${server.url}/ServiceProviderConfig`);
  });

  it("promises the features a connection's own document promises (every connection has them all)", async () => {
    const anonymous = await server.as(undefined).json("/ServiceProviderConfig", 200);
    const own = await server.as("Bearer beta-token").json("/ServiceProviderConfig", 200);
    for (const key of ["patch", "bulk", "filter", "changePassword", "sort", "etag", "pagination"]) {
      assert.deepEqual(anonymous[key], own[key], key);
    }
  });

  it("names no connection's documentationUri", async () => {
    const spc = await server.as(undefined).json("/ServiceProviderConfig", 200);
    assert.equal("documentationUri" in spc, false);
  });

  const reads: [string, { path: string; method?: string; status: number }][] = [
    ["HEAD", { path: "/ServiceProviderConfig", method: "HEAD", status: 200 }],
    ["a path in another case", { path: "/serviceproviderconfig", status: 200 }],
    ["a trailing slash", { path: "/ServiceProviderConfig/", status: 200 }],
    ["a filter (RFC 7644 §4: 403)", { path: "/ServiceProviderConfig?filter=x%20pr", status: 403 }],
    ["POST (only reading is public)", { path: "/ServiceProviderConfig", method: "POST", status: 401 }],
    ["/ResourceTypes (a connection's schema)", { path: "/ResourceTypes", status: 401 }],
    ["/ResourceTypes/User", { path: "/ResourceTypes/User", status: 401 }],
    ["/Schemas", { path: "/Schemas", status: 401 }],
    ["/Schemas/{id}", { path: `/Schemas/${coreSchemaUrns.user}`, status: 401 }],
    ["/Users", { path: "/Users", status: 401 }],
  ];
  for (const [name, { path, method, status }] of reads) {
    it(`answers ${name} without credentials with ${status}`, async () => {
      const response = await server.as(undefined).request(path, { method: method ?? "GET" });
      assert.equal(response.status, status, await response.text());
      if (status === 401)
        assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer realm="scim"/);
    });
  }

  const credentials: [string, { authorization: string; connection: string | undefined }][] = [
    ["a Basic credential", { authorization: basicHeader("alpha", "alpha-pw"), connection: "basic-only" }],
    ["a bearer token", { authorization: "Bearer beta-token", connection: "bearer-only" }],
    ["a wrong bearer token", { authorization: "Bearer not-a-token", connection: undefined }],
    ["a wrong password", { authorization: basicHeader("alpha", "wrong"), connection: undefined }],
    ["a malformed Authorization header", { authorization: "Bearer", connection: undefined }],
    ["an empty Authorization header", { authorization: "", connection: undefined }],
    ["an unknown scheme", { authorization: "Digest abc", connection: undefined }],
  ];
  for (const [name, { authorization, connection }] of credentials) {
    it(
      connection === undefined
        ? `refuses ${name} with 401, even for /ServiceProviderConfig`
        : `answers ${name} with its connection's own document`,
      async () => {
        const response = await server
          .as(undefined)
          .request("/ServiceProviderConfig", { headers: { Authorization: authorization } });
        const body = (await response.json()) as Json;
        if (connection === undefined) {
          assert.equal(response.status, 401, JSON.stringify(body));
          assert.deepEqual(body.schemas, [errorUrn]);
          assert.match(response.headers.get("www-authenticate") ?? "", /Bearer realm="scim"/);
        } else {
          assert.equal(response.status, 200, JSON.stringify(body));
          assert.equal(body.documentationUri, docs(connection));
          assert.equal(schemes(body).length, 1, "a connection lists only its own scheme");
        }
      },
    );
  }
});

describe("the server-wide /ServiceProviderConfig and inactive connections", () => {
  let server: ConfiguredServer;
  before(async () => {
    server = await startConfiguredServer({
      connections: [
        testConnection("basic-only", { basic: { username: "alpha", password: "alpha-pw" } }),
        testConnection("idle", { tokens: ["idle-token"], active: false }),
      ],
      throttle: false,
    });
  });
  after(() => server.close());

  it("lists no scheme only an inactive connection accepts", async () => {
    const spc = await server.as(undefined).json("/ServiceProviderConfig", 200);
    assert.deepEqual(schemes(spc), [["httpbasic", true]]);
  });

  it("follows a connection that the admin API activates", async () => {
    const idle = await server.admin().json("/idle", 200);
    await server.admin().json("/idle", 200, { method: "PUT", json: { ...idle, active: true } });
    const spc = await server.as(undefined).json("/ServiceProviderConfig", 200);
    assert.deepEqual(schemes(spc), [
      ["oauthbearertoken", true],
      ["httpbasic", false],
    ]);
  });
});
