// `npm start` as a newcomer runs it (connections issue "Done when": the demo configuration works as the
// README describes): the real entry point in a child process with no --config, credentials from
// SCIM_BEARER_TOKEN, SCIM_BASIC_USER/SCIM_BASIC_PASSWORD and SCIM_ADMIN_TOKEN, and each demo connection
// driven through HTTP: demo-directory (users and groups through the inetOrgPerson mapping), hr-system
// (users only, custom extension, DISABLE_USER) and fold-split (two e-mails folded into one attribute and
// split back). A broken connections file stops the start with every issue and a non-zero exit code.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { basicHeader } from "./connections/connection-fixtures.js";

const root = new URL("..", import.meta.url).pathname;
type Json = Record<string, unknown>;

function startMain(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "reference/main.ts", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    out += String(chunk);
  });
  return { child, output: () => out };
}

describe("npm start with the demo configuration", () => {
  let child: ChildProcess;
  let output: () => string;
  let url: string;
  let adminUrl: string;
  const env = {
    SCIM_BEARER_TOKEN: "e2e-bearer",
    SCIM_BASIC_USER: "e2e-user",
    SCIM_BASIC_PASSWORD: "e2e-password",
    SCIM_ADMIN_TOKEN: "e2e-admin",
  };

  before(async () => {
    ({ child, output } = startMain(["--port", "0", "--db", ":memory:", "--host", "127.0.0.1"], env));
    const listening = await new Promise<Json>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${output()}`)), 30_000);
      const poll = setInterval(() => {
        const line = output()
          .split("\n")
          .find((l) => l.includes('"msg":"SCIM server listening"'));
        if (line !== undefined) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(JSON.parse(line) as Json);
        }
      }, 50);
      child.on("exit", (code) => reject(new Error(`exited with ${code}:\n${output()}`)));
    });
    url = String(listening.url);
    adminUrl = String(listening.adminUrl);
  });
  after(async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  });

  async function call(
    authorization: string,
    method: string,
    path: string,
    body?: unknown,
    status = 200,
  ): Promise<Json> {
    const response = await fetch(path.startsWith("http") ? path : `${url}${path}`, {
      method,
      headers: { Authorization: authorization, "Content-Type": "application/scim+json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    assert.equal(response.status, status, `${method} ${path}: ${text}`);
    return text === "" ? {} : (JSON.parse(text) as Json);
  }
  const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
  const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  const acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

  it("serves demo-directory with SCIM_BEARER_TOKEN and with SCIM_BASIC_USER/SCIM_BASIC_PASSWORD", async () => {
    const bearer = "Bearer e2e-bearer";
    const basic = basicHeader("e2e-user", "e2e-password");
    const user = await call(
      bearer,
      "POST",
      "/Users",
      {
        schemas: [userUrn, enterprise],
        userName: "bjensen",
        name: { givenName: "Barbara", familyName: "Jensen" },
        emails: [{ value: "bjensen@example.com", type: "work", primary: true }],
        [enterprise]: { employeeNumber: "701984", department: "Tour Operations" },
      },
      201,
    );
    const found = await call(
      basic,
      "GET",
      `/Users?filter=${encodeURIComponent('emails.value eq "bjensen@example.com"')}`,
    );
    assert.deepEqual(
      (found.Resources as Json[]).map((u) => u.id),
      [user.id],
    );
    const read = await call(basic, "GET", `/Users/${user.id}`);
    assert.deepEqual(read[enterprise], { employeeNumber: "701984", department: "Tour Operations" });
    const group = await call(
      bearer,
      "POST",
      "/Groups",
      {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        displayName: "Tour Guides",
        members: [{ value: user.id }],
      },
      201,
    );
    assert.deepEqual(
      ((await call(bearer, "GET", `/Groups/${group.id}`)).members as Json[]).map((m) => m.value),
      [user.id],
    );
    await call(bearer, "DELETE", `/Users/${user.id}`, undefined, 204);
    await call(bearer, "GET", `/Users/${user.id}`, undefined, 404);
  });

  it("serves hr-system with its documented Basic credentials, its extension and DISABLE_USER", async () => {
    const hr = basicHeader("hr-scim", "hr-demo-password");
    const types = (await call(hr, "GET", "/ResourceTypes")).Resources as Json[];
    assert.deepEqual(
      types.map((t) => t.id),
      ["User"],
    );
    // RFC 7643 §7: /Schemas lists what the mapping stores; hr-system keeps no displayName or title.
    const userSchema = await call(hr, "GET", `/Schemas/${userUrn}`);
    const advertised = (userSchema.attributes as Json[]).map((a) => a.name);
    assert.equal(advertised.includes("userName"), true);
    assert.equal(advertised.includes("displayName") || advertised.includes("title"), false);
    const user = await call(
      hr,
      "POST",
      "/Users",
      { schemas: [userUrn, acme], userName: "jdoe", [acme]: { badgeNumber: "B-1" } },
      201,
    );
    const byBadge = await call(
      hr,
      "GET",
      `/Users?filter=${encodeURIComponent(`${acme}:badgeNumber eq "B-1"`)}`,
    );
    assert.equal(byBadge.totalResults, 1);
    await call(hr, "DELETE", `/Users/${user.id}`, undefined, 204);
    await call(hr, "GET", `/Users/${user.id}`, undefined, 404);
    await call(hr, "POST", "/Users", { schemas: [userUrn], userName: "jdoe" }, 201);
    await call(hr, "GET", "/Groups", undefined, 404);
  });

  it("serves fold-split: work and home e-mails folded into one attribute and split back", async () => {
    const fold = basicHeader("fold-split", "fold-split-demo-password");
    const user = await call(
      fold,
      "POST",
      "/Users",
      {
        schemas: [userUrn],
        userName: "ada",
        emails: [
          { value: "ada@work.example", type: "work" },
          { value: "ada@home.example", type: "home" },
        ],
      },
      201,
    );
    const emails = ((await call(fold, "GET", `/Users/${user.id}`)).emails as Json[])
      .map((e) => `${e.type} ${e.value}`)
      .sort();
    assert.deepEqual(emails, ["home ada@home.example", "work ada@work.example"]);
  });

  it("keeps the connections apart and lists them in the admin API", async () => {
    const hr = basicHeader("hr-scim", "hr-demo-password");
    const hrUsers = (await call(hr, "GET", "/Users")).Resources as Json[];
    assert.equal(
      hrUsers.some((u) => u.userName === "ada"),
      false,
    );
    const list = await call("Bearer e2e-admin", "GET", adminUrl);
    assert.deepEqual(
      (list.items as Json[]).map((c) => c.id),
      ["demo-directory", "hr-system", "fold-split"],
    );
    await call("Bearer e2e-bearer", "GET", adminUrl, undefined, 401);
  });

  it("never writes a credential to its output", () => {
    for (const secret of Object.values(env))
      assert.equal(output().includes(secret), false, "a secret reached the output");
  });
});

describe("npm start with a broken connections file", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "scim-bad-config-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits with code 1 and names every problem with its fix", async () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      [
        "idpConnections:",
        "  - id: broken",
        "    name: Broken",
        "    entityId: urn:broken",
        "    active: true",
        "    credentials: { inboundBackChannelAuth: { httpBasicCredentials: { username: u } } }",
        "    inboundProvisioning:",
        "      groupSupport: false",
        "      actionOnDelete: SHRED",
        "      userRepository: { type: IDENTITY_STORE, identityStoreProvisionerRef: { id: embedded } }",
        "      users: { writeUsers: { attributeFulfillment: {} }, readUsers: { attributeFulfillment: {} } }",
      ].join("\n"),
    );
    const { child, output } = startMain(["--port", "0", "--db", ":memory:", "--config", file], {});
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    assert.equal(code, 1, output());
    assert.match(output(), /The server did not start: the configuration has problems/);
    assert.match(
      output(),
      /idpConnections\[0\]\.credentials\.inboundBackChannelAuth\.httpBasicCredentials\.password: .* Fix: /,
    );
    assert.match(output(), /idpConnections\[0\]\.inboundProvisioning\.actionOnDelete: .*SHRED/);
  });
});
