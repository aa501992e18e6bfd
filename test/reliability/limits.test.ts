// Limits (issue "Reliability and security": limits), end to end through the composition root:
// - request size and shape: a body over the limit is 413, a filter past 4096 characters or 32 levels of
//   nesting is 400 invalidFilter, `count` above filter.maxResults is capped and the cap is reported
//   (itemsPerPage, and a log line), Bulk maxOperations and maxPayloadSize are 413 naming the limit
//   (RFC 7644 §3.4.2.4, §3.7.4, §3.12);
// - slow clients: headers sent one byte at a time, or a body trickled in, are cut off with a SCIM 408 once
//   headersTimeout / requestTimeout pass, and an idle keep-alive connection is closed (slowloris);
// - concurrency: with a datastore held shut, a connection's requests beyond its bound get 503 with
//   Retry-After at once, while another connection is served (http-limits.ts).
import assert from "node:assert/strict";
import http from "node:http";
import { connect, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { openDatastore } from "../../reference/datastore/open-datastore.js";
import { defaultHttpLimits } from "../../reference/http/http-limits.js";
import { startTestServer } from "../../reference/http/http-test-support.js";
import { Gate } from "./support/gated-datastore.js";
import { sendRaw, targetOf } from "./support/raw-http.js";
import {
  demoAuth,
  type ReferenceUnderTest,
  startReferenceUnderTest,
} from "./support/reference-under-test.js";
import { scimErrorProblems } from "./support/scim-error-shape.js";

type Json = Record<string, unknown>;
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const bulkUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

async function call(
  server: ReferenceUnderTest,
  path: string,
  init: { method?: string; body?: unknown; auth?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? "GET",
    headers: {
      Authorization: init.auth ?? demoAuth.directory,
      "Content-Type": "application/scim+json",
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? {} : (JSON.parse(text) as Json),
  };
}

function assertScimError(
  response: { status: number; headers: Headers; body: Json },
  status: number,
  scimType?: string,
) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  const headers = Object.fromEntries(response.headers.entries());
  assert.deepEqual(scimErrorProblems({ status, headers, body: JSON.stringify(response.body) }, "GET"), []);
  if (scimType !== undefined) assert.equal(response.body.scimType, scimType);
}

describe("request size and shape limits", () => {
  let server: ReferenceUnderTest;
  const limits = {
    maxResults: 5,
    maxBodySize: 64 * 1024,
    bulkMaxOperations: 3,
    bulkMaxPayloadSize: 32 * 1024,
  };
  before(async () => {
    server = await startReferenceUnderTest({ provisioning: { limits } });
    for (let i = 0; i < 7; i++)
      assert.equal(
        (
          await call(server, "/Users", {
            method: "POST",
            body: { schemas: [userUrn], userName: `limit-${i}` },
          })
        ).status,
        201,
      );
  });
  after(() => server?.close());

  it("advertises the limits it enforces in /ServiceProviderConfig (RFC 7643 §5)", async () => {
    const { body } = await call(server, "/ServiceProviderConfig");
    assert.equal((body.filter as Json).maxResults, limits.maxResults);
    assert.equal((body.bulk as Json).maxOperations, limits.bulkMaxOperations);
    assert.equal((body.bulk as Json).maxPayloadSize, limits.bulkMaxPayloadSize);
  });

  it("answers a body over the limit with 413, whether declared or streamed without a length", async () => {
    const big = { schemas: [userUrn], userName: "too-big", title: "x".repeat(limits.maxBodySize) };
    assertScimError(await call(server, "/Users", { method: "POST", body: big }), 413);
    const streamed = await sendRaw(targetOf(server.url), {
      method: "POST",
      target: `${new URL(server.url).pathname}/Users`,
      headers: [
        ["Authorization", demoAuth.directory],
        ["Content-Type", "application/scim+json"],
        ["Transfer-Encoding", "chunked"],
      ],
      body: Buffer.from(
        `${(limits.maxBodySize + 10).toString(16)}\r\n${"x".repeat(limits.maxBodySize + 10)}\r\n0\r\n\r\n`,
      ),
    });
    assert.equal(streamed.status, 413);
    assert.deepEqual(scimErrorProblems(streamed, "POST"), []);
  });

  // RFC 9112 §9.6: closing with request bytes unread resets the connection, and the client's TCP stack then
  // throws the 413 away (a 4 MiB Bulk body to a server on loopback lost it three times in five). So a body
  // up to four times the limit is read to its end and dropped, and the connection stays open; a larger one
  // is cut at once.
  const overs: [string, number, boolean, boolean][] = [
    ["declared at twice the limit", 2, false, true],
    ["streamed at twice the limit", 2, true, true],
    ["declared at six times the limit", 6, false, false],
  ];
  for (const [name, times, chunked, kept] of overs) {
    it(`answers a body ${name} with 413 and ${kept ? "keeps" : "closes"} the connection`, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const body = Buffer.alloc(limits.maxBodySize * times, 0x78);
        const first = await agentCall(agent, `${server.url}/Users`, "POST", body, chunked);
        assert.equal(first.status, 413);
        assert.match(first.body, /maximum body size/);
        assert.equal(first.headers.connection === "close", !kept, JSON.stringify(first.headers));
        const second = await agentCall(agent, `${server.url}/Users?count=1`, "GET");
        assert.equal(second.status, 200);
        assert.equal(second.reused, kept, "the second request did not go over the same connection");
      } finally {
        agent.destroy();
      }
    });
  }

  const filters: [string, string, number][] = [
    ["a filter of 4097 characters", `userName eq "${"a".repeat(4097 - 14)}"`, 400],
    ["a filter nested 33 levels", `${"(".repeat(33)}userName pr${")".repeat(33)}`, 400],
    ["a filter nested 32 levels (the limit itself)", `${"(".repeat(31)}userName pr${")".repeat(31)}`, 200],
    ["a valuePath nested past the limit", `${"emails[".repeat(33)}value pr${"]".repeat(33)}`, 400],
  ];
  for (const [name, filter, status] of filters) {
    it(`answers ${name} with ${status}${status === 400 ? " invalidFilter" : ""}`, async () => {
      if (status === 4097) return;
      assert.equal(filter.length <= 4097, true);
      const response = await call(server, `/Users?filter=${encodeURIComponent(filter)}`);
      if (status === 200) assert.equal(response.status, 200, JSON.stringify(response.body));
      else assertScimError(response, 400, "invalidFilter");
    });
  }

  it("caps count above filter.maxResults, says so in itemsPerPage and logs it (RFC 7644 §3.4.2.4)", async () => {
    const mark = server.logs.lines.length;
    const { status, body } = await call(server, "/Users?count=1000");
    assert.equal(status, 200);
    assert.equal(body.totalResults, 7);
    assert.equal(body.itemsPerPage, limits.maxResults);
    assert.equal((body.Resources as unknown[]).length, limits.maxResults);
    assert.ok(
      server.logs.lines.slice(mark).some((l) => /count capped/.test(l.msg ?? "")),
      "no log line reports the cap",
    );
  });

  it("answers more Bulk operations than maxOperations with 413 naming the limit", async () => {
    const operations = Array.from({ length: limits.bulkMaxOperations + 1 }, (_, i) => ({
      method: "POST",
      path: "/Users",
      bulkId: `b${i}`,
      data: { schemas: [userUrn], userName: `bulk-limit-${i}` },
    }));
    const response = await call(server, "/Bulk", {
      method: "POST",
      body: { schemas: [bulkUrn], Operations: operations },
    });
    assertScimError(response, 413);
    assert.match(String(response.body.detail), /maxOperations/);
    assert.equal(
      (await call(server, `/Users?filter=${encodeURIComponent('userName sw "bulk-limit"')}`)).body
        .totalResults,
      0,
    );
  });

  it("answers a Bulk payload over maxPayloadSize with 413 naming the limit", async () => {
    const body = {
      schemas: [bulkUrn],
      Operations: [
        {
          method: "POST",
          path: "/Users",
          data: { schemas: [userUrn], userName: "p", title: "x".repeat(limits.bulkMaxPayloadSize) },
        },
      ],
    };
    const response = await call(server, "/Bulk", { method: "POST", body });
    assertScimError(response, 413);
    assert.match(String(response.body.detail), /maxPayloadSize/);
  });
});

/** One request through `agent`; `reused` says whether it went over a kept-alive connection. */
function agentCall(
  agent: http.Agent,
  url: string,
  method: string,
  body?: Buffer,
  chunked = false,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      agent,
      method,
      headers: {
        Authorization: demoAuth.directory,
        "Content-Type": "application/scim+json",
        ...(body === undefined || chunked ? {} : { "Content-Length": String(body.length) }),
      },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          reused: req.reusedSocket,
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Writes `bytes` one at a time every `everyMs`; resolves with what came back and when the server closed. */
function trickle(
  url: string,
  bytes: Buffer,
  everyMs: number,
  from = 0,
): Promise<{ received: string; closedAfterMs: number; sent: number }> {
  const { host, port } = targetOf(url);
  return new Promise((resolve) => {
    const socket: Socket = connect(port, host);
    const started = Date.now();
    const chunks: Buffer[] = [];
    let sent = 0;
    socket.write(bytes.subarray(0, from));
    sent = from;
    const timer = setInterval(() => {
      if (sent >= bytes.length || socket.destroyed) return;
      socket.write(bytes.subarray(sent, sent + 1));
      sent += 1;
    }, everyMs);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      resolve({
        received: Buffer.concat(chunks).toString("utf8"),
        closedAfterMs: Date.now() - started,
        sent,
      });
    });
  });
}

describe("slow clients", () => {
  let server: ReferenceUnderTest;
  const http = {
    headersTimeoutMs: 600,
    requestTimeoutMs: 1_500,
    timeoutCheckIntervalMs: 100,
    keepAliveTimeoutMs: 300,
  };
  before(async () => {
    server = await startReferenceUnderTest({ http });
  });
  after(() => server?.close());

  it("sets timeouts against slow clients by default, tighter than node's", async () => {
    const running = await startTestServer();
    try {
      assert.equal(running.server.headersTimeout, defaultHttpLimits.headersTimeoutMs);
      assert.equal(running.server.requestTimeout, defaultHttpLimits.requestTimeoutMs);
      assert.equal(running.server.timeout, defaultHttpLimits.idleSocketTimeoutMs);
      assert.equal(running.server.maxRequestsPerSocket, defaultHttpLimits.maxRequestsPerSocket);
      assert.ok(defaultHttpLimits.headersTimeoutMs < 60_000 && defaultHttpLimits.requestTimeoutMs < 300_000);
    } finally {
      await running.close();
    }
  });

  it("cuts off a client that sends its headers one byte at a time, with a SCIM 408", async () => {
    const request = Buffer.from(
      `GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: ${demoAuth.directory}\r\nX-Padding: ${"p".repeat(200)}\r\n\r\n`,
    );
    const result = await trickle(server.url, request, 50);
    assert.ok(result.sent < request.length, `the server waited for all ${request.length} bytes`);
    assert.ok(
      result.closedAfterMs < http.headersTimeoutMs + 4_000,
      `closed after ${result.closedAfterMs} ms`,
    );
    assert.match(result.received, /^HTTP\/1\.1 408 /);
    assert.match(result.received, /"status":"408"/);
  });

  it("cuts off a client that trickles its body, with a SCIM 408", async () => {
    const body = JSON.stringify({ schemas: [userUrn], userName: "slow-body", title: "t".repeat(200) });
    const head = `POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: ${demoAuth.directory}\r\nContent-Type: application/scim+json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const result = await trickle(server.url, Buffer.from(head + body), 50, head.length);
    assert.ok(result.sent < head.length + body.length, "the server waited for the whole body");
    assert.ok(
      result.closedAfterMs < http.requestTimeoutMs + 4_000,
      `closed after ${result.closedAfterMs} ms`,
    );
    assert.match(result.received, /^HTTP\/1\.1 408 /);
    assert.equal(
      (await call(server, `/Users?filter=${encodeURIComponent('userName eq "slow-body"')}`)).body
        .totalResults,
      0,
    );
  });

  it("closes an idle keep-alive connection after keepAliveTimeout", async () => {
    const { host, port } = targetOf(server.url);
    const closed = await new Promise<{ status: string; idleMs: number }>((resolve) => {
      const socket = connect(port, host);
      let answeredAt = 0;
      let text = "";
      socket.on("data", (c: Buffer) => {
        text += c.toString("utf8");
        if (answeredAt === 0 && text.includes("\r\n\r\n")) answeredAt = Date.now();
      });
      socket.on("close", () => resolve({ status: text.slice(0, 12), idleMs: Date.now() - answeredAt }));
      socket.write(
        `GET /scim/v2/ServiceProviderConfig HTTP/1.1\r\nHost: x\r\nAuthorization: ${demoAuth.directory}\r\n\r\n`,
      );
    });
    assert.equal(closed.status, "HTTP/1.1 200");
    assert.ok(closed.idleMs < http.keepAliveTimeoutMs + 1_500, `idle for ${closed.idleMs} ms`);
  });
});

describe("concurrent requests per connection", () => {
  const gate = new Gate();
  let server: ReferenceUnderTest;
  const bound = 4;
  before(async () => {
    server = await startReferenceUnderTest({
      http: { maxConcurrentPerConnection: bound, retryAfterSeconds: 2 },
      openDatastore: async (db) => gate.wrap(await openDatastore(db)),
    });
  });
  after(() => {
    gate.open();
    return server?.close();
  });

  it(`refuses a connection's request beyond ${bound} in progress with 503 and Retry-After, serving other connections`, async () => {
    gate.close();
    const held = Array.from({ length: bound }, () => call(server, "/Users?count=1"));
    await gate.untilWaiting(bound);
    const refused = await call(server, "/Users?count=1");
    assertScimError(refused, 503);
    assert.equal(refused.headers.get("retry-after"), "2");
    // The bound is per connection: hr-system is not affected by demo-directory's load.
    assert.equal((await call(server, "/ServiceProviderConfig", { auth: demoAuth.hr })).status, 200);
    gate.open();
    for (const response of await Promise.all(held)) assert.equal(response.status, 200);
    // The slots are given back.
    assert.equal((await call(server, "/Users?count=1")).status, 200);
  });

  it("takes the bound from SCIM_MAX_CONCURRENT_REQUESTS", async () => {
    const { demoEnv } = await import("./support/reference-under-test.js");
    const gated = new Gate();
    const other = await startReferenceUnderTest({
      env: { ...demoEnv, SCIM_MAX_CONCURRENT_REQUESTS: "1" },
      openDatastore: async (db) => gated.wrap(await openDatastore(db)),
    });
    try {
      gated.close();
      const held = call(other, "/Users?count=1");
      await gated.untilWaiting(1);
      assertScimError(await call(other, "/ServiceProviderConfig"), 503);
      gated.open();
      assert.equal((await held).status, 200);
    } finally {
      gated.open();
      await other.close();
    }
  });
});
