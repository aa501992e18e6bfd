// PatchOp message parsing (RFC 7644 §3.5.2; catalogue rfc7644.patch.malformed-request-400,
// rfc7644.patch.remove-requires-path).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonValue } from "../resource/json.js";
import { parsePatchRequest } from "./patch-request.js";
import { assertScimError, body, patchOpUrn } from "./patch-testing.js";

type ErrorCase = [string, { given: unknown; scimType: string; detail: string }];

const errors: ErrorCase[] = [
  ["a body that is not an object", { given: [], scimType: "invalidSyntax", detail: "JSON object" }],
  [
    "no schemas",
    {
      given: { Operations: [{ op: "add", path: "title", value: "x" }] },
      scimType: "invalidSyntax",
      detail: patchOpUrn,
    },
  ],
  [
    "schemas without the PatchOp URN",
    {
      given: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], Operations: [] },
      scimType: "invalidSyntax",
      detail: patchOpUrn,
    },
  ],
  ["no Operations", { given: { schemas: [patchOpUrn] }, scimType: "invalidSyntax", detail: "Operations" }],
  [
    "empty Operations (the MS validator sends this)",
    { given: body(), scimType: "invalidSyntax", detail: "one or more" },
  ],
  [
    "Operations that is not an array",
    {
      given: { schemas: [patchOpUrn], Operations: { op: "add" } },
      scimType: "invalidSyntax",
      detail: "Operations",
    },
  ],
  [
    "an operation that is not an object",
    { given: body("add"), scimType: "invalidSyntax", detail: "Operations[0]" },
  ],
  [
    "an operation without op",
    { given: body({ path: "title", value: "x" }), scimType: "invalidSyntax", detail: '"op" is required' },
  ],
  [
    "op move (JSON Patch, not SCIM)",
    { given: body({ op: "move", path: "title" }), scimType: "invalidSyntax", detail: '"move"' },
  ],
  [
    "op Add capitalised: strictly lowercase (Entra layer accepts it)",
    { given: body({ op: "Add", path: "title", value: "x" }), scimType: "invalidSyntax", detail: '"Add"' },
  ],
  [
    "a path that is not a string",
    { given: body({ op: "add", path: 5, value: "x" }), scimType: "invalidPath", detail: "string" },
  ],
  ["an empty path", { given: body({ op: "remove", path: " " }), scimType: "invalidPath", detail: "empty" }],
  [
    "remove without path → noTarget (§3.5.2.2)",
    { given: body({ op: "remove" }), scimType: "noTarget", detail: "§3.5.2.2" },
  ],
  [
    "remove with a value (Entra's dialect) is refused, not read as 'remove all'",
    {
      given: body({ op: "remove", path: "members", value: [{ value: "a" }] }),
      scimType: "invalidSyntax",
      detail: "takes no",
    },
  ],
  [
    "add without value → invalidValue (§3.5.2.1)",
    { given: body({ op: "add", path: "title" }), scimType: "invalidValue", detail: "requires" },
  ],
  [
    "replace without value → invalidValue (§3.5.2.3; scimmy #80)",
    { given: body({ op: "replace", path: "title" }), scimType: "invalidValue", detail: "requires" },
  ],
  [
    "no-path add whose value is not an object → invalidValue",
    { given: body({ op: "add", value: "x" }), scimType: "invalidValue", detail: "object" },
  ],
  [
    "the failing operation's index is named",
    {
      given: body({ op: "add", path: "title", value: "x" }, { op: "replace", path: "title" }),
      scimType: "invalidValue",
      detail: "Operations[1] (replace title)",
    },
  ],
];

describe("parsePatchRequest (RFC 7644 §3.5.2)", () => {
  for (const [name, { given, scimType, detail }] of errors) {
    it(`refuses ${name}`, () => {
      assertScimError(() => parsePatchRequest(given), scimType, detail);
    });
  }

  it("parses operations in order with their index, path and value", () => {
    const request = parsePatchRequest(
      body(
        { op: "add", path: "members", value: [{ value: "a" }] },
        { op: "remove", path: 'members[value eq "b"]' },
        { op: "replace", value: { title: "x" } },
      ),
    );
    assert.deepEqual(request.operations, [
      { index: 0, op: "add", path: "members", value: [{ value: "a" }] },
      { index: 1, op: "remove", path: 'members[value eq "b"]', value: undefined },
      { index: 2, op: "replace", path: undefined, value: { title: "x" } },
    ]);
  });

  it("matches member names case-insensitively (RFC 7643 §2.1) and keeps null as a value", () => {
    const request = parsePatchRequest({
      SCHEMAS: [patchOpUrn.toUpperCase()],
      operations: [{ OP: "replace", PATH: "title", VALUE: null }],
    });
    assert.deepEqual(request.operations, [{ index: 0, op: "replace", path: "title", value: null }]);
  });

  it("accepts capitalised ops when asked (the Entra layer)", () => {
    const ops: JsonValue[] = [
      { op: "Add", path: "title", value: "x" },
      { op: "REPLACE", path: "title", value: "y" },
      { op: "Remove", path: "title" },
    ];
    const request = parsePatchRequest(body(...ops), { caseInsensitiveOps: true });
    assert.deepEqual(
      request.operations.map((o) => o.op),
      ["add", "replace", "remove"],
    );
  });

  it("keeps a remove's value when asked, for a layer to read", () => {
    const request = parsePatchRequest(body({ op: "remove", path: "members", value: [{ value: "a" }] }), {
      keepRemoveValue: true,
    });
    assert.deepEqual(request.operations[0]?.value, [{ value: "a" }]);
  });

  it("returns frozen data", () => {
    const request = parsePatchRequest(body({ op: "add", path: "title", value: "x" }));
    assert.ok(
      Object.isFrozen(request) &&
        Object.isFrozen(request.operations) &&
        Object.isFrozen(request.operations[0]),
    );
  });
});
