import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EntityTagCondition } from "./etag.js";
import {
  etagOf,
  evaluatePreconditions,
  matchesIfMatch,
  matchesIfNoneMatch,
  parseEntityTags,
} from "./etag.js";

describe("etagOf (RFC 7643 §3.1, RFC 7644 §3.14)", () => {
  it('builds a weak tag W/"<version>"', () => assert.equal(etagOf("3694e05e9dff591"), 'W/"3694e05e9dff591"'));
  it('accepts an empty version (W/"" is a valid entity-tag)', () => assert.equal(etagOf(""), 'W/""'));
  for (const bad of ['a"b', "a b", "a\u0000"]) {
    it(`refuses a version with a character etagc forbids: ${JSON.stringify(bad)}`, () =>
      assert.throws(() => etagOf(bad), TypeError));
  }
});

describe("parseEntityTags (RFC 7232 §2.3, §3.1, §3.2)", () => {
  const cases: [string | string[], EntityTagCondition][] = [
    ["*", { kind: "any" }],
    [" * ", { kind: "any" }],
    ['W/"1"', { kind: "tags", tags: [{ weak: true, opaque: "1" }] }],
    ['"1"', { kind: "tags", tags: [{ weak: false, opaque: "1" }] }],
    [
      'W/"1", "2",W/"3"',
      {
        kind: "tags",
        tags: [
          { weak: true, opaque: "1" },
          { weak: false, opaque: "2" },
          { weak: true, opaque: "3" },
        ],
      },
    ],
    [', W/"1" ,, ', { kind: "tags", tags: [{ weak: true, opaque: "1" }] }], // empty list elements are skipped (RFC 7230 §7)
    [
      ['W/"1"', '"2"'],
      {
        kind: "tags",
        tags: [
          { weak: true, opaque: "1" },
          { weak: false, opaque: "2" },
        ],
      },
    ], // two header lines
    ['""', { kind: "tags", tags: [{ weak: false, opaque: "" }] }],
    ['"a,b"', { kind: "tags", tags: [{ weak: false, opaque: "a,b" }] }], // a comma inside quotes is part of the tag
  ];
  for (const [header, want] of cases) {
    it(`parses ${JSON.stringify(header)}`, () => assert.deepEqual(parseEntityTags(header), want));
  }
  const invalid: string[] = ["1", 'w/"1"', "W/1", '"1', '"1" "2"', "", " , ", '*, "1"', 'W/"a b"'];
  for (const header of invalid) {
    it(`calls ${JSON.stringify(header)} invalid`, () =>
      assert.equal(parseEntityTags(header).kind, "invalid"));
  }
});

describe("matchesIfMatch: weak comparison, as RFC 7644 §3.14 clients echo W/ tags", () => {
  const cases: [string, string | undefined, boolean][] = [
    ['W/"7"', "7", true],
    ['"7"', "7", true], // weak comparison ignores the W/ marker (RFC 7232 §2.3.2)
    ['W/"6"', "7", false],
    ['W/"6", W/"7"', "7", true],
    ['W/"7 "', "7", false],
    ["*", "7", true],
    ["*", undefined, false], // no current representation
    ['W/"7"', undefined, false],
    ["7", "7", false], // invalid header: never lets a write through
  ];
  for (const [header, version, want] of cases) {
    it(`${header} against version ${version} → ${want}`, () =>
      assert.equal(matchesIfMatch(header, version), want));
  }
});

describe("matchesIfNoneMatch (RFC 7232 §3.2: weak comparison)", () => {
  const cases: [string, string | undefined, boolean][] = [
    ['W/"7"', "7", true],
    ['"7"', "7", true],
    ['W/"6"', "7", false],
    ["*", "7", true],
    ["*", undefined, false],
    ["garbage", "7", false],
  ];
  for (const [header, version, want] of cases) {
    it(`${header} against version ${version} → ${want}`, () =>
      assert.equal(matchesIfNoneMatch(header, version), want));
  }
});

describe("evaluatePreconditions (RFC 7232 §6 order)", () => {
  const cases: [string, Parameters<typeof evaluatePreconditions>[0], string][] = [
    ["no headers → proceed", { method: "PUT", version: "7" }, "proceed"],
    ["a current If-Match → proceed", { method: "PATCH", ifMatch: 'W/"7"', version: "7" }, "proceed"],
    [
      "a stale If-Match → 412 (RFC 7644 §3.14)",
      { method: "DELETE", ifMatch: 'W/"6"', version: "7" },
      "preconditionFailed",
    ],
    [
      "a current If-None-Match on GET → 304",
      { method: "GET", ifNoneMatch: 'W/"7"', version: "7" },
      "notModified",
    ],
    [
      "a current If-None-Match on HEAD → 304",
      { method: "head", ifNoneMatch: 'W/"7"', version: "7" },
      "notModified",
    ],
    [
      "a stale If-None-Match on GET → proceed (200)",
      { method: "GET", ifNoneMatch: 'W/"6"', version: "7" },
      "proceed",
    ],
    [
      "If-None-Match: * on PUT of an existing resource → 412",
      { method: "PUT", ifNoneMatch: "*", version: "7" },
      "preconditionFailed",
    ],
    [
      "If-Match is evaluated first",
      { method: "GET", ifMatch: 'W/"6"', ifNoneMatch: 'W/"7"', version: "7" },
      "preconditionFailed",
    ],
  ];
  for (const [name, request, want] of cases) {
    it(name, () => assert.equal(evaluatePreconditions(request), want));
  }
});
