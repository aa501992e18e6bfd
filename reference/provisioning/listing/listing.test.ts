// Paging windows (RFC 7644 §3.4.2.4, RFC 9865 §2), search parameters (§3.4.2, §3.4.3) and cursors
// (RFC 9865 §2.2): table-driven.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../../protocol/errors/scim-error.js";
import { parseFilter } from "../../protocol/filter/parse-filter.js";
import { messageUrns } from "../../protocol/schema/schema-definition.js";
import { defaultServiceLimits } from "../service-limits.js";
import { CursorCodec } from "./cursor-codec.js";
import { pageWindow } from "./page-window.js";
import { specializeFilter } from "./root-filter.js";
import { noSearchParams, searchParamsFromBody, searchParamsFromQuery } from "./search-params.js";

function scimTypeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof ScimError, String(error));
    return `${error.status} ${error.scimType}`;
  }
  return undefined;
}

describe("pageWindow", () => {
  const limits = { ...defaultServiceLimits, maxResults: 50, defaultPageSize: 10 };
  const cases: [string, { given: Partial<typeof noSearchParams>; want: unknown; capped?: number }][] = [
    [
      "defaults to startIndex 1 and the default page size",
      { given: {}, want: { kind: "index", startIndex: 1, count: 10 } },
    ],
    [
      "reads startIndex < 1 as 1 (RFC 7644 §3.4.2.4)",
      { given: { startIndex: -5 }, want: { kind: "index", startIndex: 1, count: 10 } },
    ],
    [
      "reads startIndex 0 as 1",
      { given: { startIndex: 0 }, want: { kind: "index", startIndex: 1, count: 10 } },
    ],
    [
      "reads a negative count as 0",
      { given: { count: -3 }, want: { kind: "index", startIndex: 1, count: 0 } },
    ],
    [
      "keeps count 0 (totalResults only)",
      { given: { count: 0 }, want: { kind: "index", startIndex: 1, count: 0 } },
    ],
    [
      "caps count at maxResults and says so",
      { given: { count: 500 }, want: { kind: "index", startIndex: 1, count: 50 }, capped: 500 },
    ],
    [
      "selects cursor paging by an empty cursor (RFC 9865 §2)",
      { given: { cursor: "", count: 5 }, want: { kind: "cursor", cursor: "", count: 5 } },
    ],
  ];
  for (const [name, { given, want, capped }] of cases) {
    it(name, () => {
      const result = pageWindow({ ...noSearchParams, ...given }, limits, true);
      assert.deepEqual(result.window, want);
      assert.equal(result.cappedFrom, capped);
    });
  }

  it("uses the configured default method when neither cursor nor startIndex is given (RFC 9865 §2.5)", () => {
    const result = pageWindow(noSearchParams, { ...limits, defaultPaginationMethod: "cursor" }, true);
    assert.equal(result.window.kind, "cursor");
  });

  it("refuses cursor and startIndex together", () => {
    assert.equal(
      scimTypeOf(() => pageWindow({ ...noSearchParams, cursor: "", startIndex: 1 }, limits, true)),
      "400 invalidValue",
    );
  });
});

describe("searchParamsFromQuery", () => {
  it("reads every parameter, names in any letter case", () => {
    const params = searchParamsFromQuery({
      FILTER: 'userName eq "a"',
      sortby: "userName",
      sortOrder: "Descending",
      startIndex: "3",
      count: "7",
      attributes: "userName,emails",
      excludedAttributes: "groups",
    });
    assert.deepEqual(params, {
      filter: 'userName eq "a"',
      sortBy: "userName",
      sortOrder: "descending",
      startIndex: 3,
      count: 7,
      cursor: undefined,
      attributes: "userName,emails",
      excludedAttributes: "groups",
    });
  });

  const bad: [string, Record<string, string | string[]>][] = [
    ["a non-integer startIndex", { startIndex: "x" }],
    ["a fractional count", { count: "1.5" }],
    ["an unknown sortOrder", { sortOrder: "up" }],
    ["a repeated filter", { filter: ["a pr", "b pr"] }],
  ];
  for (const [name, query] of bad) {
    it(`refuses ${name} with 400 invalidValue`, () => {
      assert.equal(
        scimTypeOf(() => searchParamsFromQuery(query)),
        "400 invalidValue",
      );
    });
  }
});

describe("searchParamsFromBody", () => {
  it("reads the RFC 7644 §3.4.3 example request", () => {
    const params = searchParamsFromBody({
      schemas: [messageUrns.searchRequest],
      attributes: ["displayName", "userName"],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
    });
    assert.equal(params.attributes, "displayName,userName");
    assert.equal(params.filter, 'displayName sw "smith"');
    assert.equal(params.startIndex, 1);
    assert.equal(params.count, 10);
  });

  it("refuses a body without the SearchRequest URN with 400 invalidSyntax", () => {
    assert.equal(
      scimTypeOf(() => searchParamsFromBody({ filter: "a pr" })),
      "400 invalidSyntax",
    );
  });

  it("refuses a count that is not a number", () => {
    assert.equal(
      scimTypeOf(() => searchParamsFromBody({ schemas: [messageUrns.searchRequest], count: "ten" })),
      "400 invalidValue",
    );
  });
});

describe("CursorCodec", () => {
  let now = 1_000_000_000_000;
  const codec = new CursorCodec({ timeoutSeconds: 60, now: () => now });

  it("round-trips a state with only unreserved URI characters (RFC 3986 §2.3)", () => {
    const cursor = codec.encode({ position: "p1", direction: "next", typeIndex: 1 }, "fp");
    assert.match(cursor, /^[A-Za-z0-9\-._~]+$/);
    assert.deepEqual(codec.decode(cursor, "fp"), { position: "p1", direction: "next", typeIndex: 1 });
  });

  const rejections: [string, { cursor: () => string; fingerprint?: string; want: string }][] = [
    ["a malformed cursor", { cursor: () => "abc", want: "400 invalidCursor" }],
    [
      "a tampered cursor",
      {
        cursor: () => `x${codec.encode({ position: "p", direction: "next" }, "fp")}`,
        want: "400 invalidCursor",
      },
    ],
    [
      // The signature's last base64url character carries 2 unused bits; flipping one of them leaves the
      // decoded bytes unchanged, so only a comparison of the text catches the edit.
      "a cursor edited in the signature's unused bits",
      {
        cursor: () => {
          const genuine = codec.encode({ position: "p", direction: "next" }, "fp");
          const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
          const last = alphabet.indexOf(genuine.slice(-1));
          return genuine.slice(0, -1) + alphabet.charAt(last ^ 1);
        },
        want: "400 invalidCursor",
      },
    ],
    [
      "a cursor from another server key",
      {
        cursor: () =>
          new CursorCodec({ timeoutSeconds: 60 }).encode({ position: "p", direction: "next" }, "fp"),
        want: "400 invalidCursor",
      },
    ],
    [
      "a cursor of another query",
      {
        cursor: () => codec.encode({ position: "p", direction: "next" }, "other"),
        want: "400 invalidCursor",
      },
    ],
  ];
  for (const [name, { cursor, fingerprint, want }] of rejections) {
    it(`refuses ${name}`, () => {
      assert.equal(
        scimTypeOf(() => codec.decode(cursor(), fingerprint ?? "fp")),
        want,
      );
    });
  }

  it("refuses an expired cursor with expiredCursor (RFC 9865 §2.2)", () => {
    const cursor = codec.encode({ position: "p", direction: "next" }, "fp");
    now += 61_000;
    assert.equal(
      scimTypeOf(() => codec.decode(cursor, "fp")),
      "400 expiredCursor",
    );
  });
});

describe("specializeFilter (RFC 7644 §3.4.2.1 root filters)", () => {
  const known = new Set(["displayName"]);
  const everywhere = new Set(["displayName", "userName"]);
  const run = (text: string) =>
    specializeFilter(
      parseFilter(text),
      (p) => known.has(p.name),
      (p) => everywhere.has(p.name),
    );
  const cases: [string, { filter: string; want: boolean | string }][] = [
    ["drops a false disjunct", { filter: 'displayName sw "s" or userName eq "u"', want: "or-less" }],
    [
      "makes a conjunction with an absent attribute false",
      { filter: 'displayName sw "s" and userName eq "u"', want: false },
    ],
    ["reads pr of an absent attribute as false", { filter: "userName pr", want: false }],
    ["reads ne of an absent attribute as true", { filter: 'userName ne "u"', want: true }],
    ["reads eq null of an absent attribute as true", { filter: "userName eq null", want: true }],
    ["negates through not", { filter: "not (userName pr)", want: true }],
    ["leaves a name no type knows for resolution to refuse", { filter: 'nothing eq "x"', want: "compare" }],
  ];
  for (const [name, { filter, want }] of cases) {
    it(name, () => {
      const got = run(filter);
      if (typeof want === "boolean") assert.equal(got, want);
      else if (want === "or-less") assert.equal(typeof got === "object" && got.kind, "compare");
      else assert.equal(typeof got === "object" && got.kind, want);
    });
  }
});
