// biome-ignore-all lint/suspicious/noTemplateCurlyInString: PingFederate's uid=${userName} filters are plain strings here
// The connections admin API through HTTP (connections issue "Admin API"; PingFederate
// /pf-admin-api/v1/sp/idpConnections, pingfederate-model.md §2 and §3 items 24–28): its own credential,
// list/get/create/replace/delete, PingFederate's validation rules as 422 ApiResult field errors, 404
// ApiResult for unknown ids, write-only secrets (encryptedPassword reference kept when sent back, bearer
// tokens by id), changes live without a restart and persisted in the store, data kept after a delete.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { basicHeader, testConnection } from "../../connections/connection-fixtures.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import {
  adminToken,
  type Client,
  type ConfiguredServer,
  type Json,
  startConfiguredServer,
  userBody,
} from "../configured-test-server.js";

let dir: string;
let db: string;
let server: ConfiguredServer;
let admin: Client;
const fileConnections = [
  testConnection("alpha", {
    basic: { username: "alpha", password: "alpha-pw" },
    tokens: [{ id: "old", token: "alpha-old" }],
  }),
];
const start = () => startConfiguredServer({ db, connections: fileConnections });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "scim-admin-"));
  db = join(dir, "scim.sqlite");
  server = await start();
  admin = server.admin();
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const scim = (authorization: string) => server.as(authorization);

async function apiResult(response: Response, status: number): Promise<Json> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get("Content-Type") ?? "", /^application\/json/);
  const body = JSON.parse(text) as Json;
  assert.equal(typeof body.resultId, "string");
  assert.equal(typeof body.message, "string");
  return body;
}

describe("admin API credentials", () => {
  const refused: [string, string | null][] = [
    ["no credential", null],
    ["a SCIM bearer token", "Bearer alpha-old"],
    ["a SCIM Basic credential", basicHeader("alpha", "alpha-pw")],
    ["a wrong admin token", "Bearer not-the-admin-token"],
  ];
  for (const [name, authorization] of refused) {
    it(`refuses ${name} with 401 and an ApiResult`, async () => {
      const body = await apiResult(await server.admin(authorization).request(""), 401);
      assert.equal(body.resultId, "unauthorized");
    });
  }

  it("challenges with its own realm", async () => {
    const response = await server.admin(null).request("");
    assert.equal(response.headers.get("WWW-Authenticate"), 'Bearer realm="scim-admin"');
  });

  it("is not a SCIM credential", async () => {
    const response = await scim(`Bearer ${adminToken}`).request("/Users");
    assert.equal(response.status, 401);
  });
});

describe("admin API reads", () => {
  it("lists connections as PingFederate does ({ items }), filterable by entityId", async () => {
    const all = await admin.json("", 200);
    assert.deepEqual(
      (all.items as Json[]).map((c) => c.id),
      ["alpha"],
    );
    assert.deepEqual((await admin.json("?entityId=urn:test:nobody", 200)).items, []);
  });

  it("never returns a secret: the password reads back as encryptedPassword, tokens as their ids", async () => {
    const response = await admin.request("/alpha");
    const text = await response.text();
    assert.equal(response.status, 200);
    for (const secret of ["alpha-pw", "alpha-old", "scrypt$"])
      assert.equal(text.includes(secret), false, secret);
    const view = JSON.parse(text) as Json;
    const auth = (view.credentials as Json).inboundBackChannelAuth as Json;
    assert.deepEqual(Object.keys(auth.httpBasicCredentials as Json).sort(), [
      "encryptedPassword",
      "username",
    ]);
    assert.match(
      String((auth.httpBasicCredentials as Json).encryptedPassword),
      /^hashref:[A-Za-z0-9_-]{43}$/,
    );
    assert.deepEqual(auth.bearerTokens, [{ id: "old" }]);
  });

  it("makes defaults and computed fields explicit", async () => {
    const view = await admin.json("/alpha", 200);
    const inbound = view.inboundProvisioning as Json;
    assert.equal(inbound.scimVersion, "SCIM20");
    assert.equal(inbound.actionOnDelete, "PERMANENTLY_DELETE_USER");
    const contract = ((inbound.users as Json).readUsers as Json).attributeContract as Json;
    assert.deepEqual((contract.coreAttributes as Json[]).map((a) => a.name).sort(), [
      "displayName",
      "externalId",
      "userName",
    ]);
  });

  it("answers an unknown id with 404 and an ApiResult", async () => {
    const body = await apiResult(await admin.request("/nope"), 404);
    assert.equal(body.resultId, "resource_not_found");
    await apiResult(await admin.request("/nope", { method: "PUT", json: testConnection("nope") }), 404);
    await apiResult(await admin.request("/nope", { method: "DELETE" }), 404);
  });

  it("answers other paths and methods with ApiResults", async () => {
    await apiResult(await admin.request(server.adminUrl.replace(/idpConnections$/, "elsewhere")), 404);
    const wrong = await admin.request("/alpha", { method: "POST", json: {} });
    await apiResult(wrong, 405);
  });
});

/** A valid connection with one change applied to a copy. */
function variant(id: string, change: (c: Json) => void, options = {}): JsonObject {
  const connection = testConnection(id, { tokens: [`${id}-token`], ...options }) as Json;
  change(connection);
  return connection as JsonObject;
}

const inbound = (c: Json) => c.inboundProvisioning as Json;
const writeUsers = (c: Json) =>
  ((inbound(c).users as Json).writeUsers as Json).attributeFulfillment as Record<string, unknown>;
const readUsers = (c: Json) =>
  ((inbound(c).users as Json).readUsers as Json).attributeFulfillment as Record<string, unknown>;
const authOf = (c: Json) => (c.credentials as Json).inboundBackChannelAuth as Json;

describe("admin API validation (422, PingFederate's rules)", () => {
  const cases: [string, { body: JsonObject; fieldPath: string | RegExp; errorId: string }][] = [
    [
      "groups without groupSupport",
      {
        body: variant("v1", (c) => {
          inbound(c).groupSupport = false;
        }),
        fieldPath: "inboundProvisioning.groups",
        errorId: "invalid_mapping",
      },
    ],
    [
      "a Basic username another connection uses",
      {
        body: variant("v2", (c) => {
          authOf(c).httpBasicCredentials = { username: "ALPHA", password: "x" };
        }),
        fieldPath: "credentials.inboundBackChannelAuth.httpBasicCredentials.username",
        errorId: "duplicate",
      },
    ],
    [
      "a bearer token another connection accepts",
      {
        body: variant("v3", (c) => {
          authOf(c).bearerTokens = [{ id: "x", token: "alpha-old" }];
        }),
        fieldPath: "credentials.inboundBackChannelAuth.bearerTokens[0].token",
        errorId: "duplicate",
      },
    ],
    [
      "an unknown source type",
      {
        body: variant("v4", (c) => {
          writeUsers(c).username = { source: { type: "JDBC_DATA_STORE" }, value: "userName" };
        }),
        fieldPath: /^inboundProvisioning\.users\.writeUsers\.attributeFulfillment\.username/,
        errorId: "invalid_mapping",
      },
    ],
    [
      "an engine-owned target",
      {
        body: variant("v5", (c) => {
          readUsers(c).id = { source: { type: "IDENTITY_STORE_USER" }, value: "username" };
        }),
        fieldPath: /^inboundProvisioning\.users\.readUsers\.attributeFulfillment\.id/,
        errorId: "invalid_mapping",
      },
    ],
    [
      "an expression that does not compile",
      {
        body: variant("v6", (c) => {
          writeUsers(c).display = { source: { type: "EXPRESSION" }, value: "$substring(" };
        }),
        fieldPath: /^inboundProvisioning\.users\.writeUsers\.attributeFulfillment\.display/,
        errorId: "invalid_mapping",
      },
    ],
    [
      "an unknown repository type",
      {
        body: variant("v7", (c) => {
          inbound(c).userRepository = { type: "JDBC" };
        }),
        fieldPath: "inboundProvisioning.userRepository.type",
        errorId: "invalid_value",
      },
    ],
    [
      "a datastore that is not configured",
      {
        body: variant("v8", (c) => {
          inbound(c).userRepository = {
            type: "LDAP",
            dataStoreRef: { id: "ad" },
            uniqueUserIdFilter: "uid=${userName}",
          };
        }),
        fieldPath: "inboundProvisioning.userRepository.dataStoreRef.id",
        errorId: "invalid_value",
      },
    ],
    [
      "LDAP groups without uniqueGroupIdFilter",
      {
        body: variant("v9", (c) => {
          inbound(c).userRepository = {
            type: "LDAP",
            dataStoreRef: { id: "embedded" },
            uniqueUserIdFilter: "uid=${userName}",
          };
        }),
        fieldPath: "inboundProvisioning.userRepository.uniqueGroupIdFilter",
        errorId: "required",
      },
    ],
    [
      "an unknown actionOnDelete",
      {
        body: variant("v10", (c) => {
          inbound(c).actionOnDelete = "ARCHIVE";
        }),
        fieldPath: "inboundProvisioning.actionOnDelete",
        errorId: "invalid_value",
      },
    ],
    [
      "SCIM 1.1",
      {
        body: variant("v11", (c) => {
          inbound(c).scimVersion = "SCIM11";
        }),
        fieldPath: "inboundProvisioning.scimVersion",
        errorId: "not_supported",
      },
    ],
    [
      "no credential at all",
      {
        body: variant("v12", (c) => {
          c.credentials = { inboundBackChannelAuth: { type: "INBOUND" } };
        }),
        fieldPath: "credentials.inboundBackChannelAuth",
        errorId: "required",
      },
    ],
    [
      "a misspelt credential field",
      {
        body: variant("v13", (c) => {
          authOf(c).bearerToken = "x";
        }),
        fieldPath: "credentials.inboundBackChannelAuth.bearerToken",
        errorId: "unknown_field",
      },
    ],
    [
      "a subject DN that is not a DN",
      {
        body: variant("v14", (c) => {
          authOf(c).verificationSubjectDN = "client certificate of ACME";
        }),
        fieldPath: "credentials.inboundBackChannelAuth.verificationSubjectDN",
        errorId: "invalid_dn",
      },
    ],
    [
      "a pinned certificate that is not one",
      {
        body: variant("v15", (c) => {
          authOf(c).certs = [
            { x509File: { fileData: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" } },
          ];
        }),
        fieldPath: "credentials.inboundBackChannelAuth.certs[0].x509File.fileData",
        errorId: "invalid_certificate",
      },
    ],
    [
      "an id that is taken",
      {
        body: variant("alpha", (c) => {
          c.entityId = "urn:test:other";
        }),
        fieldPath: "id",
        errorId: "duplicate",
      },
    ],
    [
      "an entityId that is taken",
      {
        body: variant("v17", (c) => {
          c.entityId = "urn:test:alpha";
        }),
        fieldPath: "entityId",
        errorId: "duplicate",
      },
    ],
    [
      "an invalid custom schema attribute type",
      {
        body: variant("v18", (c) => {
          inbound(c).customScim2Schema = {
            namespace: "urn:example:ext:2.0:User",
            attributes: [{ name: "n", type: "FLOAT" }],
          };
        }),
        fieldPath: /^inboundProvisioning\.customScim2Schema\.attributes\[0\]\.type/,
        errorId: "invalid_mapping",
      },
    ],
    [
      "a documentationUri that is not a URI",
      {
        body: variant("v19", (c) => {
          inbound(c).serviceProviderConfig = { documentationUri: "see wiki" };
        }),
        fieldPath: "inboundProvisioning.serviceProviderConfig.documentationUri",
        errorId: "invalid_value",
      },
    ],
  ];
  for (const [name, { body, fieldPath, errorId }] of cases) {
    it(`refuses ${name}`, async () => {
      const result = await apiResult(await admin.request("", { method: "POST", json: body }), 422);
      assert.equal(result.resultId, "validation_error");
      const errors = result.validationErrors as Json[];
      const hit = errors.find((e) =>
        typeof fieldPath === "string" ? e.fieldPath === fieldPath : fieldPath.test(String(e.fieldPath)),
      );
      assert.ok(hit, `no error at ${fieldPath}: ${JSON.stringify(errors)}`);
      assert.equal(hit.errorId, errorId);
      assert.ok(String(hit.message).length > 20, "the message says what is wrong and how to fix it");
      assert.equal(
        (await admin.request(`/${body.id}`)).status,
        body.id === "alpha" ? 200 : 404,
        "nothing was created",
      );
    });
  }

  it("reports every issue in one answer, cross-connection rules included", async () => {
    const body = variant("v20", (c) => {
      inbound(c).groupSupport = false;
      authOf(c).httpBasicCredentials = { username: "alpha", password: "x" };
    });
    const result = await apiResult(await admin.request("", { method: "POST", json: body }), 422);
    assert.deepEqual((result.validationErrors as Json[]).map((e) => e.fieldPath).sort(), [
      "credentials.inboundBackChannelAuth.httpBasicCredentials.username",
      "inboundProvisioning.groups",
    ]);
  });

  const malformed: [string, RequestInit, number][] = [
    ["malformed JSON", { method: "POST", body: "{", headers: { "Content-Type": "application/json" } }, 400],
    [
      "a body that is not JSON",
      { method: "POST", body: "id=x", headers: { "Content-Type": "text/plain" } },
      415,
    ],
    ["an empty body", { method: "POST", headers: { "Content-Type": "application/json" } }, 400],
  ];
  for (const [name, init, status] of malformed) {
    it(`refuses ${name} with ${status}`, async () => {
      await apiResult(await admin.request("", init), status);
    });
  }
});

describe("admin API changes", () => {
  it("creates a connection that serves at once (201 + Location)", async () => {
    const response = await admin.request("", {
      method: "POST",
      json: testConnection("gamma", { tokens: ["gamma-token"], groupSupport: false }),
    });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get("Location"), `${server.adminUrl}/gamma`);
    const gamma = scim("Bearer gamma-token");
    await gamma.json("/Users", 201, { method: "POST", json: userBody("g-user") });
    const types = (await gamma.json("/ResourceTypes", 200)).Resources as Json[];
    assert.deepEqual(
      types.map((t) => t.id),
      ["User"],
    );
  });

  it("generates an id when the body has none", async () => {
    const { id: _omit, ...body } = testConnection("ignored", { tokens: ["anon-token"] });
    const created = await admin.json("", 201, {
      method: "POST",
      json: { ...body, entityId: "urn:test:anon" },
    });
    assert.match(String(created.id), /^[A-Za-z0-9._-]+$/);
  });

  it("keeps the password and tokens when the read-back values are sent back", async () => {
    const view = await admin.json("/alpha", 200);
    const replaced = await admin.json("/alpha", 200, {
      method: "PUT",
      json: { ...view, name: "Alpha, renamed" },
    });
    assert.equal(replaced.name, "Alpha, renamed");
    await scim(basicHeader("alpha", "alpha-pw")).json("/Users", 200);
    await scim("Bearer alpha-old").json("/Users", 200);
  });

  it("refuses an encryptedPassword that is not the stored one", async () => {
    const view = await admin.json("/alpha", 200);
    const auth = authOf(view);
    auth.httpBasicCredentials = { username: "alpha", encryptedPassword: "hashref:not-the-one" };
    const result = await apiResult(await admin.request("/alpha", { method: "PUT", json: view }), 422);
    assert.deepEqual(
      (result.validationErrors as Json[]).map((e) => [e.fieldPath, e.errorId]),
      [["credentials.inboundBackChannelAuth.httpBasicCredentials.encryptedPassword", "stale_secret"]],
    );
  });

  it("refuses a body whose id differs from the URL's", async () => {
    const view = await admin.json("/alpha", 200);
    await apiResult(await admin.request("/alpha", { method: "PUT", json: { ...view, id: "beta" } }), 422);
  });

  it("applies a new password and rotated tokens at once: old ones fail, verified-credential cache included", async () => {
    const old = scim(basicHeader("alpha", "alpha-pw"));
    await old.json("/Users", 200);
    const view = await admin.json("/alpha", 200);
    const auth = authOf(view);
    auth.httpBasicCredentials = { username: "alpha", password: "alpha-pw-2" };
    auth.bearerTokens = [{ id: "new", token: "alpha-new" }];
    await admin.json("/alpha", 200, { method: "PUT", json: view });
    assert.equal((await old.request("/Users")).status, 401, "the old password stops working");
    assert.equal(
      (await scim("Bearer alpha-old").request("/Users")).status,
      401,
      "the dropped token stops working",
    );
    await scim(basicHeader("alpha", "alpha-pw-2")).json("/Users", 200);
    await scim("Bearer alpha-new").json("/Users", 200);
  });

  it("regenerates discovery when group support changes", async () => {
    const alpha = scim("Bearer alpha-new");
    await alpha.json("/Groups", 200);
    const view = await admin.json("/alpha", 200);
    const inboundView = inbound(view);
    inboundView.groupSupport = false;
    delete inboundView.groups;
    await admin.json("/alpha", 200, { method: "PUT", json: view });
    assert.equal((await alpha.request("/Groups")).status, 404);
    const types = (await alpha.json("/ResourceTypes", 200)).Resources as Json[];
    assert.deepEqual(
      types.map((t) => t.id),
      ["User"],
    );
  });

  it("deletes a connection: its credentials stop working, its data stays for a connection re-created with the id", async () => {
    const body = testConnection("delta", { tokens: ["delta-token"] });
    await admin.json("", 201, { method: "POST", json: body });
    const delta = scim("Bearer delta-token");
    const kept = await delta.json("/Users", 201, { method: "POST", json: userBody("kept") });
    assert.equal((await admin.request("/delta", { method: "DELETE" })).status, 204);
    assert.equal((await delta.request("/Users")).status, 401);
    assert.equal((await admin.request("/delta")).status, 404);
    await admin.json("", 201, { method: "POST", json: body });
    assert.equal((await delta.json(`/Users/${kept.id}`, 200)).userName, "kept");
    assert.equal((await admin.request("/delta", { method: "DELETE" })).status, 204);
  });

  it("persists every change in the store: a restart serves the same connections", async () => {
    await server.close();
    server = await start();
    admin = server.admin();
    const ids = ((await admin.json("", 200)).items as Json[]).map((c) => c.id);
    assert.ok(ids.includes("gamma"));
    assert.equal(ids.includes("delta"), false, "a deletion survives the restart");
    assert.equal(
      (await admin.json("/alpha", 200)).name,
      "Alpha, renamed",
      "the admin change wins over the file",
    );
    await scim("Bearer gamma-token").json("/Users", 200);
    await scim(basicHeader("alpha", "alpha-pw-2")).json("/Users", 200);
    assert.equal((await scim(basicHeader("alpha", "alpha-pw")).request("/Users")).status, 401);
  });
});

describe("generated admin token", () => {
  it("is announced once, stored as a hash, and survives a restart", async () => {
    const file = join(dir, "generated.sqlite");
    const options = { db: file, env: {}, connections: [testConnection("solo", { tokens: ["solo"] })] };
    const first = await startConfiguredServer(options);
    const token = /Bearer (scimadmin_\S+)/.exec(first.announcements.join("\n"))?.[1];
    assert.ok(token, first.announcements.join("\n"));
    await first.admin(`Bearer ${token}`).json("", 200);
    await first.close();
    const second = await startConfiguredServer(options);
    try {
      assert.equal(second.announcements.length, 0);
      await second.admin(`Bearer ${token}`).json("", 200);
    } finally {
      await second.close();
    }
  });
});
