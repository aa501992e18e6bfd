// What a connection's configuration means through HTTP (connections issue; PingFederate
// pingfederate-model.md §3): User Support vs User and Group Support (§3 item 1–2: no /Groups, no Group
// resource type), actionOnDelete (items 19–22: DISABLE_USER hides for good and frees the userName,
// PERMANENTLY_DELETE_USER removes, Group DELETE always removes), the customScim2Schema extension (item 3,
// 16), serviceProviderConfig.documentationUri (item 4), and tenant isolation: nothing of one connection is
// visible to another, through any endpoint (RFC 7644 §2 and §6: one client's resources are not another's).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { pino } from "pino";
import { ConfiguredResolver } from "../connections/configured-resolver.js";
import { ConnectionCatalog } from "../connections/connection-catalog.js";
import {
  basicHeader,
  demoConnection,
  testConnection,
  withCredentials,
} from "../connections/connection-fixtures.js";
import type { ConnectionResolver } from "../connections/connection-resolver.js";
import { specDefinitions } from "../connections/spec-schemas.js";
import { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import { Provisioning } from "../provisioning/provisioning.js";
import {
  type Client,
  type ConfiguredServer,
  cheapHasher,
  errorUrn,
  filter,
  groupBody,
  type Json,
  startConfiguredServer,
  userBody,
} from "./configured-test-server.js";
import { type RunningServer, startServer } from "./server.js";

const acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";
const bulkUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const patchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const searchUrn = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

let dir: string;
let db: string;
let server: ConfiguredServer;
let directory: Client;
let hr: Client;
let tenantA: Client;
let tenantB: Client;
let disabler: Client;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "scim-semantics-"));
  db = join(dir, "scim.sqlite");
  server = await startConfiguredServer({
    db,
    connections: [
      withCredentials(demoConnection("demo-directory"), { bearerTokens: [{ id: "t", token: "dir-token" }] }),
      withCredentials(demoConnection("hr-system"), {
        httpBasicCredentials: { username: "hr", password: "hr-pw" },
      }),
      testConnection("tenant-a", { tokens: ["a-token"], documentationUri: "https://docs.example.com/a" }),
      testConnection("tenant-b", { tokens: ["b-token"] }),
      testConnection("disabler", { tokens: ["d-token"], actionOnDelete: "DISABLE_USER", groupSupport: true }),
    ],
  });
  directory = server.as("Bearer dir-token");
  hr = server.as(basicHeader("hr", "hr-pw"));
  tenantA = server.as("Bearer a-token");
  tenantB = server.as("Bearer b-token");
  disabler = server.as("Bearer d-token");
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Ids the SQLite adapter keeps in "disable" mode (PingFederate DISABLE_USER keeps the entry for audit). */
function disabledIds(): string[] {
  const reader = new Database(db, { readonly: true });
  try {
    return (reader.prepare("SELECT id FROM disabled_entries").all() as { id: string }[]).map((r) => r.id);
  } finally {
    reader.close();
  }
}

async function status(
  client: Client,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<number> {
  const response = await client.request(path, init);
  const body = (await response.text()) || "{}";
  if (response.status >= 400)
    assert.deepEqual((JSON.parse(body) as Json).schemas, [errorUrn], `${path}: ${body}`);
  return response.status;
}

describe("User Support vs User and Group Support", () => {
  const cases: [string, { method: string; path: string; json?: unknown }][] = [
    ["GET /Groups", { method: "GET", path: "/Groups" }],
    ["POST /Groups", { method: "POST", path: "/Groups", json: groupBody("Admins") }],
    ["GET /Groups/{id}", { method: "GET", path: "/Groups/some-id" }],
    ["POST /Groups/.search", { method: "POST", path: "/Groups/.search", json: { schemas: [searchUrn] } }],
    ["GET /ResourceTypes/Group", { method: "GET", path: "/ResourceTypes/Group" }],
    [
      "GET /Schemas/urn:…:Group",
      { method: "GET", path: "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group" },
    ],
  ];
  for (const [name, { method, path, json }] of cases) {
    it(`answers ${name} with 404 on a users-only connection`, async () => {
      assert.equal(await status(hr, path, { method, ...(json === undefined ? {} : { json }) }), 404);
    });
  }

  it("lists no Group resource type or schema for a users-only connection, both for one with groups", async () => {
    const names = async (client: Client, path: string) =>
      ((await client.json(path, 200)).Resources as Json[]).map((r) => String(r.id));
    assert.deepEqual(await names(hr, "/ResourceTypes"), ["User"]);
    assert.deepEqual(await names(directory, "/ResourceTypes"), ["User", "Group"]);
    assert.equal(
      (await names(hr, "/Schemas")).includes("urn:ietf:params:scim:schemas:core:2.0:Group"),
      false,
    );
    assert.ok((await names(directory, "/Schemas")).includes("urn:ietf:params:scim:schemas:core:2.0:Group"));
  });

  it("refuses a Bulk operation on /Groups of a users-only connection with 404 for that operation", async () => {
    const answer = await hr.json("/Bulk", 200, {
      method: "POST",
      json: {
        schemas: [bulkUrn],
        Operations: [{ method: "POST", path: "/Groups", bulkId: "g", data: groupBody("X") }],
      },
    });
    assert.equal(((answer.Operations as Json[])[0] as Json).status, "404");
  });
});

describe("actionOnDelete", () => {
  it("DISABLE_USER: the user answers 404 to every later operation, leaves lists and filters, and frees its userName", async () => {
    const carol = await hr.json("/Users", 201, {
      method: "POST",
      json: userBody("carol", { externalId: "E-1" }),
    });
    const id = String(carol.id);
    assert.equal(await status(hr, `/Users/${id}`, { method: "DELETE" }), 204);
    const later: [string, RequestInit & { json?: unknown }][] = [
      ["GET", {}],
      ["PUT", { json: userBody("carol") }],
      [
        "PATCH",
        { json: { schemas: [patchUrn], Operations: [{ op: "replace", path: "externalId", value: "E-2" }] } },
      ],
      ["DELETE", {}],
    ];
    for (const [method, init] of later) {
      assert.equal(await status(hr, `/Users/${id}`, { method, ...init }), 404, `${method} after disable`);
    }
    assert.equal((await hr.json(`/Users?${filter('userName eq "carol"')}`, 200)).totalResults, 0);
    assert.equal((await hr.json(`/Users?${filter('externalId eq "E-1"')}`, 200)).totalResults, 0);
    const listed = (await hr.json("/Users?count=1000", 200)).Resources as Json[];
    assert.equal(
      listed.some((u) => u.id === id),
      false,
    );
    const again = await hr.json("/Users", 201, { method: "POST", json: userBody("carol") });
    assert.notEqual(again.id, id, "re-creating the userName makes a new user");
    assert.ok(disabledIds().includes(id), "the entry is kept, disabled");
  });

  it("PERMANENTLY_DELETE_USER: the user is removed", async () => {
    const dave = await directory.json("/Users", 201, { method: "POST", json: userBody("dave") });
    assert.equal(await status(directory, `/Users/${dave.id}`, { method: "DELETE" }), 204);
    assert.equal(await status(directory, `/Users/${dave.id}`), 404);
    assert.equal(disabledIds().includes(String(dave.id)), false);
    await directory.json("/Users", 201, { method: "POST", json: userBody("dave") });
  });

  it("removes a Group on DELETE even when users are only disabled", async () => {
    const user = await disabler.json("/Users", 201, { method: "POST", json: userBody("erin") });
    const group = await disabler.json("/Groups", 201, {
      method: "POST",
      json: groupBody("Ops", [String(user.id)]),
    });
    assert.equal(await status(disabler, `/Groups/${group.id}`, { method: "DELETE" }), 204);
    assert.equal(await status(disabler, `/Groups/${group.id}`), 404);
    assert.equal(disabledIds().includes(String(group.id)), false, "a group is never kept disabled");
    await disabler.json("/Groups", 201, { method: "POST", json: groupBody("Ops") });
  });
});

describe("customScim2Schema", () => {
  it("is served in /Schemas and as an optional User extension in /ResourceTypes", async () => {
    const schema = await hr.json(`/Schemas/${acme}`, 200);
    const attributes = schema.attributes as Json[];
    const badge = attributes.find((a) => a.name === "badgeNumber");
    assert.deepEqual(
      { type: badge?.type, uniqueness: badge?.uniqueness, caseExact: badge?.caseExact },
      { type: "string", uniqueness: "server", caseExact: true },
    );
    const user = await hr.json("/ResourceTypes/User", 200);
    assert.deepEqual(
      (user.schemaExtensions as Json[]).find((e) => e.schema === acme),
      { schema: acme, required: false },
    );
    assert.equal(await status(directory, `/Schemas/${acme}`), 404, "another connection does not serve it");
  });

  it("stores extension values through the mapping, returns them and filters on them", async () => {
    const created = await hr.json("/Users", 201, {
      method: "POST",
      json: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", acme],
        userName: "frank",
        [acme]: { badgeNumber: "B-77", clearanceLevel: 3, skills: ["go", "sql"], workstation: { floor: 4 } },
      },
    });
    const read = await hr.json(`/Users/${created.id}`, 200);
    assert.deepEqual(read[acme], {
      badgeNumber: "B-77",
      clearanceLevel: 3,
      skills: ["go", "sql"],
      workstation: { floor: 4 },
    });
    assert.ok((read.schemas as string[]).includes(acme));
    const found = await hr.json(`/Users?${filter(`${acme}:badgeNumber eq "B-77"`)}`, 200);
    assert.deepEqual(
      (found.Resources as Json[]).map((u) => u.id),
      [created.id],
    );
    assert.equal((await hr.json(`/Users?${filter(`${acme}:clearanceLevel gt 2`)}`, 200)).totalResults, 1);
  });

  it("validates extension values against the schema", async () => {
    const response = await hr.request("/Users", {
      method: "POST",
      json: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", acme],
        userName: "gina",
        [acme]: { clearanceLevel: "high" },
      },
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).scimType, "invalidValue");
  });

  it("keeps a uniqueness: server extension attribute unique within the connection", async () => {
    const body = (userName: string) => ({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", acme],
      userName,
      [acme]: { badgeNumber: "B-unique" },
    });
    await hr.json("/Users", 201, { method: "POST", json: body("hank") });
    const clash = await hr.request("/Users", { method: "POST", json: body("ivan") });
    assert.equal(clash.status, 409);
  });
});

describe("serviceProviderConfig.documentationUri", () => {
  it("appears in the connection's /ServiceProviderConfig and nowhere else", async () => {
    assert.equal(
      (await tenantA.json("/ServiceProviderConfig", 200)).documentationUri,
      "https://docs.example.com/a",
    );
    assert.equal("documentationUri" in (await tenantB.json("/ServiceProviderConfig", 200)), false);
  });
});

describe("tenant isolation", () => {
  let alice: Json;
  let team: Json;
  before(async () => {
    alice = await tenantA.json("/Users", 201, {
      method: "POST",
      json: userBody("shared", { displayName: "A's" }),
    });
    team = await tenantA.json("/Groups", 201, {
      method: "POST",
      json: groupBody("Team", [String(alice.id)]),
    });
  });

  it("lets two connections hold the same userName", async () => {
    const own = await tenantB.json("/Users", 201, {
      method: "POST",
      json: userBody("shared", { displayName: "B's" }),
    });
    assert.notEqual(own.id, alice.id);
  });

  const foreign: [string, () => { method: string; path: string; json?: unknown }][] = [
    ["GET a User", () => ({ method: "GET", path: `/Users/${alice.id}` })],
    ["PUT a User", () => ({ method: "PUT", path: `/Users/${alice.id}`, json: userBody("shared") })],
    [
      "PATCH a User",
      () => ({
        method: "PATCH",
        path: `/Users/${alice.id}`,
        json: { schemas: [patchUrn], Operations: [{ op: "replace", path: "displayName", value: "x" }] },
      }),
    ],
    ["DELETE a User", () => ({ method: "DELETE", path: `/Users/${alice.id}` })],
    ["GET a Group", () => ({ method: "GET", path: `/Groups/${team.id}` })],
    [
      "PATCH a Group",
      () => ({
        method: "PATCH",
        path: `/Groups/${team.id}`,
        json: { schemas: [patchUrn], Operations: [{ op: "remove", path: "members" }] },
      }),
    ],
    ["DELETE a Group", () => ({ method: "DELETE", path: `/Groups/${team.id}` })],
  ];
  for (const [name, request] of foreign) {
    it(`answers 404 when another connection tries to ${name} by id`, async () => {
      const { method, path, json } = request();
      assert.equal(await status(tenantB, path, { method, ...(json === undefined ? {} : { json }) }), 404);
    });
  }

  const searches: [string, (c: Client) => Promise<Json>][] = [
    ["a filter on /Users", (c) => c.json(`/Users?${filter('userName eq "shared"')}`, 200)],
    ["a list of /Users", (c) => c.json("/Users?count=1000", 200)],
    [
      "/Users/.search",
      (c) =>
        c.json("/Users/.search", 200, {
          method: "POST",
          json: { schemas: [searchUrn], filter: 'userName eq "shared"' },
        }),
    ],
    ["a filter at the root", (c) => c.json(`/?${filter('displayName pr or userName eq "shared"')}`, 200)],
    [
      "/.search at the root",
      (c) =>
        c.json("/.search", 200, {
          method: "POST",
          json: { schemas: [searchUrn], filter: 'displayName eq "Team"' },
        }),
    ],
    ["a filter on group members", (c) => c.json(`/Groups?${filter(`members[value eq "${alice.id}"]`)}`, 200)],
  ];
  const ownedByA = (r: Json) => r.id === alice.id || r.id === team.id || r.displayName === "A's";
  for (const [name, search] of searches) {
    it(`shows another connection none of its resources in ${name}`, async () => {
      const mine = ((await search(tenantA)).Resources as Json[] | undefined) ?? [];
      assert.ok(mine.some(ownedByA), "the owner finds them with the same request");
      const seen = ((await search(tenantB)).Resources as Json[] | undefined) ?? [];
      assert.equal(seen.some(ownedByA), false, JSON.stringify(seen));
    });
  }

  it("keeps Bulk operations inside the connection", async () => {
    const answer = await tenantB.json("/Bulk", 200, {
      method: "POST",
      json: {
        schemas: [bulkUrn],
        Operations: [
          { method: "DELETE", path: `/Users/${alice.id}` },
          {
            method: "PATCH",
            path: `/Groups/${team.id}`,
            data: { schemas: [patchUrn], Operations: [{ op: "remove", path: "members" }] },
          },
          { method: "POST", path: "/Groups", bulkId: "g", data: groupBody("Theirs", [String(alice.id)]) },
        ],
      },
    });
    assert.deepEqual(
      (answer.Operations as Json[]).map((o) => o.status),
      ["404", "404", "400"],
    );
  });

  it("leaves the owner's data untouched by everything above", async () => {
    const user = await tenantA.json(`/Users/${alice.id}`, 200);
    assert.equal(user.displayName, "A's");
    const group = await tenantA.json(`/Groups/${team.id}`, 200);
    assert.deepEqual(
      (group.members as Json[]).map((m) => m.value),
      [alice.id],
    );
  });
});

describe("tenant isolation of /Me (RFC 7644 §3.11)", () => {
  // /Me aliases the User a credential is linked to. Configured credentials link none, so this test wraps
  // the configured resolver to link every credential to one id, and shows that the id only resolves inside
  // the credential's own connection.
  let running: RunningServer;
  let linked: string | undefined;
  const call = (token: string, method = "GET", json?: unknown) =>
    fetch(`${running.url}/Me`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  before(async () => {
    const datastore = new MemoryDatastore();
    const resolver = new ConfiguredResolver({ datastore, hasher: cheapHasher, anchorsConfigured: false });
    const opened = await ConnectionCatalog.open(
      [
        { path: "idpConnections[0]", raw: testConnection("me-a", { tokens: ["me-a"] }) },
        { path: "idpConnections[1]", raw: testConnection("me-b", { tokens: ["me-b"] }) },
      ],
      {
        datastore,
        hasher: cheapHasher,
        resolver,
        spec: specDefinitions(),
        log: pino({ level: "silent" }),
        announce: () => {},
      },
    );
    assert.ok(opened.ok);
    const linking: ConnectionResolver = {
      get authenticationSchemes() {
        return resolver.authenticationSchemes;
      },
      connections: () => resolver.connections(),
      resolve: async (credential) => {
        const auth = await resolver.resolve(credential);
        return auth === undefined ? undefined : { ...auth, linkedUserId: linked };
      },
    };
    running = await startServer({
      resolver: linking,
      provisioning: new Provisioning({ hasher: cheapHasher }),
    });
    const created = await fetch(`${running.url}/Users`, {
      method: "POST",
      headers: { Authorization: "Bearer me-a", "Content-Type": "application/scim+json" },
      body: JSON.stringify(userBody("me-user")),
    });
    linked = String(((await created.json()) as Json).id);
  });
  after(() => running.close());

  it("resolves the linked User for its own connection", async () => {
    const response = await call("me-a");
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as Json).userName, "me-user");
  });

  const methods: [string, unknown][] = [
    ["GET", undefined],
    ["PUT", userBody("me-user")],
    ["PATCH", { schemas: [patchUrn], Operations: [{ op: "replace", path: "displayName", value: "x" }] }],
    ["DELETE", undefined],
  ];
  for (const [method, json] of methods) {
    it(`answers ${method} /Me with 404 when the linked id belongs to another connection`, async () => {
      assert.equal((await call("me-b", method, json)).status, 404);
    });
  }

  it("leaves the User in place", async () => {
    assert.equal((await call("me-a")).status, 200);
  });
});
