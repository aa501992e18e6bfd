// Listing over HTTP (RFC 7644 §3.4.2, §3.4.3; RFC 9865): filters, POST /.search at a type and at the root,
// sorting, index paging edge cases (§3.4.2.4), cursor walks, and the bounded in-memory evaluation of what
// the datastore cannot run.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createGroup, createUser, type Json, startTestServer, type TestServer } from "./http-test-support.js";

let server: TestServer;
const warnings: object[] = [];
const recording = {
  info() {},
  warn: (obj: object) => void warnings.push(obj),
  error() {},
  child() {
    return recording;
  },
};
before(async () => {
  server = await startTestServer({
    logger: recording,
    provisioning: { limits: { maxResults: 50, inMemoryScanLimit: 30 } },
  });
  // Twelve users with predictable names, titles and e-mails; two groups.
  for (let i = 1; i <= 12; i++) {
    const n = String(i).padStart(2, "0");
    await createUser(server, `user${n}`, {
      title: i % 3 === 0 ? "Tour Guide" : "Driver",
      emails: [{ value: `user${n}@${i % 2 ? "example.com" : "example.org"}`, type: "work" }],
      active: i <= 6,
    });
  }
  await createGroup(server, "Smith Family");
  await createGroup(server, "Smith Travel");
});
after(() => server.close());

const list = (query: string) => server.json(`/Users?${query}`, 200);
const names = (body: Json) => ((body.Resources as Json[]) ?? []).map((r) => r.userName ?? r.displayName);
const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;

describe("filters (RFC 7644 §3.4.2.2)", () => {
  const cases: [string, { filter: string; want: number }][] = [
    ["eq is case-insensitive for userName (caseExact false)", { filter: 'userName eq "USER01"', want: 1 }],
    ["attribute names and operators are case-insensitive", { filter: 'USERNAME Eq "user01"', want: 1 }],
    ["sw", { filter: 'userName sw "user1"', want: 3 }],
    [
      "co on a multi-valued complex attribute reads its value",
      { filter: 'emails co "example.org"', want: 6 },
    ],
    ["valuePath", { filter: 'emails[type eq "work" and value ew ".com"]', want: 6 }],
    ["and / or / not with grouping", { filter: 'title eq "Tour Guide" and not (active eq true)', want: 2 }],
    ["boolean literal", { filter: "active eq false", want: 6 }],
    ["pr", { filter: "title pr", want: 12 }],
    ["meta.lastModified gt", { filter: 'meta.lastModified gt "2000-01-01T00:00:00Z"', want: 12 }],
    [
      "schemas (evaluated over mapped results)",
      { filter: 'schemas eq "urn:ietf:params:scim:schemas:core:2.0:User" and userName sw "user0"', want: 9 },
    ],
  ];
  for (const [name, { filter, want }] of cases) {
    it(`matches: ${name}`, async () => {
      const body = await list(q(filter));
      assert.equal(body.totalResults, want, filter);
    });
  }

  const errors: [string, string][] = [
    ["an unknown attribute (never a silent empty result)", 'nickname2 eq "x"'],
    ["a syntax error", 'userName eq "unterminated'],
    ["an unknown operator", 'userName regex "x"'],
    ["gt on a boolean (RFC 7644 §3.4.2.2 Table 3)", "active gt true"],
  ];
  for (const [name, filter] of errors) {
    it(`refuses ${name} with 400 invalidFilter`, async () => {
      const response = await server.request(`/Users?${q(filter)}`);
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as Json).scimType, "invalidFilter");
    });
  }
});

describe("POST .search (RFC 7644 §3.4.3)", () => {
  it("searches a type with the §3.4.3 example body, projected", async () => {
    const body = await server.json("/Groups/.search", 200, {
      method: "POST",
      json: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        attributes: ["displayName"],
        filter: 'displayName sw "smith"',
        startIndex: 1,
        count: 10,
      },
    });
    assert.equal(body.totalResults, 2);
    assert.deepEqual(Object.keys((body.Resources as Json[])[0] ?? {}).sort(), [
      "displayName",
      "id",
      "schemas",
    ]);
  });

  it("searches every resource type at the server root (RFC 7644 §3.4.2.1)", async () => {
    const body = await server.json("/.search", 200, {
      method: "POST",
      json: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        filter: 'displayName sw "smith" or userName eq "user05"',
      },
    });
    assert.deepEqual(names(body).sort(), ["Smith Family", "Smith Travel", "user05"]);
  });

  it("lists every resource type at GET on the root with paging across types", async () => {
    const first = await server.json("/?count=10", 200);
    const second = await server.json("/?count=10&startIndex=11", 200);
    assert.equal(first.totalResults, 14);
    assert.equal(names(second).length, 4);
    assert.deepEqual(names(second).slice(-2), ["Smith Family", "Smith Travel"]);
  });
});

describe("sorting (RFC 7644 §3.4.2.3)", () => {
  it("sorts ascending by default and descending on request", async () => {
    assert.deepEqual(names(await list("sortBy=userName&count=3")), ["user01", "user02", "user03"]);
    assert.deepEqual(names(await list("sortBy=userName&sortOrder=descending&count=3")), [
      "user12",
      "user11",
      "user10",
    ]);
  });

  it("sorts a multi-valued attribute by its value, missing values last", async () => {
    const body = await list("sortBy=emails.value&count=2");
    assert.deepEqual(names(body), ["user01", "user02"]);
  });

  it("refuses an unknown sortBy attribute with 400 invalidValue", async () => {
    const response = await server.request("/Users?sortBy=nope");
    assert.equal(response.status, 400);
  });
});

describe("index paging (RFC 7644 §3.4.2.4)", () => {
  const cases: [string, { query: string; startIndex: number; items: number; total?: number }][] = [
    ["startIndex and count", { query: "startIndex=11&count=5", startIndex: 11, items: 2 }],
    ["startIndex < 1 read as 1", { query: "startIndex=-4&count=2", startIndex: 1, items: 2 }],
    ["count=0 returns only totalResults", { query: "count=0", startIndex: 1, items: 0, total: 12 }],
    ["a negative count read as 0", { query: "count=-1", startIndex: 1, items: 0, total: 12 }],
    ["startIndex past the end", { query: "startIndex=100", startIndex: 100, items: 0, total: 12 }],
  ];
  for (const [name, { query, startIndex, items, total }] of cases) {
    it(`handles ${name}`, async () => {
      const body = await list(query);
      assert.equal(body.startIndex, startIndex);
      assert.equal(body.itemsPerPage, items);
      assert.equal((body.Resources as Json[]).length, items);
      assert.equal(body.totalResults, total ?? 12);
    });
  }

  it("caps count at filter.maxResults, says so in itemsPerPage and logs it", async () => {
    await createManyOnce();
    const body = await server.json("/?count=500", 200);
    assert.equal(body.itemsPerPage, 50);
    assert.ok(warnings.some((w) => (w as { requested?: number }).requested === 500));
  });
});

let many = false;
async function createManyOnce() {
  if (many) return;
  many = true;
  for (let i = 0; i < 40; i++) await createGroup(server, `bulk-group-${String(i).padStart(2, "0")}`);
}

describe("cursor paging (RFC 9865)", () => {
  it("walks every user exactly once with nextCursor, and back with previousCursor", async () => {
    const seen: string[] = [];
    let page = await list("cursor&count=5&sortBy=userName");
    const pages = [page];
    for (let guard = 0; ; guard++) {
      assert.ok(guard < 100, "a cursor walk ends");
      seen.push(...(names(page) as string[]));
      assert.equal(page.startIndex, undefined);
      if (page.nextCursor === undefined) break;
      page = await list(`cursor=${page.nextCursor}&count=5&sortBy=userName`);
      pages.push(page);
    }
    assert.equal(seen.length, 12);
    assert.equal(new Set(seen).size, 12);
    assert.deepEqual(seen, [...seen].sort());
    const last = pages[pages.length - 1] as Json;
    const back = await list(`cursor=${last.previousCursor}&count=5&sortBy=userName`);
    assert.deepEqual(names(back), names(pages[1] as Json));
  });

  it("stays stable when resources are created and deleted between pages", async () => {
    const first = await list("cursor&count=4");
    const victim = (first.Resources as Json[])[0] as Json;
    await server.json(`/Users/${victim.id}`, 204, { method: "DELETE" });
    await createUser(server, "latecomer", { title: "Driver", emails: [{ value: "l@example.com" }] });
    const rest: string[] = [];
    let cursor = first.nextCursor;
    for (let guard = 0; cursor !== undefined; guard++) {
      assert.ok(guard < 100, "a cursor walk ends");
      const page = await list(`cursor=${cursor}&count=4`);
      rest.push(...(names(page) as string[]));
      cursor = page.nextCursor;
    }
    const firstNames = names(first) as string[];
    assert.equal(
      new Set([...firstNames, ...rest]).size,
      firstNames.length + rest.length,
      "no resource twice",
    );
    assert.ok(rest.includes("latecomer"));
  });

  it("walks the server root across resource types, each resource once (RFC 7644 §3.4.2.1)", async () => {
    const ids: unknown[] = [];
    let page = await server.json("/?cursor&count=4", 200);
    const total = page.totalResults;
    for (let guard = 0; ; guard++) {
      assert.ok(guard < 100, "a cursor walk ends");
      ids.push(...(page.Resources as Json[]).map((r) => r.id));
      if (page.nextCursor === undefined) break;
      page = await server.json(`/?cursor=${page.nextCursor}&count=4`, 200);
    }
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total);
  });

  const bad: [string, { cursor: string; scimType: string }][] = [
    ["a forged cursor", { cursor: "abc.def", scimType: "invalidCursor" }],
    ["garbage", { cursor: "%20", scimType: "invalidCursor" }],
  ];
  for (const [name, { cursor, scimType }] of bad) {
    it(`refuses ${name} with 400 ${scimType}`, async () => {
      const response = await server.request(`/Users?cursor=${cursor}`);
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as Json).scimType, scimType);
    });
  }

  it("refuses a cursor issued for another query with 400 invalidCursor", async () => {
    const page = await list("cursor&count=2");
    const response = await server.request(`/Users?cursor=${page.nextCursor}&count=2&${q("title pr")}`);
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).scimType, "invalidCursor");
  });
});

describe("bounded in-memory evaluation", () => {
  it("answers 400 tooMany when a residual filter would scan more than the limit (RFC 7644 §3.4.2.1)", async () => {
    await createManyOnce();
    const response = await server.request(`/Groups?${q('meta.location co "Groups"')}`);
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).scimType, "tooMany");
  });

  it("evaluates a residual filter over mapped results when the scan is small", async () => {
    const body = await list(q('meta.resourceType eq "User" and userName eq "user02"'));
    assert.deepEqual(names(body), ["user02"]);
  });
});
