// The authentication matrix (issue "Reliability and security": authentication matrix): every SCIM route
// (route-table.ts, checked against the real router) × every way of not being the owner of the data:
// no credentials, a wrong password, an unknown bearer token, the admin token, a client certificate from an
// untrusted CA (same DN as a trusted one), another connection's valid Basic credentials and another
// connection's valid client certificate. Over HTTPS with client certificates requested (RFC 7644 §7.2).
// - Refused credentials: 401 with WWW-Authenticate (RFC 7235 §4.1; `error="invalid_token"` for a bearer
//   token, RFC 6750 §3.1) and a SCIM error body (RFC 7644 §3.12). GET /ServiceProviderConfig with nothing
//   sent is the one exception: 200, server-wide (RFC 7643 §5).
// - Another connection's valid credentials: 404 for the first connection's resources, and nothing of
//   them anywhere else (PingFederate: each IdP connection is its own tenant).
// - In every answer: not one byte of the other connection's data (its marker values and ids), and at the
//   end the other connection's resources are exactly as they were.
// - The admin API refuses every SCIM credential, and SCIM refuses the admin token.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { demoConnections, testConnection } from "../../reference/connections/connection-fixtures.js";
import { type RawResponse, type RawTarget, sendRaw } from "../reliability/support/raw-http.js";
import {
  basic,
  demoAuth,
  type ReferenceUnderTest,
  startReferenceUnderTest,
} from "../reliability/support/reference-under-test.js";
import { recordFigures } from "../reliability/support/scale.js";
import { scimErrorProblems } from "../reliability/support/scim-error-shape.js";
import { adminRoutes, type RouteRow, scimRoutes } from "./route-table.js";

const openssl = "/usr/bin/openssl";
const skip = existsSync(openssl)
  ? false
  : `${openssl} is not installed (fixtures/tls/make-test-pki.sh needs it)`;
const pkiScript = new URL("../../fixtures/tls/make-test-pki.sh", import.meta.url).pathname;
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const groupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
const patchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const bulkUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const searchUrn = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

type Json = Record<string, unknown>;

/** Who asks: an Authorization header and/or a client certificate (a file stem in the PKI folder). */
interface Caller {
  readonly authorization?: string;
  readonly certificate?: string;
}

interface Tenant {
  readonly marker: string;
  readonly userId: string;
  readonly groupId?: string;
  /** Its data values and ids: none may appear in another tenant's answers unless the request held it. */
  readonly secrets: readonly string[];
}

describe("authentication matrix over HTTPS", { skip }, () => {
  let dir: string;
  let server: ReferenceUnderTest;
  let target: RawTarget;
  let base: string;
  let directory: Tenant;
  let hr: Tenant;
  let probe = 0;
  let sent = 0;
  const started = Date.now();
  const pem = (name: string) => readFileSync(join(dir, name));

  function send(caller: Caller, method: string, path: string, body?: unknown): Promise<RawResponse> {
    sent += 1;
    const tls = {
      ca: pem("ca.pem"),
      ...(caller.certificate === undefined
        ? {}
        : { cert: pem(`${caller.certificate}.pem`), key: pem(`${caller.certificate}.key`) }),
    };
    return sendRaw(
      { ...target, tls },
      {
        method,
        target: path,
        headers: [
          ...(caller.authorization === undefined ? [] : [["Authorization", caller.authorization] as const]),
          ["Content-Type", "application/scim+json"],
        ],
        ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
      },
    );
  }

  async function create(caller: Caller, path: string, body: Json): Promise<string> {
    const response = await send(caller, "POST", `${base}${path}`, body);
    assert.equal(response.status, 201, response.body.toString());
    return (JSON.parse(response.body.toString()) as { id: string }).id;
  }

  async function versionOf(caller: Caller, path: string): Promise<string | undefined> {
    const response = await send(caller, "GET", `${base}${path}`);
    assert.equal(response.status, 200, `${path}: ${response.body.toString()}`);
    return response.headers.etag;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "scim-authz-"));
    execFileSync("sh", [pkiScript, dir], { stdio: "ignore" });
    // The demo connections, plus one selected by a CA-anchored client certificate (PingFederate D-bca).
    const connections = [
      ...demoConnections(),
      testConnection("cert-anchored", {
        auth: {
          verificationSubjectDN: "CN=scim-client,OU=Provisioning,O=Example Corp,C=US",
          verificationIssuerDN: "CN=SCIM Test CA,O=Example Corp",
        },
      }),
    ];
    server = await startReferenceUnderTest({
      dir,
      config: undefined,
      configDocument: { idpConnections: connections },
      tls: { cert: join(dir, "server.pem"), key: join(dir, "server.key"), ca: join(dir, "ca.pem") },
      throttle: false,
    });
    const url = new URL(server.url);
    target = { host: url.hostname, port: Number(url.port) };
    base = url.pathname;
    const a = `mkA${randomBytes(6).toString("hex")}`;
    const aUser = await create({ authorization: demoAuth.directory }, "/Users", {
      schemas: [userUrn],
      userName: `${a}-user`,
      externalId: `${a}-ext`,
      displayName: `${a}-display`,
      emails: [{ value: `${a}@example.com`, type: "work" }],
    });
    const aGroup = await create({ authorization: demoAuth.directory }, "/Groups", {
      schemas: [groupUrn],
      displayName: `${a}-group`,
      members: [{ value: aUser }],
    });
    directory = {
      marker: a,
      userId: aUser,
      groupId: aGroup,
      secrets: [`${a}-user`, `${a}-ext`, `${a}-display`, `${a}@example.com`, `${a}-group`, aUser, aGroup],
    };
    const b = `mkB${randomBytes(6).toString("hex")}`;
    const bUser = await create({ authorization: demoAuth.hr }, "/Users", {
      schemas: [userUrn],
      userName: `${b}-user`,
    });
    hr = { marker: b, userId: bUser, secrets: [`${b}-user`, bUser] };
  });
  after(async () => {
    recordFigures("auth-matrix", {
      routes: scimRoutes.length + adminRoutes.length,
      requests: sent,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The route's path and body, aimed at `owner`'s resources. */
  function request(
    row: RouteRow,
    endpoint: "Users" | "Groups",
    owner: Tenant,
  ): { path: string; body?: unknown } {
    const id = endpoint === "Users" ? owner.userId : (owner.groupId ?? owner.userId);
    const path = row.path
      .replace(":endpoint", endpoint)
      .replace("/ResourceTypes/:id", "/ResourceTypes/User")
      .replace("/Schemas/:id", `/Schemas/${userUrn}`)
      .replace(":id", id);
    // Collection reads ask for the owner's data outright: a leak would answer it.
    const query =
      row.method === "GET" || row.method === "HEAD"
        ? `?filter=${encodeURIComponent(`userName sw "${owner.marker}" or displayName sw "${owner.marker}"`)}`
        : "";
    const listing = path === "/" || path === "/Users" || path === "/Groups";
    probe += 1;
    const bodies: Record<NonNullable<RouteRow["body"]>, unknown> = {
      user:
        endpoint === "Groups" && row.path !== "/Me"
          ? { schemas: [groupUrn], displayName: `probe-${probe}` }
          : { schemas: [userUrn], userName: `probe-${probe}` },
      group: { schemas: [groupUrn], displayName: `probe-${probe}` },
      patch: {
        schemas: [patchUrn],
        Operations: [{ op: "replace", path: "displayName", value: `probe-${probe}` }],
      },
      bulk: {
        schemas: [bulkUrn],
        Operations: [
          {
            method: "PATCH",
            path: `/Users/${owner.userId}`,
            data: { schemas: [patchUrn], Operations: [{ op: "replace", path: "title", value: "x" }] },
          },
          { method: "DELETE", path: `/Groups/${owner.groupId ?? owner.userId}` },
          { method: "DELETE", path: `/Users/${owner.userId}` },
        ],
      },
      search: {
        schemas: [searchUrn],
        filter: `userName sw "${owner.marker}" or displayName sw "${owner.marker}"`,
      },
    };
    return {
      path: `${base}${path}${listing ? query : ""}`,
      ...(row.body === undefined ? {} : { body: bodies[row.body] }),
    };
  }

  const concrete = (rows: readonly RouteRow[]) =>
    rows.flatMap((row) =>
      row.path.includes(":endpoint")
        ? (["Users", "Groups"] as const).map((e) => [row, e] as const)
        : [[row, "Users" as const] as const],
    );

  /** The owner's values and ids in the answer, except those the request itself sent (an id in a path). */
  function assertNoLeak(response: RawResponse, owner: Tenant, label: string, sent: string): void {
    const text = response.bytes.toString("utf8");
    for (const secret of owner.secrets)
      assert.ok(
        sent.includes(secret) || !text.includes(secret),
        `${label} answered with the other connection's ${secret}`,
      );
  }

  const refused: [string, () => Caller][] = [
    ["no credentials", () => ({})],
    ["a wrong password", () => ({ authorization: basic("directory-admin", "not-the-password") })],
    ["an unknown bearer token", () => ({ authorization: `Bearer ${randomBytes(16).toString("hex")}` })],
    ["the admin API's token", () => ({ authorization: demoAuth.admin })],
    ["a client certificate from an untrusted CA with a trusted DN", () => ({ certificate: "rogue-client" })],
  ];

  for (const [name, caller] of refused) {
    it(`refuses ${name} on every route with 401, WWW-Authenticate and a SCIM error`, async () => {
      for (const [row, endpoint] of concrete(scimRoutes)) {
        const { path, body } = request(row, endpoint, directory);
        const label = `${row.method} ${path} with ${name}`;
        const response = await send(caller(), row.method, path, body);
        const sent = `${path} ${JSON.stringify(body ?? "")}`;
        assertNoLeak(response, directory, label, sent);
        assertNoLeak(response, hr, label, sent);
        if (row.anonymous === true && name === "no credentials") {
          assert.equal(response.status, 200, label);
          continue;
        }
        assert.equal(response.status, 401, `${label}: ${response.body.toString()}`);
        assert.deepEqual(scimErrorProblems(response, row.method), [], label);
        if (name === "an unknown bearer token")
          assert.match(response.headers["www-authenticate"] ?? "", /error="invalid_token"/, label);
      }
    });
  }

  const others: [string, Caller, () => Tenant][] = [
    ["another connection's valid Basic credentials", { authorization: demoAuth.hr }, () => directory],
    ["another connection's valid client certificate", { certificate: "client" }, () => directory],
    [
      "the other way round: the directory's token on the HR system's user",
      { authorization: demoAuth.directory },
      () => hr,
    ],
  ];
  for (const [name, caller, owner] of others) {
    it(`answers ${name} with 404 for the owner's resources and nothing of them anywhere`, async () => {
      for (const [row, endpoint] of concrete(scimRoutes)) {
        const tenant = owner();
        const { path, body } = request(row, endpoint, tenant);
        const label = `${row.method} ${path} with ${name}`;
        const response = await send(caller, row.method, path, body);
        assertNoLeak(response, tenant, label, `${path} ${JSON.stringify(body ?? "")}`);
        // /Me answers 501 for a credential linked to no User (RFC 7644 §3.11).
        const meAnswer = row.path === "/Me" && response.status === 501;
        assert.ok(
          response.status !== 401 && (response.status < 500 || meAnswer),
          `${label}: ${response.status} ${response.body.toString()}`,
        );
        if (row.path.endsWith("/:id") && row.path.startsWith("/:endpoint"))
          assert.equal(response.status, 404, label);
        if (response.status >= 400) assert.deepEqual(scimErrorProblems(response, row.method), [], label);
        if (row.body === "bulk" && response.status === 200) {
          const operations = (JSON.parse(response.body.toString()) as { Operations: { status: string }[] })
            .Operations;
          assert.deepEqual(
            operations.map((o) => o.status),
            ["404", "404", "404"],
            label,
          );
        }
      }
    });
  }

  it("leaves every resource of each connection as it was", async () => {
    const owner = { authorization: demoAuth.directory };
    const before = [
      await versionOf(owner, `/Users/${directory.userId}`),
      await versionOf(owner, `/Groups/${directory.groupId}`),
    ];
    // The matrix above ran first (node:test runs a describe's tests in order): its PUTs, PATCHes and
    // DELETEs must have changed nothing, so the versions are still the first ones.
    assert.deepEqual(before, ['W/"1"', 'W/"1"']);
    assert.equal(await versionOf({ authorization: demoAuth.hr }, `/Users/${hr.userId}`), 'W/"1"');
  });

  it("keeps the admin API closed to every SCIM credential, and opens it to its own token", async () => {
    const scimCallers: [string, Caller][] = [
      ["the directory's bearer token", { authorization: demoAuth.directory }],
      ["the directory's Basic credentials", { authorization: demoAuth.directoryBasic }],
      ["the HR system's Basic credentials", { authorization: demoAuth.hr }],
      ["a trusted client certificate", { certificate: "client" }],
      ["nothing", {}],
    ];
    const adminBase = new URL(server.adminUrl).pathname.replace(/\/idpConnections$/, "");
    for (const row of adminRoutes) {
      const path = `${adminBase}${row.path.replace(":id", "hr-system")}`;
      for (const [name, caller] of scimCallers) {
        const response = await send(
          caller,
          row.method,
          path,
          row.method === "POST" || row.method === "PUT" ? demoConnections()[1] : undefined,
        );
        const label = `${row.method} ${path} with ${name}`;
        assert.equal(response.status, 401, `${label}: ${response.body.toString()}`);
        assert.match(response.headers["www-authenticate"] ?? "", /^Bearer realm="scim-admin"/, label);
        if (row.method !== "HEAD")
          assert.equal(typeof (JSON.parse(response.body.toString()) as Json).resultId, "string", label);
      }
    }
    const own = await send({ authorization: demoAuth.admin }, "GET", `${adminBase}/idpConnections/hr-system`);
    assert.equal(own.status, 200);
  });
});
