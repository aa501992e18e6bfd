// Requests a fuzzer found the server mishandling, kept as fixed regression cases (issue "Reliability and
// security": every 4xx a valid SCIM error, zero 5xx, the database unchanged by every refusal). Each row is
// sent as raw bytes; the answer must be the stated status with a valid RFC 7644 §3.12 body, and the
// database must not change. Before the fixes: deep nesting in Bulk data was a 500 (stack overflow in
// bulk-references.ts), invalid UTF-8 and lone surrogates were stored as U+FFFD (201), and everything node's
// parser refused (oversized or malformed headers, unknown methods, bad chunking, odd Expect) got a bare
// status line with no SCIM body.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RawRequest, sendRaw, targetOf } from "./support/raw-http.js";
import {
  demoAuth,
  type ReferenceUnderTest,
  startReferenceUnderTest,
} from "./support/reference-under-test.js";
import { scimErrorProblems } from "./support/scim-error-shape.js";
import { SqliteWatch } from "./support/sqlite-watch.js";

const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const bulkUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const json = (text: string | Buffer) => (Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8"));

interface Row {
  readonly request: Omit<RawRequest, "headers"> & { readonly headers?: RawRequest["headers"] };
  readonly status: number;
  readonly scimType?: string;
}

const rows: [string, Row][] = [
  [
    "a Bulk operation whose data nests 50,000 levels (RFC 8259 §9)",
    {
      request: {
        method: "POST",
        target: "/Bulk",
        body: json(
          `{"schemas":["${bulkUrn}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":${deepObject(50_000)}}]}`,
        ),
      },
      status: 400,
      scimType: "invalidSyntax",
    },
  ],
  [
    "a User with an attribute nested 33 levels",
    {
      request: {
        method: "POST",
        target: "/Users",
        body: json(`{"schemas":["${userUrn}"],"userName":"deep-user","name":${deepObject(33)}}`),
      },
      status: 400,
      scimType: "invalidSyntax",
    },
  ],
  [
    "a userName with bytes that are not UTF-8 (RFC 8259 §8.1)",
    {
      request: {
        method: "POST",
        target: "/Users",
        body: Buffer.concat([
          json(`{"schemas":["${userUrn}"],"userName":"bad-`),
          Buffer.from([0xff, 0xc3, 0x28]),
          json('"}'),
        ]),
      },
      status: 400,
      scimType: "invalidSyntax",
    },
  ],
  [
    "a userName with an escaped lone surrogate (RFC 8259 §8.2)",
    {
      request: {
        method: "POST",
        target: "/Users",
        body: json(`{"schemas":["${userUrn}"],"userName":"a\\ud800b"}`),
      },
      status: 400,
      scimType: "invalidSyntax",
    },
  ],
  [
    "a gzip-encoded body (RFC 7231 §3.1.2.2)",
    {
      request: {
        method: "POST",
        target: "/Users",
        headers: [["Content-Encoding", "gzip"]],
        body: json(`{"schemas":["${userUrn}"],"userName":"gz"}`),
      },
      status: 415,
    },
  ],
  [
    "headers past node's 16 KiB limit (RFC 6585 §5)",
    { request: { method: "GET", target: "/Users", headers: [["X-Huge", "h".repeat(20_000)]] }, status: 431 },
  ],
  [
    "a header name with a control character",
    { request: { method: "GET", target: "/Users", headers: [["X-Bad\u0001", "v"]] }, status: 400 },
  ],
  ["a method nobody defines (RFC 7231 §4.1)", { request: { method: "FOO", target: "/Users" }, status: 501 }],
  [
    "an Expect other than 100-continue (RFC 7231 §5.1.1)",
    { request: { method: "GET", target: "/Users", headers: [["Expect", "200-ok"]] }, status: 417 },
  ],
  [
    "a chunked body with a malformed chunk size",
    {
      request: {
        method: "POST",
        target: "/Users",
        headers: [["Transfer-Encoding", "chunked"]],
        body: json("zz\r\n{}\r\n0\r\n\r\n"),
      },
      status: 400,
    },
  ],
  [
    "bytes over 0x7F in the request target",
    { request: { method: "GET", target: "/Users/\u00ff\u00fe" }, status: 400 },
  ],
];

describe("malformed requests", () => {
  let server: ReferenceUnderTest;
  let watch: SqliteWatch;
  before(async () => {
    server = await startReferenceUnderTest();
    watch = new SqliteWatch(server.db);
  });
  after(async () => {
    watch?.close();
    await server?.close();
  });

  const framing: [string, RawRequest["headers"], Buffer][] = [
    [
      "a Transfer-Encoding other than chunked (RFC 7230 §3.3.3)",
      [["Transfer-Encoding", "gzip"]],
      Buffer.alloc(0),
    ],
    ["a malformed chunk", [["Transfer-Encoding", "chunked"]], Buffer.from("zz\r\n\r\n")],
  ];
  for (const [name, headers, body] of framing) {
    it(`refuses a DELETE with ${name} and deletes nothing (the parser refuses it after the headers)`, async () => {
      const created = await fetch(`${server.url}/Users`, {
        method: "POST",
        headers: { Authorization: demoAuth.directory, "Content-Type": "application/scim+json" },
        body: JSON.stringify({ schemas: [userUrn], userName: `framing-${name.length}-${body.length}` }),
      });
      const { id } = (await created.json()) as { id: string };
      const before = watch.version();
      const response = await sendRaw(targetOf(server.url), {
        method: "DELETE",
        target: `${new URL(server.url).pathname}/Users/${id}`,
        headers: [["Authorization", demoAuth.directory], ...headers],
        body,
        contentLength: false,
      });
      assert.equal(response.status, 400);
      assert.deepEqual(scimErrorProblems(response, "DELETE"), []);
      // Give a DELETE that wrongly went ahead time to land before looking.
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(watch.version(), before, "the refused DELETE changed the database");
      const still = await fetch(`${server.url}/Users/${id}`, {
        headers: { Authorization: demoAuth.directory },
      });
      assert.equal(still.status, 200);
    });
  }

  it("refuses an admin API DELETE with a malformed chunk and keeps the connection", async () => {
    const adminPath = new URL(server.adminUrl).pathname;
    const response = await sendRaw(targetOf(server.url), {
      method: "DELETE",
      target: `${adminPath}/hr-system`,
      headers: [
        ["Authorization", demoAuth.admin],
        ["Transfer-Encoding", "chunked"],
      ],
      body: Buffer.from("zz\r\n\r\n"),
      contentLength: false,
    });
    assert.equal(response.status, 400);
    await new Promise((r) => setTimeout(r, 100));
    const still = await fetch(`${server.adminUrl}/hr-system`, { headers: { Authorization: demoAuth.admin } });
    assert.equal(still.status, 200);
  });

  for (const [name, { request, status, scimType }] of rows) {
    it(`refuses ${name} with a SCIM ${status} and changes nothing`, async () => {
      const base = new URL(server.url).pathname;
      const before = watch.version();
      const mark = server.logs.lines.length;
      const response = await sendRaw(targetOf(server.url), {
        ...request,
        target: `${base}${request.target}`,
        headers: [
          ["Authorization", demoAuth.directory],
          ["Content-Type", "application/scim+json"],
          ...(request.headers ?? []),
        ],
      });
      const text = response.body.toString("utf8");
      assert.equal(response.status, status, text);
      assert.deepEqual(scimErrorProblems(response, request.method), []);
      if (scimType !== undefined)
        assert.equal((JSON.parse(text) as { scimType?: string }).scimType, scimType);
      assert.equal(watch.version(), before, "the refused request changed the database");
      assert.deepEqual(server.logs.errorsSince(mark), []);
    });
  }
});
