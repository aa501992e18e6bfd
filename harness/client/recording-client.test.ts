// The recording client against real local sockets: redaction, schema findings, hostile-target limits
// (timeout, size cap, malformed JSON, cross-origin redirects) and the isolation guard.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LocalServer } from "../testing/local-server.js";
import { sendJson, startLocalServer } from "../testing/local-server.js";
import { ExchangeFailure } from "./client.js";
import { ClientFactory } from "./client-factory.js";
import { redacted } from "./redact.js";

const prefix = "scimc-test01-";
const token = "s3cr3t-bearer-token-value";
const errorUrn = "urn:ietf:params:scim:api:messages:2.0:Error";
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const listUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

let target: LocalServer;
let other: LocalServer;

function factory(
  options: { timeoutMs?: number; maxResponseBytes?: number; headers?: Record<string, string> } = {},
) {
  return new ClientFactory({
    baseUrl: `${target.url}/scim/v2`,
    credentials: { kind: "bearer", token },
    prefix,
    ...options,
  });
}

before(async () => {
  other = await startLocalServer((_req, _body, res) => sendJson(res, 200, { stolen: true }));
  target = await startLocalServer((req, body, res) => {
    const url = req.url ?? "";
    if (url.startsWith("/scim/v2/echo")) {
      sendJson(
        res,
        200,
        {
          schemas: [userUrn],
          id: "e1",
          password: "returned-password",
          note: `you sent ${req.headers.authorization}`,
        },
        { "set-cookie": "session=abc123456" },
      );
    } else if (url.startsWith("/scim/v2/Users/bad-error")) {
      sendJson(res, 404, { schemas: [errorUrn], status: 404, detail: "numeric status" });
    } else if (url.startsWith("/scim/v2/Users/good-error")) {
      sendJson(res, 404, { schemas: [errorUrn], status: "404", detail: "not found" });
    } else if (url === "/scim/v2/Users?filter=userName%20eq%20%22x%22") {
      sendJson(res, 200, {
        schemas: [listUrn],
        totalResults: 1,
        Resources: [
          { schemas: [userUrn], id: "1", userName: "x", emails: [{ value: "a@b.c", primary: "yes" }] },
        ],
      });
    } else if (url.startsWith("/scim/v2/malformed")) {
      res.writeHead(200, { "content-type": "application/scim+json" });
      res.end('{"schemas": ["urn:x"], "id": ');
    } else if (url.startsWith("/scim/v2/slow")) {
      // Never answers: the client's deadline must end the exchange.
    } else if (url.startsWith("/scim/v2/huge")) {
      res.writeHead(200, { "content-type": "application/scim+json" });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      const timer = setInterval(() => res.write(chunk), 1); // streams forever
      res.on("close", () => clearInterval(timer));
    } else if (url.startsWith("/scim/v2/away")) {
      res.writeHead(302, { location: `${other.url}/steal` });
      res.end();
    } else if (url.startsWith("/scim/v2/moved")) {
      res.writeHead(308, { location: "/scim/v2/echo" });
      res.end();
    } else if (req.method === "POST" && url === "/scim/v2/Impostors") {
      // Answers any creation with a resource that already existed: not the one requested.
      sendJson(res, 201, { schemas: [userUrn], id: "someone-else", userName: "someone.else@example.com" });
    } else if (req.method === "POST" && url === "/scim/v2/Users") {
      const parsed = JSON.parse(body) as { userName: string };
      sendJson(
        res,
        201,
        { schemas: [userUrn], id: `id-${parsed.userName}`, userName: parsed.userName },
        { location: `${target.url}/scim/v2/Users/id-${parsed.userName}` },
      );
    } else if (req.method === "DELETE") {
      res.writeHead(204);
      res.end();
    } else {
      sendJson(res, 404, { schemas: [errorUrn], status: "404" });
    }
  });
});

after(async () => {
  await target.close();
  await other.close();
});

describe("RecordingClient redaction", () => {
  it("blanks credentials, cookies, passwords and echoed tokens in the evidence but not in the response", async () => {
    const f = factory();
    const client = f.forCheck("t");
    const res = await client.send({
      method: "POST",
      path: "/echo",
      headers: { Cookie: "session=xyz" },
      body: {
        password: "p1-request",
        name: { "urn:ietf:params:scim:schemas:core:2.0:User:password": "p2-request" },
        Operations: [{ op: "replace", path: "password", value: "p3-request" }],
      },
    });
    f.close();
    assert.equal((res.body as Record<string, unknown>).password, "returned-password");
    const evidence = JSON.stringify(res.exchange);
    for (const secret of [
      token,
      "p1-request",
      "p2-request",
      "p3-request",
      "returned-password",
      "session=xyz",
      "abc123456",
    ]) {
      assert.ok(!evidence.includes(secret), `${secret} leaked into ${evidence}`);
    }
    assert.equal(res.exchange.request.headers.Authorization, redacted);
    assert.equal(res.exchange.response?.headers["set-cookie"], redacted);
    assert.match(JSON.stringify(res.exchange.response?.body), /you sent Bearer \[REDACTED\]/);
  });

  it("blanks a per-request credential override", async () => {
    const f = factory();
    const res = await f
      .forCheck("t")
      .send({ method: "GET", path: "/echo", auth: { bearer: "wrong-token-1234" } });
    f.close();
    assert.ok(target.requests.at(-1)?.headers.authorization === "Bearer wrong-token-1234");
    assert.ok(!JSON.stringify(res.exchange).includes("wrong-token-1234"));
  });

  it("sends neither credentials nor custom headers with auth none", async () => {
    const f = factory({ headers: { "X-Api-Key": "key-material-123456" } });
    await f.forCheck("t").send({ method: "GET", path: "/echo", auth: "none" });
    const normalRes = await f.forCheck("t").send({ method: "GET", path: "/echo" });
    f.close();
    assert.equal(normalRes.exchange.request.headers["X-Api-Key"], redacted);
    const [anonymous, normal] = target.requests.slice(-2);
    assert.equal(anonymous?.headers.authorization, undefined);
    assert.equal(anonymous?.headers["x-api-key"], undefined);
    assert.equal(normal?.headers["x-api-key"], "key-material-123456");
  });
});

describe("RecordingClient schema validation", () => {
  const cases: [string, { path: string; pointer?: string; schemaPath?: RegExp }][] = [
    [
      "a numeric Error status",
      {
        path: "/Users/bad-error",
        pointer: "/status",
        schemaPath: /^#\/components\/schemas\/Error\/properties\/status/,
      },
    ],
    ["a correct Error", { path: "/Users/good-error" }],
    [
      "a string where a boolean belongs",
      {
        path: "/Users?filter=x",
        pointer: "/Resources/0/emails/0/primary",
        schemaPath: /MultiValuedAttribute\/properties\/primary/,
      },
    ],
  ];
  for (const [name, { path, pointer, schemaPath }] of cases) {
    it(`${pointer ? "reports" : "accepts"} ${name}`, async () => {
      const f = factory();
      const res = await f
        .forCheck("t")
        .send(
          path.includes("filter")
            ? { method: "GET", path: "/Users", query: { filter: 'userName eq "x"' } }
            : { method: "GET", path },
        );
      f.close();
      if (pointer === undefined) {
        assert.deepEqual(res.schemaFindings, []);
        assert.equal(res.operation, "getUser");
      } else {
        const finding = res.schemaFindings.find((x) => x.pointer === pointer);
        assert.ok(finding, `no finding at ${pointer}: ${JSON.stringify(res.schemaFindings)}`);
        assert.match(finding.schemaPath, schemaPath ?? /./);
        assert.deepEqual(res.exchange.schemaFindings, res.schemaFindings);
      }
    });
  }

  it("records malformed JSON as a finding instead of throwing", async () => {
    const f = factory();
    const res = await f.forCheck("t").send({ method: "GET", path: "/malformed" });
    f.close();
    assert.equal(res.bodyKind, "malformed");
    assert.equal(res.body, undefined);
    assert.match(res.schemaFindings[0]?.message ?? "", /not valid JSON/);
    assert.equal(res.exchange.response?.text, '{"schemas": ["urn:x"], "id": ');
  });
});

describe("RecordingClient limits", () => {
  it("gives up after the timeout and records the failure", async () => {
    const f = factory({ timeoutMs: 150 });
    const client = f.forCheck("t");
    const started = Date.now();
    await assert.rejects(client.send({ method: "GET", path: "/slow" }), (error: unknown) => {
      assert.ok(error instanceof ExchangeFailure);
      assert.equal(error.reason, "timeout");
      return true;
    });
    f.close();
    assert.ok(Date.now() - started < 2000);
    assert.match(client.exchanges[0]?.failure ?? "", /150 ms/);
    assert.equal(client.exchanges[0]?.response, undefined);
  });

  it("stops reading an endless body at the cap and marks it truncated", async () => {
    const f = factory({ maxResponseBytes: 100_000 });
    const res = await f.forCheck("t").send({ method: "GET", path: "/huge" });
    f.close();
    assert.equal(res.truncated, true);
    assert.equal(Buffer.byteLength(res.text), 100_000);
    assert.equal(res.bodyKind, "malformed");
    assert.equal(res.exchange.response?.truncated, true);
  });

  it("encodes query values with %20, never +", async () => {
    const f = factory();
    const res = await f
      .forCheck("t")
      .send({ method: "GET", path: "/Users", query: { filter: 'userName eq "x"', count: undefined } });
    f.close();
    assert.equal(res.status, 200);
    assert.equal(target.requests.at(-1)?.url, "/scim/v2/Users?filter=userName%20eq%20%22x%22");
  });
});

describe("RecordingClient redirects", () => {
  it("does not follow a redirect unless asked", async () => {
    const f = factory();
    const res = await f.forCheck("t").send({ method: "GET", path: "/moved" });
    f.close();
    assert.equal(res.status, 308);
  });

  it("follows a same-origin redirect when asked, recording each hop", async () => {
    const f = factory();
    const client = f.forCheck("t");
    const res = await client.send({ method: "GET", path: "/moved", followRedirects: true });
    f.close();
    assert.equal(res.status, 200);
    assert.equal(client.exchanges.length, 2);
  });

  it("never sends anything to another origin", async () => {
    const before = other.requests.length;
    const f = factory();
    const client = f.forCheck("t");
    const res = await client.send({ method: "GET", path: "/away", followRedirects: true });
    await assert.rejects(client.send({ method: "GET", path: `${other.url}/steal` }), ExchangeFailure);
    f.close();
    assert.equal(res.status, 302);
    assert.equal(other.requests.length, before);
    assert.match(client.exchanges[1]?.failure ?? "", /another origin/);
  });
});

describe("RecordingClient isolation", () => {
  const refused: [string, { method: "PUT" | "PATCH" | "DELETE" | "POST"; path: string; body?: unknown }][] = [
    ["a foreign resource", { method: "DELETE", path: "/Users/someone-else" }],
    ["a collection", { method: "DELETE", path: "/Users" }],
    ["the /Me alias", { method: "PATCH", path: "/Me", body: {} }],
    [
      "a foreign resource inside Bulk",
      {
        method: "POST",
        path: "/Bulk",
        body: { Operations: [{ method: "DELETE", path: "/Users/someone-else" }] },
      },
    ],
  ];
  for (const [name, request] of refused) {
    it(`refuses to write to ${name} without sending it`, async () => {
      const count = target.requests.length;
      const f = factory();
      const client = f.forCheck("t");
      await assert.rejects(
        client.send(request),
        (error: unknown) => error instanceof ExchangeFailure && error.reason === "refused",
      );
      f.close();
      assert.equal(target.requests.length, count);
      assert.match(client.exchanges[0]?.failure ?? "", /^refused/);
    });
  }

  it("does not take a creation answered with another resource as its own", async () => {
    const f = factory();
    const client = f.forCheck("creator");
    const created = await client.send({
      method: "POST",
      path: "/Impostors",
      body: { userName: `${prefix}me` },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(f.ledger.pending(), []);
    await assert.rejects(
      client.send({ method: "DELETE", path: "/Impostors/someone-else" }),
      (error: unknown) => error instanceof ExchangeFailure && error.reason === "refused",
    );
    f.close();
  });

  it("registers what it creates and may then delete it, and may target invented ids", async () => {
    const f = factory();
    const client = f.forCheck("creator");
    const created = await client.send({ method: "POST", path: "/Users", body: { userName: "u1" } });
    assert.equal(created.status, 201);
    assert.deepEqual(
      f.ledger.pending().map((r) => [r.path, r.owner]),
      [["/Users/id-u1", "creator"]],
    );
    await client.send({ method: "DELETE", path: "/Users/id-u1" });
    await client.send({ method: "DELETE", path: `/Users/${prefix}missing-1` });
    f.close();
    assert.deepEqual(f.ledger.pending(), []);
  });
});
